/**
 * Copying a database between engines: a populated SQLite database (real inventories, the
 * registry synchronised from them, a user, tasks, an entity tree whose child has the smaller id)
 * goes to PostgreSQL and back to a new SQLite file with every row of every table equal, the
 * counts checked, the id generators past the copied ids; a target in use is refused untouched.
 */

import assert from "node:assert/strict";
import type { Kysely } from "kysely";
import { sql } from "kysely";
import { createUser } from "../auth/users.ts";
import { syncBatch } from "../registry/batch.ts";
import { ensureTasks } from "../tasks/store.ts";
import { BUILTIN_TASKS } from "../tasks/builtin/mod.ts";
import { machineXml } from "../../tests/_helpers/fleet.ts";
import { startPostgres } from "../../tests/_helpers/postgres.ts";
import { withPipeline } from "../../tests/_helpers/roundtrip.ts";
import { readCatalog } from "./catalog.ts";
import { copyDatabase, type CopyProgress } from "./copy.ts";
import { openPostgres } from "./postgres/open.ts";
import type { Database } from "./schema.ts";
import { openSqlite } from "./sqlite.ts";

const AT = new Date("2026-11-21T08:00:00Z");

/** Every row of every table, in primary-key order, blobs as plain arrays. */
async function dump(db: Kysely<Database>): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of await readCatalog(db)) {
    const [name, info] = table;
    const { rows } = await sql<Record<string, unknown>>`
      select ${sql.join(info.columns.map((c) => sql.ref(c)))} from ${sql.table(name)}
      order by ${sql.join(info.primaryKey.map((c) => sql.ref(c)))}`.execute(db);
    out[name] = rows.map((row) =>
      Object.fromEntries(
        Object.entries(row).map(([k, v]) => [k, v instanceof Uint8Array ? [...v] : v]),
      )
    );
  }
  return out;
}

Deno.test("copy: SQLite → PostgreSQL → SQLite keeps every row; a target in use is refused", async () => {
  const cluster = await startPostgres();
  const away = await Deno.makeTempDir({ prefix: "inventory-copy-" });
  try {
    await withPipeline(async ({ ctx, send }) => {
      for (const i of [1, 2, 3]) {
        await send(machineXml({
          deviceid: `pc-${i}-2026-11-21-08-00-00`,
          name: `pc-${i}`,
          serial: `SER-${i}`,
          uuid: `UUID-${i}`,
          macs: [`00:1a:2b:3c:4d:0${i}`],
          software: [{ name: "openssl", version: `3.0.${i}` }, { name: `tool-${i}`, version: "1" }],
        }));
      }
      await syncBatch(ctx);
      await createUser(ctx.db, {
        login: "alice",
        passwordHash: null,
        mustChangePassword: true,
        profile: "admin",
        entityScope: [{ entityId: 1, recursive: true }],
      }, AT);
      await ensureTasks(ctx.db, BUILTIN_TASKS, AT);
      // A tree whose child has the smaller id: its parent row comes later in id order.
      for (const [id, name] of [[2, "Lyon"], [3, "France"]] as const) {
        await ctx.db.insertInto("entities")
          .values({ id, parent_id: 1, name, completename: `Root entity > ${name}`, level: 2 })
          .execute();
      }
      await ctx.db.updateTable("entities").set({ parent_id: 3, level: 3 }).where("id", "=", 2)
        .execute();
      const before = await dump(ctx.db);
      assert.ok(before.computers!.length === 3 && before.software_installs!.length >= 6);
      assert.equal(before.device_search!.length, 3);

      const pg = await openPostgres<Database>(await cluster.createDatabase());
      try {
        const progress: CopyProgress[] = [];
        // Pages of 2 rows: keys (composite ones too) carry on across pages, and a parent
        // (entity 3) arrives in a later page than its child (entity 2).
        const report = await copyDatabase(ctx.db, pg.db, {
          onProgress: (p) => progress.push(p),
          pageRows: 2,
        });
        assert.ok(report.tables.every((t) => t.source === t.target));
        assert.equal(report.tables.find((t) => t.name === "devices")?.target, 3);
        const last = new Map(progress.map((p) => [p.table, p]));
        assert.ok([...last.values()].every((p) => p.copied === p.total));
        assert.deepEqual(await dump(pg.db), before, "PostgreSQL holds the same rows");

        // New rows get ids past the copied ones.
        const entity = await pg.db.insertInto("entities")
          .values({ parent_id: 1, name: "Paris", completename: "Root entity > Paris", level: 2 })
          .returning("id").executeTakeFirstOrThrow();
        assert.equal(entity.id, 4);
        await pg.db.deleteFrom("entities").where("id", "=", 4).execute();

        // Refused: the target has devices. Nothing changed.
        await assert.rejects(copyDatabase(ctx.db, pg.db), /target database is in use/);
        assert.deepEqual(await dump(pg.db), before);

        const back = openSqlite<Database>(`${away}/back.sqlite`);
        try {
          await copyDatabase(pg.db, back.db, { pageRows: 2 });
          assert.deepEqual(await dump(back.db), before, "and back: the same rows");
          const { rows } = await sql<{ rowid: number }>`
            select rowid from device_search where device_search match '"00:1a:2b:3c:4d:02"'`
            .execute(back.db);
          assert.equal(rows.length, 1, "the FTS5 index answers after the copy");
        } finally {
          await back.close();
        }
      } finally {
        await pg.close();
      }
    });
  } finally {
    await cluster.stop();
    await Deno.remove(away, { recursive: true });
  }
});

Deno.test("copy: a source behind the latest migration is refused", async () => {
  const away = await Deno.makeTempDir({ prefix: "inventory-copy-" });
  try {
    const source = openSqlite<Database>(`${away}/old.sqlite`);
    const target = openSqlite<Database>(`${away}/new.sqlite`);
    try {
      await assert.rejects(copyDatabase(source.db, target.db), /not at the latest schema/);
    } finally {
      await source.close();
      await target.close();
    }
  } finally {
    await Deno.remove(away, { recursive: true });
  }
});
