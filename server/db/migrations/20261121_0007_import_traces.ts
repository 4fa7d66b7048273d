/**
 * Moves each computer's import trace (the JSON rule trace of its import, ~4 KB) out of the
 * `computers` row into `computer_import_traces`, one row per computer that has one.
 *
 * In the row, the trace made most computers rows span an overflow page: a full scan of the
 * computers (a free-text search, a TAG filter, a sort no index serves) read several times the
 * pages it needs. Only the computer page and the API's computer GET read the trace, one
 * computer at a time, by primary key.
 *
 * `ALTER TABLE … DROP COLUMN` needs SQLite 3.35; no index, view or trigger uses the column.
 * The trace goes with its computer (ON DELETE CASCADE: the connection turns foreign keys on).
 */

import { type Kysely, sql } from "kysely";

// deno-lint-ignore no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable("computer_import_traces")
    .addColumn(
      "computer_id",
      "integer",
      (c) => c.primaryKey().references("computers.id").onDelete("cascade"),
    )
    .addColumn("trace", "text", (c) => c.notNull())
    .execute();
  await db.insertInto("computer_import_traces")
    .columns(["computer_id", "trace"])
    .expression(
      db.selectFrom("computers").select(["id", "import_trace"])
        .where("import_trace", "is not", null),
    )
    .execute();
  await db.schema.alterTable("computers").dropColumn("import_trace").execute();
}

// deno-lint-ignore no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("computers").addColumn("import_trace", "text").execute();
  await db.updateTable("computers")
    .set({
      import_trace: sql`(select trace from computer_import_traces
        where computer_import_traces.computer_id = computers.id)`,
    })
    .execute();
  await db.schema.dropTable("computer_import_traces").execute();
}
