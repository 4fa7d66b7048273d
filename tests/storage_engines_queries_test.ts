/**
 * The server's read queries on both engines: a registry fed by real inventories on SQLite is
 * copied to PostgreSQL (`copyDatabase`), then each query below runs on both and must answer the
 * same.
 *
 * Engine differences fixed behind small helpers (docs/storage-seam.md), each exercised here:
 * - text search with LIKE (`listComputers` with `search`/`os`/criteria, `findLinkTargets`,
 *   `listDeviceRows`, `listSoftware`, `listEvents` by kind, `listDevices`' name substring):
 *   `server/db/text_match.ts` says `like` on SQLite, `ilike` on PostgreSQL (SQLite's LIKE
 *   ignores ASCII case, PostgreSQL's does not), `%`/`_` escaped alike: "Pc-1" finds "PC-1";
 * - `fleetFigures` and `runStatistics`: `count(*) filter (where …)` on both (PostgreSQL has no
 *   `sum(boolean)`); a condition that is always true or false is a comparison (`1 = 1`), not `1`;
 * - SQLite's planner hint `cross join … on` (`versionCounts` for every entity, so
 *   `softwareVersions` with scope "all", and `versionComputers`): `orderedJoin` in
 *   `server/db/engine.ts` keeps it on SQLite, a plain `join` on PostgreSQL;
 * - `listDevices` with `search`: each engine's own full-text index (FTS5 `match` on SQLite,
 *   `server/db/postgres/search_index.ts` on PostgreSQL).
 *
 * Still different: `ilike` folds case beyond ASCII by the database's locale; the two full-text
 * indexes cut user text alike for words, MACs, IPs and package names (tested here) but FTS5 also
 * removes diacritics.
 */

import assert from "node:assert/strict";
import type { Kysely } from "kysely";
import { copyDatabase } from "../server/db/copy.ts";
import { openPostgres } from "../server/db/postgres/open.ts";
import type { Database } from "../server/db/schema.ts";
import { syncBatch } from "../server/registry/batch.ts";
import {
  deviceFigures,
  fleetFigures,
  taskHealth,
  topSoftware,
} from "../server/registry/dashboard.ts";
import { softwareCharts } from "../server/registry/dashboard_software.ts";
import { listDeviceRows } from "../server/registry/device_list.ts";
import { findLinkTargets, inboxDeviceIds } from "../server/registry/inbox.ts";
import {
  getComputer,
  listComputers,
  listNotImported,
  registryCounts,
} from "../server/registry/queries.ts";
import {
  listSoftware,
  softwareVersions,
  versionComputers,
} from "../server/registry/software_queries.ts";
import { loadTreeIndex, subtreeIds } from "../server/registry/tree.ts";
import { getDeviceDetail, listDevices } from "../server/store/devices.ts";
import { listEvents, writeEvent } from "../server/tasks/event_log.ts";
import { BUILTIN_TASKS } from "../server/tasks/builtin/mod.ts";
import { runStatistics } from "../server/tasks/run_log.ts";
import { ensureTasks } from "../server/tasks/store.ts";
import { machineXml } from "./_helpers/fleet.ts";
import { startPostgres } from "./_helpers/postgres.ts";
import { withPipeline } from "./_helpers/roundtrip.ts";

type Query = (db: Kysely<Database>) => Promise<unknown>;

const noPause = () => Promise.resolve();
/** Past every inventory of the test (they are stamped with the clock's time). */
const NOW = new Date("2099-01-01T00:00:00Z");
/** A task with runs in the log. */
const TASK = BUILTIN_TASKS[0]!.name;

/** Every version id, for `versionComputers` over several versions. */
async function allVersionIds(db: Kysely<Database>): Promise<number[]> {
  return (await db.selectFrom("software_versions").select("id").orderBy("id").execute())
    .map((r) => r.id);
}

const QUERIES: Record<string, Query> = {
  "listComputers": (db) => listComputers(db, {}),
  "listComputers by MAC": (db) => listComputers(db, { search: "001a2b3c4d02" }),
  "listComputers by software": (db) => listComputers(db, { search: "software:openssl" }),
  "listComputers sorted by entity, descending": (db) =>
    listComputers(db, { sort: "entity", descending: true }),
  "listComputers trashed": (db) => listComputers(db, { trashed: true }),
  "getComputer": (db) => getComputer(db, 2),
  "registryCounts": (db) => registryCounts(db),
  "listNotImported": (db) => listNotImported(db),
  "deviceFigures": (db) => deviceFigures(db, "all"),
  "deviceFigures in an entity": (db) => deviceFigures(db, [1]),
  "topSoftware": (db) => topSoftware(db, "all", { pause: noPause }),
  "topSoftware in an entity": (db) => topSoftware(db, [1], { pause: noPause }),
  "softwareCharts": (db) => softwareCharts(db, "all", { pause: noPause }),
  "softwareCharts in an entity": (db) => softwareCharts(db, [1], { pause: noPause }),
  "taskHealth": (db) => taskHealth(db),
  "softwareVersions in an entity": (db) => softwareVersions(db, 1, [1]),
  "inboxDeviceIds": (db) => inboxDeviceIds(db, [1, 2, 3]),
  "listEvents": (db) => listEvents(db),
  "listDevices": (db) => listDevices(db),
  "getDeviceDetail": (db) => getDeviceDetail(db, "pc-2-2026-11-21-08-00-00"),
  // Text searches: case ignored on both engines, wildcards literal.
  "listComputers by mixed-case name": (db) => listComputers(db, { search: "Pc-1" }),
  "listComputers by lower-case serial": (db) => listComputers(db, { search: "ser-2" }),
  "listComputers with a literal %": (db) => listComputers(db, { search: "PC%1" }),
  "listComputers with a literal _": (db) => listComputers(db, { search: "PC_1" }),
  "listComputers by OS": (db) => listComputers(db, { os: "DEBIAN" }),
  "listComputers by mixed-case software": (db) => listComputers(db, { search: "software:OpenSSL" }),
  "listComputers by software version": (db) =>
    listComputers(db, { search: "software:OPENSSL version>3.0.1" }),
  "listComputers by a serial criterion": (db) => listComputers(db, { search: "serial:ser-3" }),
  "findLinkTargets": (db) => findLinkTargets(db, "pc-"),
  "findLinkTargets by serial": (db) => findLinkTargets(db, "Ser-3"),
  "listDeviceRows by name": (db) =>
    listDeviceRows(db, { scope: "all", search: "Pc-2", limit: 10, offset: 0 }),
  "listDeviceRows in an entity": (db) =>
    listDeviceRows(db, { scope: [1], search: "PC", limit: 10, offset: 0 }),
  "listSoftware": (db) =>
    listSoftware(db, { search: "OPENssl", scope: "all", limit: 10, offset: 0 }),
  "listSoftware in an entity": (db) =>
    listSoftware(db, { search: "tool", scope: [1], limit: 10, offset: 0 }),
  "listEvents by kind": (db) => listEvents(db, { kind: "alert" }),
  "listEvents by a kind with _": (db) => listEvents(db, { kind: "alert.disk_full" }),
  // `sum(<comparison>)` made portable.
  "fleetFigures": (db) => fleetFigures(db, "all", NOW, 1),
  "fleetFigures in an entity": (db) => fleetFigures(db, [1], NOW, 100_000),
  "runStatistics": (db) => runStatistics(db, TASK),
  "runStatistics of a task never run": (db) => runStatistics(db, BUILTIN_TASKS[1]!.name),
  // SQLite's `cross join … on` hint.
  "softwareVersions over every entity": (db) => softwareVersions(db, 1, "all"),
  "softwareVersions in no entity": (db) => softwareVersions(db, 1, []),
  "fleetFigures in no entity": (db) => fleetFigures(db, [], NOW, 1),
  "deviceFigures in no entity": (db) => deviceFigures(db, []),
  "versionComputers": async (db) =>
    versionComputers(db, await allVersionIds(db), { scope: "all", limit: 100, offset: 0 }),
  "versionComputers in an entity, paged": async (db) =>
    versionComputers(db, await allVersionIds(db), { scope: [1], limit: 3, offset: 1 }),
  // Each engine's full-text index, plus the name substring.
  "listDevices by name": (db) => listDevices(db, { search: "PC-2" }),
  "listDevices by software": (db) => listDevices(db, { search: "openssl" }),
  "listDevices by MAC": (db) => listDevices(db, { search: "00:1a:2b:3c:4d:03" }),
  "listDevices by IP": (db) => listDevices(db, { search: "10.0.0.1" }),
  "listDevices by two words": (db) => listDevices(db, { search: "pc-1 OpenSSL" }),
  "listDevices in one column": (db) => listDevices(db, { search: "tool-3", column: "software" }),
  "loadTreeIndex": async (db) => [...Object.entries(await loadTreeIndex(db))],
  "subtreeIds": (db) => subtreeIds(db, "entities", 1),
};

/** A value as JSON would carry it (maps as entry lists, bytes as arrays), for comparing. */
function plain(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(
      value,
      (_key, v) =>
        v instanceof Map
          ? [...v.entries()]
          : v instanceof Set
          ? [...v]
          : v instanceof Uint8Array
          ? [...v]
          : v,
    ),
  );
}

Deno.test("the registry and store queries answer the same on SQLite and PostgreSQL", async () => {
  const cluster = await startPostgres();
  try {
    await withPipeline(async ({ ctx, send }) => {
      for (const i of [1, 2, 3]) {
        await send(machineXml({
          deviceid: `pc-${i}-2026-11-21-08-00-00`,
          name: `PC-${i}`,
          serial: `SER-${i}`,
          uuid: `UUID-${i}`,
          macs: [`00:1a:2b:3c:4d:0${i}`],
          software: [{ name: "OpenSSL", version: `3.0.${i}` }, { name: `Tool-${i}`, version: "1" }],
        }));
      }
      await syncBatch(ctx);
      // A trashed computer (subtracted by the counts over every entity) and events by kind.
      await ctx.db.updateTable("computers").set({ is_deleted: 1 }).where("id", "=", 3).execute();
      const at = new Date("2026-11-21T09:00:00Z");
      for (
        const kind of [
          "Alert.Disk",
          "alert.disk_full.sda",
          "alert.diskXfull.sda",
          "alertx",
          "task.x",
        ]
      ) {
        await writeEvent(ctx.db, { at, level: "warn", kind, message: kind });
      }
      await ensureTasks(ctx.db, BUILTIN_TASKS, at);
      for (const [status, duration_ms] of [["done", 10], ["error", 15], ["error", 20]] as const) {
        await ctx.db.insertInto("task_runs").values({
          task: TASK,
          owner: "test",
          trigger: "schedule",
          started_at: at.toISOString(),
          status,
          duration_ms,
          volume: 3,
        }).execute();
      }
      const pg = await openPostgres<Database>(await cluster.createDatabase());
      try {
        await copyDatabase(ctx.db, pg.db);
        for (const [name, query] of Object.entries(QUERIES)) {
          const onSqlite = plain(await query(ctx.db));
          const onPostgres = await query(pg.db).catch((error: Error) => {
            throw new Error(`${name} on PostgreSQL: ${error.message}`, { cause: error });
          });
          assert.deepEqual(plain(onPostgres), onSqlite, name);
        }
        // Not vacuous: the registry has what the queries read, and PostgreSQL finds what
        // SQLite finds whatever the case typed.
        const total = async (db: Kysely<Database>, search: string) =>
          (await listComputers(db, { search })).total;
        assert.equal((await listComputers(ctx.db)).total, 2);
        assert.equal(await total(ctx.db, "001a2b3c4d02"), 1);
        for (const db of [ctx.db, pg.db]) {
          assert.equal(await total(db, "Pc-1"), 1);
          assert.equal(await total(db, "PC_1"), 0);
          assert.equal(await total(db, "software:OpenSSL"), 2);
          assert.equal((await listComputers(db, { os: "DEBIAN" })).total, 2);
          assert.equal((await findLinkTargets(db, "pc-")).length, 3);
          assert.deepEqual((await listEvents(db, { kind: "alert" })).map((e) => e.kind).sort(), [
            "Alert.Disk",
            "alert.diskXfull.sda",
            "alert.disk_full.sda",
          ]);
          assert.equal((await listEvents(db, { kind: "alert.disk_full" })).length, 1);
          assert.equal((await fleetFigures(db, "all", NOW, 1)).notSeen, 2);
          assert.equal((await runStatistics(db, TASK)).errors, 2);
          const versions = await softwareVersions(db, 1, "all");
          assert.equal(versions.reduce((n, v) => n + v.computers, 0), 2);
          assert.equal((await listDevices(db, { search: "PC-2" })).total, 1);
          assert.equal((await listDevices(db, { search: "openssl" })).total, 3);
          assert.equal((await listDevices(db, { search: "00:1a:2b:3c:4d:03" })).total, 1);
        }
      } finally {
        await pg.close();
      }
    });
  } finally {
    await cluster.stop();
  }
});
