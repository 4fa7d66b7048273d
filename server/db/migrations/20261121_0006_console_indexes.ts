/**
 * Indexes the console needs at 100,000 computers (additive only).
 *
 * `computers_live_name` serves the computers list's default order: live computers by name (the
 * rowid breaks ties) come straight from the index, 50 rows for the first page instead of sorting
 * every computer (measured 50 ms → 0.2 ms at 100,000).
 * `computers_dashboard` covers the dashboard's one grouped pass over the computers (live and
 * trashed counts, not seen for N days, OS and manufacturer distribution, within an entity
 * scope): SQLite reads the index alone, in group order, never the table rows.
 * `computers_created` gives the computers created since a date (the "new per week" sparkline)
 * as a range, within an entity scope too, without reading the table.
 *
 * The dashboard's two do not start with `is_deleted`: the lists filter on it, and an index
 * starting with it but without statistics looks selective to the planner and replaces better
 * plans (a measured 25× slowdown of the list's first page). For the same reason, a database
 * that has statistics gets them for the new indexes at once.
 */

import { type Kysely, sql } from "kysely";
import { engineOf } from "../engine.ts";

// deno-lint-ignore no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("computers_live_name").on("computers")
    .columns(["is_deleted", "name"])
    .execute();
  await db.schema.createIndex("computers_dashboard").on("computers")
    .columns(["os_name", "manufacturer", "is_deleted", "entity_id", "last_inventory_at"])
    .execute();
  await db.schema.createIndex("computers_created").on("computers")
    .columns(["created_at", "is_deleted", "entity_id"])
    .execute();
  // PostgreSQL's ANALYZE keeps column statistics, which a new plain index does not need.
  if (engineOf(db) !== "sqlite") return;
  const { rows } = await sql<{ n: number }>`
    select count(*) as n from sqlite_master where name = 'sqlite_stat1'`.execute(db);
  if (Number(rows[0]?.n ?? 0) > 0) {
    const analysed = await sql<{ n: number }>`
      select count(*) as n from sqlite_stat1 where tbl = 'computers'`.execute(db);
    if (Number(analysed.rows[0]?.n ?? 0) > 0) {
      // Bounded, as the `optimise` task's PRAGMA optimize does.
      await sql`PRAGMA analysis_limit = 1000`.execute(db);
      await sql`ANALYZE computers`.execute(db);
    }
  }
}

// deno-lint-ignore no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("computers_created").execute();
  await db.schema.dropIndex("computers_dashboard").execute();
  await db.schema.dropIndex("computers_live_name").execute();
}
