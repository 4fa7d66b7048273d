/**
 * The device search index in PostgreSQL's terms: the same table name and columns as SQLite's
 * FTS5 `device_search` (the device id in a column named `rowid`, so the statements that address
 * a row by id read alike), plus a generated `words` tsvector with a GIN index.
 *
 * Tokens are cut as the FTS5 tokenizer cuts them (`tokenchars '-._+:'`): MACs, IPs, versions and
 * package names stay whole, lower-cased. They are made with `array_to_tsvector` rather than
 * `to_tsvector`, whose parser would split a MAC or a package name. One difference: FTS5 also
 * removes diacritics; `unaccent` is not immutable, so a generated column cannot use it.
 *
 * These are the PostgreSQL versions of `server/store/search_index.ts`'s functions, for the
 * storage port (docs/storage-seam.md).
 *
 * @module
 */

import { type Kysely, sql } from "kysely";
import { SEARCH_COLUMNS, type SearchColumn, type SearchKeys } from "../../ingest/search_keys.ts";

// deno-lint-ignore no-explicit-any
type AnyDb = Kysely<any>;

/** What separates tokens: whitespace and punctuation but the FTS5 token characters. */
const SEPARATORS = String.raw`[\s!"#$%&'()*,/;<=>?@\[\\\]^\x60{|}~]+`;

/** The tsvector of one text expression, tokens cut as FTS5 cuts them. */
function wordsOf(expression: ReturnType<typeof sql>) {
  return sql`array_to_tsvector(array_remove(
    regexp_split_to_array(lower(${expression}), ${sql.lit(SEPARATORS)}), ''))`;
}

/** Creates the index table (called by the first migration on PostgreSQL). */
export async function createSearchIndex(db: AnyDb): Promise<void> {
  const all = sql.join(SEARCH_COLUMNS.map((c) => sql.ref(c)), sql` || ' ' || `);
  await sql`create table device_search (
    rowid bigint primary key,
    ${sql.join(SEARCH_COLUMNS.map((c) => sql`${sql.ref(c)} text not null default ''`))},
    words tsvector generated always as (${wordsOf(all)}) stored
  )`.execute(db);
  await sql`create index device_search_words on device_search using gin (words)`.execute(db);
}

/** Writes the keys of one device, keeping the columns `keys` does not carry. */
export async function writeSearchKeys(
  db: AnyDb,
  deviceId: number,
  keys: SearchKeys,
): Promise<void> {
  const changed = SEARCH_COLUMNS.filter((c) => keys[c] !== undefined);
  if (changed.length === 0) return;
  const values = changed.map((c) => keys[c]!);
  // Only a changed value rewrites the row (and its index entries).
  await sql`insert into device_search (rowid, ${sql.join(changed.map((c) => sql.ref(c)))})
    values (${deviceId}, ${sql.join(values)})
    on conflict (rowid) do update set
      ${sql.join(changed.map((c) => sql`${sql.ref(c)} = excluded.${sql.ref(c)}`))}
    where (${sql.join(changed.map((c) => sql`device_search.${sql.ref(c)}`))})
      is distinct from (${sql.join(changed.map((c) => sql`excluded.${sql.ref(c)}`))})`
    .execute(db);
}

/** Removes a device from the index. */
export async function deleteSearchKeys(db: AnyDb, deviceId: number): Promise<void> {
  await sql`delete from device_search where rowid = ${deviceId}`.execute(db);
}

/**
 * Device ids whose keys match every word of `text` (each word as a prefix), best first,
 * optionally within one column: the contract of the SQLite version.
 */
export async function searchDevices(
  db: AnyDb,
  text: string,
  options: { column?: SearchColumn; limit?: number } = {},
): Promise<number[]> {
  const query = toTsQuery(text);
  if (query === null) return [];
  const inColumn = options.column
    ? sql`and ${wordsOf(sql.ref(options.column))} @@ ${query}::tsquery`
    : sql``;
  const result = await sql<{ rowid: number }>`
    select rowid from device_search
    where words @@ ${query}::tsquery ${inColumn}
    order by ts_rank(words, ${query}::tsquery) desc, rowid
    limit ${options.limit ?? 1000}`.execute(db);
  return result.rows.map((r) => Number(r.rowid));
}

/**
 * A tsquery from user text: each token quoted as a literal prefix (no operator injection), all
 * required. Cut as the index cuts, so "10.0.0.1/24" asks for both parts.
 */
function toTsQuery(text: string): string | null {
  const words = text.toLowerCase().split(new RegExp(SEPARATORS)).filter((w) => w !== "");
  if (words.length === 0) return null;
  return words.map((w) => `'${w}':*`).join(" & ");
}
