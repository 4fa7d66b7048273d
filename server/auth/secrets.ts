/**
 * Random bearer secrets (session cookies, API tokens, CSRF tokens) and how they are stored: a
 * SHA-256 of a 256-bit random value needs no salt nor slow hash, and a leaked table cannot be
 * replayed.
 *
 * @module
 */

import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** A new random secret: 32 bytes, base64url, with an optional recognisable prefix. */
export function newSecret(prefix = ""): string {
  return prefix + randomBytes(32).toString("base64url");
}

/** The stored form of a secret. */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** Compares two strings in time that does not depend on where they differ. */
export function sameSecret(a: string, b: string): boolean {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
