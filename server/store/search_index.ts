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
import { compileStatement, perConnection } from "../db/compiled.ts";
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

const searchStatements = perConnection((db: AnyDb, raw) => ({
  row: compileStatement<Record<SearchColumn, string>>(raw, (slot) => ({
    compile: () =>
      sql`select name, serial, uuid, mac, ip, os, software from device_search
        where rowid = ${slot("id")}`.compile(db),
  })),
  remove: compileStatement(raw, (slot) => ({
    compile: () => sql`delete from device_search where rowid = ${slot("id")}`.compile(db),
  })),
  insert: compileStatement(raw, (slot) => ({
    compile: () =>
      sql`insert into device_search (rowid, name, serial, uuid, mac, ip, os, software)
        values (${slot("id")}, ${sql.join(SEARCH_COLUMNS.map((c) => slot(c)))})`.compile(db),
  })),
}));

/**
 * Writes the keys of one device, keeping the columns `keys` does not carry. Synchronous: it
 * runs on the connection behind `db`, inside the caller's transaction.
 */
export function writeSearchKeys(db: AnyDb, deviceId: number, keys: SearchKeys): void {
  const changed = Object.keys(keys) as SearchColumn[];
  if (changed.length === 0) return;
  const statements = searchStatements(db);
  const row = statements.row.get({ id: deviceId });
  if (row && changed.every((c) => row[c] === keys[c])) return;
  const values: Record<string, unknown> = { id: deviceId };
  for (const c of SEARCH_COLUMNS) values[c] = keys[c] ?? row?.[c] ?? "";
  if (row) statements.remove.run({ id: deviceId });
  statements.insert.run(values);
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
