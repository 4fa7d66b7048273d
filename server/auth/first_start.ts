/**
 * First start: a database without users gets `admin`, over every entity, with a random one-time
 * password that must be changed at the first sign-in. The password goes to a file only its owner
 * can read, in the data directory (never to the log or the terminal, which journals keep); the
 * first sign-in as `admin` deletes the file.
 *
 * @module
 */

import { join } from "node:path";
import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";
import type { WriteQueue } from "../store/write_queue.ts";
import { generatePassword, hashPassword } from "./password.ts";
import { countUsers, createUser } from "./users.ts";

/** The login first start creates. */
export const FIRST_ADMIN_LOGIN = "admin";

/** The file, in the data directory, that holds the first admin's one-time password. */
export const FIRST_PASSWORD_FILE = "first-admin-password.txt";

/** Where the first admin's one-time password is written in `dataDir`. */
export function firstPasswordPath(dataDir: string): string {
  return join(dataDir, FIRST_PASSWORD_FILE);
}

/** Writes `password` to the one-time password file (mode 0600, replacing any older one). */
export async function writeFirstPasswordFile(dataDir: string, password: string): Promise<string> {
  const path = firstPasswordPath(dataDir);
  // Removed first: an existing file would keep its own (maybe wider) mode.
  await Deno.remove(path).catch(() => {});
  await Deno.writeTextFile(path, `${password}\n`, { mode: 0o600, createNew: true });
  await Deno.chmod(path, 0o600); // whatever the umask
  return path;
}

/** Deletes the one-time password file, if any: called once `admin` has signed in. */
export async function forgetFirstPassword(dataDir: string): Promise<boolean> {
  try {
    await Deno.remove(firstPasswordPath(dataDir));
    return true;
  } catch {
    return false;
  }
}

/** Creates the first admin when there are no users; resolves to its credentials, else null. */
export async function ensureFirstAdmin(
  deps: { db: Kysely<Database>; writes: WriteQueue<Database> },
  now: Date,
): Promise<{ login: string; password: string } | null> {
  if (await countUsers(deps.db) > 0) return null;
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  // Checked again inside the write: another process (`users add`) may have won the race.
  const created = await deps.writes.run(async (db) => {
    if (await countUsers(db) > 0) return false;
    await createUser(db, {
      login: FIRST_ADMIN_LOGIN,
      displayName: "Administrator",
      passwordHash,
      mustChangePassword: true,
      profile: "admin",
      entityScope: "all",
    }, now);
    return true;
  });
  return created ? { login: FIRST_ADMIN_LOGIN, password } : null;
}
