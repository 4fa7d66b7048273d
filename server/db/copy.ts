/**
 * Copies a whole database between engines (SQLite → PostgreSQL and back), for moving a live
 * installation (issue 15, `inventory db copy`): every table in an order that satisfies the
 * foreign keys, rows with their ids, the id generators moved past them, then a count check per
 * table. The source is read in one read transaction (a consistent snapshot while agents keep
 * reporting to it); the target is written in one transaction, so a failed copy leaves it as it was.
 *
 * @module
 */

import { type Kysely, type RawBuilder, sql } from "kysely";
import { type Engine, engineOf, syncIdentity } from "./engine.ts";
import { migrateToLatest } from "./migrate.ts";
import { migrationProvider } from "./migrations/mod.ts";
import { parentsFirst, readCatalog, type TableInfo } from "./catalog.ts";

// deno-lint-ignore no-explicit-any
type AnyDb = Kysely<any>;

/** Where a copy is: `copied` of `total` rows of `table`. */
export interface CopyProgress {
  table: string;
  copied: number;
  total: number;
}

/** Rows per table in the source and, after the copy, in the target. */
export interface CopyReport {
  tables: { name: string; source: number; target: number }[];
}

/** Tables whose rows mean the target is in use: a copy never merges into those. */
const IN_USE = ["devices", "computers", "users"];

/** Most bound parameters in one statement: under SQLite's 32,766 and PostgreSQL's 65,535. */
const MAX_PARAMETERS = 16_000;

/**
 * Copies `from` into `to` (migrated to the latest schema here). The target must not be in use.
 *
 * @throws {Error} when the source is not at the latest migration, the target holds devices,
 *   computers or users, the schemas differ, or a table's count differs after the copy (the
 *   target is then rolled back)
 */
export async function copyDatabase(
  from: AnyDb,
  to: AnyDb,
  options: {
    onProgress?: (progress: CopyProgress) => void;
    /** Rows read and inserted at a time (at most what the parameter limit allows). */
    pageRows?: number;
  } = {},
): Promise<CopyReport> {
  await requireLatest(from);
  await migrateToLatest(to);
  const [source, target] = [await readCatalog(from), await readCatalog(to)];
  checkSameTables(source, target);
  for (const table of IN_USE) {
    const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`
      .execute(to);
    if (Number(rows[0]?.n) > 0) {
      throw new Error(
        `The target database is in use (table ${table} has rows): copy into a new one`,
      );
    }
  }
  const order = parentsFirst(target);
  return await inTransaction(
    from,
    "read",
    (reader) =>
      inTransaction(to, "write", async (writer) => {
        // The migrations seed a few rows (root entity, states): the source's replace them.
        for (const table of [...order].reverse()) await writer.deleteFrom(table.name).execute();
        const tables: CopyReport["tables"] = [];
        for (const table of order) {
          const total = await count(reader, table.name);
          await copyTable(reader, writer, table, total, options);
          tables.push({ name: table.name, source: total, target: await count(writer, table.name) });
        }
        if (engineOf(to) === "postgres") await syncIdentities(writer);
        const wrong = tables.filter((t) => t.source !== t.target);
        if (wrong.length > 0) {
          throw new Error(
            `Copy check failed (rolled back): ${
              wrong.map((t) => `${t.name} ${t.source} → ${t.target}`).join(", ")
            }`,
          );
        }
        return { tables };
      }),
  );
}

async function requireLatest(db: AnyDb): Promise<void> {
  const all = Object.keys(await migrationProvider.getMigrations());
  const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(db)
    .catch(() => ({ rows: [] as { name: string }[] }));
  const applied = new Set(rows.map((r) => r.name));
  const missing = all.filter((m) => !applied.has(m));
  if (missing.length > 0) {
    throw new Error(
      `The source database is not at the latest schema (missing ${missing.join(", ")}): ` +
        "start this version's server on it once first",
    );
  }
}

function checkSameTables(source: Map<string, TableInfo>, target: Map<string, TableInfo>): void {
  for (const [name, info] of target) {
    const other = source.get(name);
    const same = other && [...other.columns].sort().join() === [...info.columns].sort().join();
    if (!same) throw new Error(`Table ${name} differs between source and target`);
  }
  const extra = [...source.keys()].filter((name) => !target.has(name));
  if (extra.length > 0) throw new Error(`Tables only in the source: ${extra.join(", ")}`);
}

async function count(db: AnyDb, table: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`
    .execute(db);
  return Number(rows[0]?.n ?? 0);
}

/** Copies one table in primary-key order, a page at a time (keyset pagination). */
async function copyTable(
  reader: AnyDb,
  writer: AnyDb,
  table: TableInfo,
  total: number,
  options: { onProgress?: (progress: CopyProgress) => void; pageRows?: number },
): Promise<void> {
  const { onProgress } = options;
  const columns = table.columns;
  const pageRows = Math.max(
    1,
    Math.min(options.pageRows ?? 1000, Math.floor(MAX_PARAMETERS / columns.length)),
  );
  // A column that references its own table (a tree's parent) is filled once every row exists.
  const selfRefs = table.references.filter((r) => r.table === table.name).map((r) => r.column);
  const key = table.primaryKey.length > 0 ? table.primaryKey : columns;
  const keyList = sql.join(key.map((c) => sql.ref(c)));
  const deferred: Record<string, unknown>[] = [];
  let after: unknown[] | null = null;
  let copied = 0;
  onProgress?.({ table: table.name, copied, total });
  for (;;) {
    const where: RawBuilder<unknown> = after
      ? sql`where (${keyList}) > (${sql.join(after)})`
      : sql``;
    const { rows }: { rows: Record<string, unknown>[] } = await sql<Record<string, unknown>>`
      select ${sql.join(columns.map((c) => sql.ref(c)))} from ${sql.table(table.name)}
      ${where} order by ${keyList} limit ${pageRows}`.execute(reader);
    if (rows.length === 0) break;
    const values = rows.map((row) => {
      if (selfRefs.length === 0) return row;
      deferred.push(Object.fromEntries([...key, ...selfRefs].map((c) => [c, row[c]])));
      return { ...row, ...Object.fromEntries(selfRefs.map((c) => [c, null])) };
    });
    await writer.insertInto(table.name).values(values).execute();
    copied += rows.length;
    onProgress?.({ table: table.name, copied, total });
    const last: Record<string, unknown> = rows[rows.length - 1]!;
    after = key.map((c) => last[c]);
  }
  for (const row of deferred) {
    let update = writer.updateTable(table.name)
      .set(Object.fromEntries(selfRefs.map((c) => [c, row[c]])));
    for (const c of key) update = update.where(c, "=", row[c]);
    await update.execute();
  }
}

/** Moves every identity column's sequence past the copied ids. */
async function syncIdentities(db: AnyDb): Promise<void> {
  const { rows } = await sql<{ table: string; column: string }>`
    select table_name as "table", column_name as "column" from information_schema.columns
    where table_schema = current_schema() and is_identity = 'YES'`.execute(db);
  for (const { table, column } of rows) await syncIdentity(db, table, column);
}

/**
 * Runs `fn` in one transaction on a connection of `db`: a read snapshot (repeatable read on
 * PostgreSQL) or a write transaction (BEGIN IMMEDIATE on SQLite: the write lock from the start).
 */
async function inTransaction<T>(
  db: AnyDb,
  kind: "read" | "write",
  fn: (conn: AnyDb) => Promise<T>,
): Promise<T> {
  const begin: Record<Engine, Record<typeof kind, string>> = {
    sqlite: { read: "begin", write: "begin immediate" },
    postgres: { read: "begin isolation level repeatable read read only", write: "begin" },
  };
  return await db.connection().execute(async (conn) => {
    await sql.raw(begin[engineOf(db)][kind]).execute(conn);
    try {
      const result = await fn(conn);
      await sql`commit`.execute(conn);
      return result;
    } catch (error) {
      await sql`rollback`.execute(conn).catch(() => {});
      throw error;
    }
  });
}
