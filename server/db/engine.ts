/**
 * Which engine a Kysely instance runs on, and the few schema pieces that differ between them.
 *
 * The migrations are one definition for both engines, written in SQLite's vocabulary; on
 * PostgreSQL the type names and SQLite's rowid primary keys are translated by
 * `postgres/schema_plugin.ts`. What cannot be translated (a table option, the full-text index,
 * SQLite's own statistics tables) goes through the helpers here, so a migration says once what
 * differs and why.
 *
 * @module
 */

import { type Kysely, PostgresAdapter, type RawBuilder, sql } from "kysely";

/** The storage engines. */
export type Engine = "sqlite" | "postgres";

/** Works on any schema. */
// deno-lint-ignore no-explicit-any
export type AnyDb = Pick<Kysely<any>, "getExecutor">;

/** The engine behind `db` (both PostgreSQL drivers use Kysely's PostgresAdapter). */
export function engineOf(db: AnyDb): Engine {
  return db.getExecutor().adapter instanceof PostgresAdapter ? "postgres" : "sqlite";
}

/**
 * The table option `without rowid` on SQLite (a table clustered on its primary key, for tables
 * with a composite key and no other use of the rowid); nothing on PostgreSQL, whose tables are
 * heaps anyway.
 */
export function withoutRowid(db: AnyDb): RawBuilder<unknown> {
  return engineOf(db) === "sqlite" ? sql`without rowid` : sql``;
}

/**
 * After rows were inserted with explicit ids, moves the table's id generator past them. SQLite
 * takes the next rowid from the table itself; a PostgreSQL identity column has its own sequence
 * that explicit values do not advance.
 */
export async function syncIdentity(
  // deno-lint-ignore no-explicit-any
  db: Kysely<any>,
  table: string,
  column = "id",
): Promise<void> {
  if (engineOf(db) !== "postgres") return;
  await sql`select setval(
    pg_get_serial_sequence(${table}, ${column}),
    coalesce((select max(${sql.ref(column)}) from ${sql.table(table)}), 0) + 1,
    false
  )`.execute(db);
}

/**
 * The join keyword for a join whose order is forced on SQLite: `cross join … on` there (its
 * planner keeps the tables in the order written, which some queries need for speed), a plain
 * `join` on PostgreSQL, where a cross join takes no ON (its planner orders the join itself; not
 * measured at scale yet).
 */
export function orderedJoin(db: AnyDb): RawBuilder<unknown> {
  return engineOf(db) === "sqlite" ? sql`cross join` : sql`join`;
}
