/**
 * Saved computer searches: a user's own, and those shared with every user. The query is the
 * computers list's URL query (filter, sort, columns), so opening one restores the list as it was.
 *
 * @module
 */

import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";

/** A saved search as lists show it. */
export interface SavedSearch {
  id: number;
  name: string;
  query: string;
  shared: boolean;
  /** Saved by the reader (may delete it). */
  own: boolean;
  owner: string;
}

/** The searches `userId` sees: their own, then those others shared, by name. */
export async function listSavedSearches(
  db: Kysely<Database>,
  userId: number,
): Promise<SavedSearch[]> {
  const rows = await db.selectFrom("saved_searches")
    .innerJoin("users", "users.id", "saved_searches.user_id")
    .select([
      "saved_searches.id",
      "saved_searches.name",
      "saved_searches.query",
      "saved_searches.shared",
      "saved_searches.user_id",
      "users.login",
    ])
    .where((eb) =>
      eb.or([eb("saved_searches.user_id", "=", userId), eb("saved_searches.shared", "=", 1)])
    )
    .orderBy("saved_searches.name").orderBy("saved_searches.id").execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    query: r.query,
    shared: r.shared === 1,
    own: r.user_id === userId,
    owner: r.login,
  })).sort((a, b) => Number(b.own) - Number(a.own));
}

/** One search `userId` may open (theirs or shared), or undefined. */
export async function findSavedSearch(
  db: Kysely<Database>,
  userId: number,
  id: number,
): Promise<SavedSearch | undefined> {
  return (await listSavedSearches(db, userId)).find((s) => s.id === id);
}

/** Saves a search; returns its id. */
export async function saveSearch(
  db: Kysely<Database>,
  search: { userId: number; name: string; query: string; shared: boolean },
  now: Date,
): Promise<number> {
  const row = await db.insertInto("saved_searches").values({
    user_id: search.userId,
    name: search.name,
    query: search.query,
    shared: search.shared ? 1 : 0,
    created_at: now.toISOString(),
  }).returning("id").executeTakeFirstOrThrow();
  return row.id;
}

/** Deletes one of `userId`'s own searches; false when it is not theirs (or gone). */
export async function deleteSavedSearch(
  db: Kysely<Database>,
  userId: number,
  id: number,
): Promise<boolean> {
  const result = await db.deleteFrom("saved_searches").where("id", "=", id)
    .where("user_id", "=", userId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
