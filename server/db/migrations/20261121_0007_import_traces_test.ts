/**
 * Migration `20261121_0007_import_traces` on a database made before it: the traces in the
 * computers rows move to `computer_import_traces` unchanged, the column goes, purge removes a
 * trace through the foreign key, and going down puts the traces back in the rows.
 */

import assert from "node:assert/strict";
import { Migrator } from "kysely/migration";
import { purgeComputers } from "../../registry/trash.ts";
import { migrateToLatest } from "../migrate.ts";
import type { Database } from "../schema.ts";
import { openSqlite } from "../sqlite.ts";
import { migrationProvider } from "./mod.ts";

const BEFORE = "20261121_0006_console_indexes";
const THIS = "20261121_0007_import_traces";

async function migrateTo(
  migrator: Migrator,
  name: string,
): Promise<void> {
  const { error } = await migrator.migrateTo(name);
  if (error) throw error;
}

Deno.test("0007 moves import traces out of the computers rows and keeps them", async () => {
  const dir = await Deno.makeTempDir({ prefix: "inventory-migration-" });
  const { db, raw, close } = openSqlite<Database>(`${dir}/inventory.sqlite`);
  try {
    const migrator = new Migrator({ db, provider: migrationProvider });
    await migrateTo(migrator, BEFORE);
    const at = "2026-11-21T08:00:00.000Z";
    const trace = JSON.stringify([{
      collection: "import",
      matched: { name: "Create" },
      trace: [],
    }]);
    const insert = raw.prepare(
      `insert into computers (id, name, created_at, updated_at, import_rule, import_trace)
       values (?, ?, ?, ?, ?, ?)`,
    );
    insert.run(1, "traced", at, at, "Create", trace);
    insert.run(2, "by-hand", at, at, "", null);
    insert.run(3, "big", at, at, "Create", "x".repeat(10_000));

    // Later migrations run after it; this one must be the first applied.
    assert.deepEqual((await migrateToLatest(db)).slice(0, 1), [THIS]);
    const moved = raw.prepare(
      "select computer_id, trace from computer_import_traces order by computer_id",
    ).all().map((r) => ({ ...r }));
    assert.deepEqual(moved, [
      { computer_id: 1, trace },
      { computer_id: 3, trace: "x".repeat(10_000) },
    ]);
    const columns = raw.prepare("select name from pragma_table_info('computers')").all()
      .map((r) => r.name);
    assert.ok(!columns.includes("import_trace"));
    assert.equal(
      (raw.prepare("pragma foreign_key_check").all()).length,
      0,
      "no dangling trace",
    );

    // Purge takes the trace with the computer (the connection has foreign keys on).
    assert.equal(await purgeComputers(db, [3], new Date(at), { evenIfNotTrashed: true }), 1);
    assert.deepEqual(
      raw.prepare("select computer_id from computer_import_traces").all().map((r) => r.computer_id),
      [1],
    );

    // Down: back in the row, the table gone.
    await migrateTo(migrator, BEFORE);
    const rows = raw.prepare("select id, import_trace from computers order by id").all()
      .map((r) => ({ ...r }));
    assert.deepEqual(rows, [{ id: 1, import_trace: trace }, { id: 2, import_trace: null }]);
    const tables = raw.prepare(
      "select name from sqlite_master where name = 'computer_import_traces'",
    ).all();
    assert.equal(tables.length, 0);
  } finally {
    await close();
    await Deno.remove(dir, { recursive: true });
  }
});
