/**
 * Encryption at rest of the passwords of sources: AES-256-GCM with a key kept beside the
 * database (`DATA/secret.key`, created on first use, mode 0600) or given by
 * `INVENTORY_SECRET_KEY` (base64 of 32 bytes). A copy of the database alone does not reveal the
 * passwords; the key file is not in backups of the database file.
 *
 * @module
 */

import { Buffer } from "node:buffer";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { join } from "node:path";

const KEY_FILE = "secret.key";
const PREFIX = "v1:";

/** The key of a data directory, created when absent. */
export function secretKey(dataDir: string): Uint8Array {
  const fromEnv = Deno.env.get("INVENTORY_SECRET_KEY");
  if (fromEnv) {
    const key = Uint8Array.from(atob(fromEnv), (c) => c.charCodeAt(0));
    if (key.length !== 32) throw new Error("INVENTORY_SECRET_KEY must be base64 of 32 bytes");
    return key;
  }
  const path = join(dataDir, KEY_FILE);
  try {
    const key = Deno.readFileSync(path);
    if (key.length === 32) return key;
    throw new Error(`${path} is not a 32-byte key: restore it from a backup`);
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  const key = new Uint8Array(randomBytes(32));
  // createNew: two processes creating it at once must not end with two keys.
  try {
    Deno.writeFileSync(path, key, { mode: 0o600, createNew: true });
  } catch (error) {
    if (error instanceof Deno.errors.AlreadyExists) return secretKey(dataDir);
    throw error;
  }
  return key;
}

/** Encrypts `text`. */
export function seal(key: Uint8Array, text: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([cipher.update(text, "utf8"), cipher.final()]);
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64");
}

/** Decrypts what `seal` made; throws when the key is not the one it was sealed with. */
export function open(key: Uint8Array, sealed: string): string {
  if (!sealed.startsWith(PREFIX)) throw new Error("unknown secret format");
  const raw = Buffer.from(sealed.slice(PREFIX.length), "base64");
  const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  try {
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
  } catch {
    throw new Error("the stored password cannot be decrypted with this data directory's key");
  }
}
