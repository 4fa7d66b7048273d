/**
 * The device search index: one FTS5 row per device (rowid = device id) with its search keys.
 *
 * Why FTS5 and not a (kind, value, device) table: a device carries ~800 software names, and
 * inserting them into a name-ordered B-tree touched ~800 pages per inventory (11 ms measured);
 * FTS5 writes segments and merges them later (0.4–0.8 ms). This module is SQLite-specific on
 * purpose; another backend brings its own full-text index behind the same two functions.
 *
 * @module
 */

import { type Kysely, sql } from "kysely";
import { SEARCH_COLUMNS, type SearchColumn, type SearchKeys } from "../ingest/search_keys.ts";

/** Works on any schema: the index is outside the typed tables. */
// deno-lint-ignore no-explicit-any
type AnyDb = Kysely<any>;

/** Creates the index table (called by a migration). */
export async function createSearchIndex(db: AnyDb): Promise<void> {
  // tokenchars keep MACs, IPs, versions and package names (a-b.c+d) whole.
  await sql`create virtual table device_search using fts5(
    name, serial, uuid, mac, ip, os, software,
    tokenize = "unicode61 remove_diacritics 2 tokenchars '-._+:'"
  )`.execute(db);
}

/** Writes the keys of one device, keeping the columns `keys` does not carry. */
export async function writeSearchKeys(
  db: AnyDb,
  deviceId: number,
  keys: SearchKeys,
): Promise<void> {
  const changed = Object.keys(keys) as SearchColumn[];
  if (changed.length === 0) return;
  const current = await sql<Record<SearchColumn, string>>`
    select name, serial, uuid, mac, ip, os, software from device_search where rowid = ${deviceId}
  `.execute(db);
  const row = current.rows[0];
  if (row && changed.every((c) => row[c] === keys[c])) return;
  const values = SEARCH_COLUMNS.map((c) => keys[c] ?? row?.[c] ?? "");
  if (row) await sql`delete from device_search where rowid = ${deviceId}`.execute(db);
  await sql`insert into device_search (rowid, name, serial, uuid, mac, ip, os, software)
    values (${deviceId}, ${sql.join(values)})`.execute(db);
}

/** Removes a device from the index. */
export async function deleteSearchKeys(db: AnyDb, deviceId: number): Promise<void> {
  await sql`delete from device_search where rowid = ${deviceId}`.execute(db);
}

/**
 * Device ids whose keys match every word of `text` (each word as a prefix), best first,
 * optionally within one column.
 */
export async function searchDevices(
  db: AnyDb,
  text: string,
  options: { column?: SearchColumn; limit?: number } = {},
): Promise<number[]> {
  const query = toMatchQuery(text, options.column);
  if (query === null) return [];
  const result = await sql<{ rowid: number }>`
    select rowid from device_search where device_search match ${query}
    order by rank limit ${options.limit ?? 1000}
  `.execute(db);
  return result.rows.map((r) => r.rowid);
}

/** Builds an FTS5 query from user text: every word quoted (no operator injection), prefix. */
function toMatchQuery(text: string, column?: SearchColumn): string | null {
  const words = text.toLowerCase().split(/[\s;,"]+/).filter((w) => w !== "");
  if (words.length === 0) return null;
  const terms = words.map((w) => `"${w.replaceAll('"', "")}"*`).join(" ");
  return column ? `${column} : (${terms})` : terms;
}
