/**
 * First start: a database without users gets `admin`, over every entity, with a random one-time
 * password that must be changed at the first sign-in.
 *
 * @module
 */

import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";
import type { WriteQueue } from "../store/write_queue.ts";
import { generatePassword, hashPassword } from "./password.ts";
import { countUsers, createUser } from "./users.ts";

/** The login first start creates. */
export const FIRST_ADMIN_LOGIN = "admin";

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
