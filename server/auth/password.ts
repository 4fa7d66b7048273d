/**
 * Password hashing with scrypt (memory-hard, in node:crypto, computed off the main thread).
 * The stored string carries its parameters — `scrypt$N=16384,r=8,p=1$<salt>$<hash>` (base64url)
 * — so they can be raised later: old hashes still verify, and {@link needsRehash} tells the
 * sign-in to store a stronger one.
 *
 * Parameters measured on the development machine (2 cores): N=2^14 ≈ 60 ms and 16 MiB per hash,
 * N=2^15 ≈ 130 ms, N=2^16 ≈ 290 ms; N=2^14 is inside the 50–100 ms target.
 *
 * @module
 */

import { Buffer } from "node:buffer";
import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";

/** scrypt cost parameters. */
export interface ScryptParams {
  /** CPU/memory cost, a power of two. */
  N: number;
  r: number;
  p: number;
}

/** What new hashes use. */
export const CURRENT_PARAMS: ScryptParams = { N: 16384, r: 8, p: 1 };

/** Bounds on stored parameters, so a tampered row cannot make a sign-in hash for minutes. */
const MAX_N = 1 << 20;
const KEY_BYTES = 32;
const SALT_BYTES = 16;

/** A new password that does not meet the policy; the message says why. */
export class PasswordPolicyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PasswordPolicyError";
  }
}

/** The shortest password accepted. */
export const MIN_PASSWORD_LENGTH = 10;

/** Checks a new password against the policy. @throws {PasswordPolicyError} */
export function checkPasswordPolicy(password: string, login = ""): void {
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    throw new PasswordPolicyError(
      `The password must have at least ${MIN_PASSWORD_LENGTH} characters`,
    );
  }
  if ([...password].length > 1024) throw new PasswordPolicyError("The password is too long");
  if (login !== "" && password.toLowerCase().includes(login.toLowerCase())) {
    throw new PasswordPolicyError("The password must not contain the login");
  }
}

/** Hashes `password` with fresh salt and the current parameters. */
export async function hashPassword(
  password: string,
  params: ScryptParams = CURRENT_PARAMS,
): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, params);
  return `scrypt$N=${params.N},r=${params.r},p=${params.p}$${salt.toString("base64url")}$${
    key.toString("base64url")
  }`;
}

/** True when `password` matches `stored`; false for a wrong password or an unreadable hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  const key = await derive(password, parsed.salt, parsed.params);
  return key.length === parsed.key.length && timingSafeEqual(key, parsed.key);
}

/** True when `stored` was made with weaker parameters than the current ones. */
export function needsRehash(stored: string): boolean {
  const parsed = parseHash(stored);
  if (!parsed) return true;
  const { N, r, p } = parsed.params;
  return N < CURRENT_PARAMS.N || r < CURRENT_PARAMS.r || p < CURRENT_PARAMS.p;
}

let decoy: Promise<string> | null = null;

/**
 * A hash of nothing anyone knows: verifying against it costs what a real check costs, so an
 * unknown login answers as slowly as a wrong password.
 */
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(18).toString("base64url"));
  return decoy;
}

/** A random password for first start and resets: 20 characters of base64url (120 bits). */
export function generatePassword(): string {
  return randomBytes(15).toString("base64url");
}

function parseHash(
  stored: string,
): { params: ScryptParams; salt: Buffer; key: Buffer } | null {
  const match = /^scrypt\$N=(\d+),r=(\d+),p=(\d+)\$([\w-]+)\$([\w-]+)$/.exec(stored);
  if (!match) return null;
  const params = { N: Number(match[1]), r: Number(match[2]), p: Number(match[3]) };
  const powerOfTwo = params.N > 1 && (params.N & (params.N - 1)) === 0;
  if (!powerOfTwo || params.N > MAX_N || params.r < 1 || params.r > 32) return null;
  if (params.p < 1 || params.p > 16) return null;
  const salt = Buffer.from(match[4]!, "base64url");
  const key = Buffer.from(match[5]!, "base64url");
  if (salt.length < SALT_BYTES || key.length !== KEY_BYTES) return null;
  return { params, salt, key };
}

function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  // scrypt needs 128·N·r bytes; Node's default cap (32 MiB) is too low for N ≥ 2^15.
  const maxmem = 256 * params.N * params.r + 1024 * 1024;
  return new Promise((resolve, reject) =>
    scrypt(
      password.normalize("NFC"),
      salt,
      KEY_BYTES,
      { ...params, maxmem },
      (error, key) => error ? reject(error) : resolve(key),
    )
  );
}
