/**
 * One migration definition, two engines (issue 15): the same assertions on the embedded SQLite
 * file and on a real PostgreSQL cluster. Migrate to latest, down to the first and up again; the
 * tables, columns and indexes exist and agree between the engines; a device, its payload, a
 * computer, its trace and a new entity make the round trip through Kysely with the values (and
 * JS types) the code expects; the device search index finds by prefix, whole MACs and versions.
 * On PostgreSQL, two servers (two pools) claiming one task lease at once: exactly one wins. On
 * SQLite, the engine helpers leave the schema SQLite had before them (checked once against the
 * tree before this change: the same `sqlite_master`, byte for byte).
 */

import assert from "node:assert/strict";
import { type Kysely, sql } from "kysely";
import { Migrator } from "kysely/migration";
import type { SearchColumn, SearchKeys } from "../server/ingest/search_keys.ts";
import { type Engine, engineOf } from "../server/db/engine.ts";
import { migrateToLatest } from "../server/db/migrate.ts";
import { migrationProvider } from "../server/db/migrations/mod.ts";
import * as pgSearch from "../server/db/postgres/search_index.ts";
import type { Database } from "../server/db/schema.ts";
import * as fts5Search from "../server/store/search_index.ts";
import { openPostgres } from "../server/db/postgres/open.ts";
import { BUILTIN_TASKS } from "../server/tasks/builtin/mod.ts";
import { claimTask, finishRun } from "../server/tasks/leases.ts";
import { ensureTasks } from "../server/tasks/store.ts";
import { ENGINES, withEngine } from "./_helpers/engines.ts";
import { startPostgres } from "./_helpers/postgres.ts";

const AT = "2026-11-21T08:00:00.000Z";

/** Every table and its columns, as `name type` (types in SQLite's vocabulary). */
async function describeTables(db: Kysely<Database>): Promise<Map<string, string[]>> {
  const postgresTypes: Record<string, string> = { int8: "integer", bytea: "blob", text: "text" };
  const out = new Map<string, string[]>();
  for (const table of await db.introspection.getTables()) {
    // FTS5 keeps its index in shadow tables; PostgreSQL's search table has its own columns.
    if (table.name.startsWith("device_search")) continue;
    out.set(
      table.name,
      table.columns.map((c) => {
        const type = c.dataType.toLowerCase();
        return `${c.name} ${postgresTypes[type] ?? type}`;
      }).sort(),
    );
  }
  return out;
}

/** The indexes made by `createIndex` (not those behind primary keys and unique constraints). */
async function namedIndexes(db: Kysely<Database>): Promise<string[]> {
  const { rows } = engineOf(db) === "postgres"
    ? await sql<{ name: string }>`
      select i.indexname as name from pg_indexes i
      where i.schemaname = 'public' and not exists (
        select 1 from pg_constraint c where c.conname = i.indexname)`.execute(db)
    : await sql<{ name: string }>`
      select name from sqlite_master
      where type = 'index' and name not like 'sqlite_autoindex_%'`.execute(db);
  return rows.map((r) => r.name).sort();
}

const allMigrations = async () => Object.keys(await migrationProvider.getMigrations()).sort();

for (const engine of ENGINES) {
  Deno.test(`${engine}: the migrations run to latest, down to the first and up again`, () =>
    withEngine(engine, async (db) => {
      assert.equal(engineOf(db), engine);
      assert.deepEqual(await migrateToLatest(db), await allMigrations());
      assert.deepEqual(await migrateToLatest(db), [], "nothing left to apply");

      const tables = await describeTables(db);
      for (const table of ["devices", "device_sections", "computers", "entities", "tasks"]) {
        assert.ok(tables.has(table), `table ${table}`);
      }
      assert.ok(tables.get("computers")!.includes("memory_mb integer"));
      assert.ok(tables.get("device_payloads")!.includes("body blob"));
      const indexes = await namedIndexes(db);
      for (
        const index of ["devices_name", "computers_live_name", "history_computer", "history_kind"]
      ) {
        assert.ok(indexes.includes(index), `index ${index}`);
      }

      const [first] = await allMigrations();
      const migrator = new Migrator({ db, provider: migrationProvider });
      const down = await migrator.migrateTo(first!);
      assert.equal(down.error, undefined, String(down.error));
      assert.ok(!(await describeTables(db)).has("computers"), "the registry went down");
      assert.equal((await migrateToLatest(db)).length, (await allMigrations()).length - 1);
      assert.deepEqual(await describeTables(db), tables, "up again: the same schema");
    }));

  Deno.test(`${engine}: a device and a computer make the round trip through Kysely`, () =>
    withEngine(engine, async (db) => {
      await migrateToLatest(db);
      const device = await db.insertInto("devices").values({
        deviceid: "host-2026-11-21-08-00-00",
        name: "host",
        first_seen: AT,
        last_come: AT,
        tag: null,
      }).returning("id").executeTakeFirstOrThrow();
      assert.equal(typeof device.id, "number");
      const stored = await db.selectFrom("devices").selectAll().where("id", "=", device.id)
        .executeTakeFirstOrThrow();
      assert.deepEqual(
        { ...stored },
        {
          id: device.id,
          deviceid: "host-2026-11-21-08-00-00",
          name: "host",
          os_name: "",
          serial: "",
          uuid: "",
          first_seen: AT,
          last_come: AT,
          last_date: null,
          user_agent: "",
          ip_src: "",
          tag: null,
          account_info: "{}",
          checksum: 262143,
          prolog_freq: null,
          frequency: null,
          inventory_on_startup: null,
          contacts: 0,
          inventories: 0,
        },
      );
      const body = new Uint8Array([0, 1, 2, 253, 254, 255]);
      await db.insertInto("device_payloads")
        .values({ device_id: device.id, received_at: AT, encoding: "zlib", body }).execute();
      const payload = await db.selectFrom("device_payloads").select("body")
        .where("device_id", "=", device.id).executeTakeFirstOrThrow();
      assert.deepEqual([...payload.body], [...body]);

      // The root entity (id 1) was inserted with its id: the next one still gets a fresh id.
      const entity = await db.insertInto("entities")
        .values({ parent_id: 1, name: "Paris", completename: "Root entity > Paris", level: 2 })
        .returning("id").executeTakeFirstOrThrow();
      assert.equal(entity.id, 2);
      const computer = await db.insertInto("computers").values({
        name: "host",
        serial: "SN-1",
        memory_mb: 16_384,
        user: "alice",
        created_at: AT,
        updated_at: AT,
      }).returning("id").executeTakeFirstOrThrow();
      await db.insertInto("computer_import_traces").values({
        computer_id: computer.id,
        trace: "[]",
      }).execute();
      const row = await db.selectFrom("computers")
        .innerJoin("entities", "entities.id", "computers.entity_id")
        .innerJoin("computer_import_traces", "computer_import_traces.computer_id", "computers.id")
        .select([
          "computers.name",
          "computers.serial",
          "computers.memory_mb",
          "computers.user",
          "computers.is_deleted",
          "computers.deleted_at",
          "entities.completename",
          "computer_import_traces.trace",
        ])
        .where("computers.id", "=", computer.id).executeTakeFirstOrThrow();
      assert.deepEqual({ ...row }, {
        name: "host",
        serial: "SN-1",
        memory_mb: 16_384,
        user: "alice",
        is_deleted: 0,
        deleted_at: null,
        completename: "Root entity",
        trace: "[]",
      });
      const { n } = await db.selectFrom("computers").select((eb) =>
        eb.fn.countAll<number>().as("n")
      )
        .executeTakeFirstOrThrow();
      assert.equal(n, 1, "count(*) is a number on both engines");

      // Purging the computer takes its trace (ON DELETE CASCADE on both engines).
      await db.deleteFrom("computers").where("id", "=", computer.id).execute();
      assert.equal(
        (await db.selectFrom("computer_import_traces").selectAll().execute()).length,
        0,
      );
    }));

  Deno.test(`${engine}: the device search index finds by word prefix, whole MACs and versions`, () =>
    withEngine(engine, async (db) => {
      await migrateToLatest(db);
      const search = searchOn(engine);
      await search.write(db, 1, {
        name: "web-01",
        mac: "00:1a:2b:3c:4d:5e",
        ip: "10.0.0.12",
        os: "Debian GNU/Linux 12",
        software: "libc6-dev ; openssl ; python3.11",
      });
      await search.write(db, 2, { name: "db-01", software: "postgresql-15 ; openssl" });
      assert.deepEqual(await search.find(db, "web"), [1]);
      assert.deepEqual(await search.find(db, "00:1a:2b"), [1], "a MAC prefix, whole");
      assert.deepEqual(await search.find(db, "python3.1"), [1], "a version prefix, whole");
      assert.deepEqual(await search.find(db, "OPENSSL"), [1, 2], "any case");
      assert.deepEqual(await search.find(db, "openssl db"), [2], "every word");
      assert.deepEqual(await search.find(db, "openssl", "name"), [], "within one column");
      assert.deepEqual(await search.find(db, "\"' & | ! :*"), [], "no query syntax from users");

      // Keys for some columns keep the others.
      await search.write(db, 1, { ip: "10.0.0.99" });
      assert.deepEqual(await search.find(db, "10.0.0.99"), [1]);
      assert.deepEqual(await search.find(db, "10.0.0.12"), []);
      assert.deepEqual(await search.find(db, "libc6"), [1]);
      await search.remove(db, 1);
      assert.deepEqual(await search.find(db, "openssl"), [2]);
    }));
}

/** The search index functions of `engine`, under one (async) shape. */
function searchOn(engine: Engine) {
  const impl = engine === "postgres" ? pgSearch : fts5Search;
  return {
    // The SQLite version is synchronous, inside the ingestion transaction.
    write: async (db: Kysely<Database>, id: number, keys: SearchKeys) =>
      await impl.writeSearchKeys(db, id, keys),
    find: async (db: Kysely<Database>, text: string, column?: SearchColumn) =>
      (await impl.searchDevices(db, text, { column })).sort(),
    remove: (db: Kysely<Database>, id: number) => impl.deleteSearchKeys(db, id),
  };
}

Deno.test("sqlite and postgres: the one migration definition makes the same schema", async () => {
  const schemas: Record<string, { tables: Map<string, string[]>; indexes: string[] }> = {};
  for (const engine of ENGINES) {
    await withEngine(engine, async (db) => {
      await migrateToLatest(db);
      schemas[engine] = { tables: await describeTables(db), indexes: await namedIndexes(db) };
    });
  }
  assert.deepEqual(schemas.postgres!.tables, schemas.sqlite!.tables);
  assert.deepEqual(
    schemas.postgres!.indexes.filter((i) => i !== "device_search_words"),
    schemas.sqlite!.indexes,
  );
});

Deno.test("postgres: two servers claiming one task lease at once: exactly one runs it", async () => {
  const cluster = await startPostgres();
  try {
    const url = await cluster.createDatabase();
    const servers = [await openPostgres<Database>(url), await openPostgres<Database>(url)];
    try {
      const now = new Date(AT);
      await migrateToLatest(servers[0]!.db);
      await ensureTasks(servers[0]!.db, BUILTIN_TASKS, now);
      for (let round = 0; round < 5; round++) {
        const at = new Date(now.getTime() + round * 3_600_000);
        const outcomes = await Promise.all(
          servers.map(({ db }, i) =>
            db.transaction().execute((trx) =>
              claimTask(trx, {
                task: "backup",
                owner: `server-${i}`,
                now: at,
                leaseMs: 60_000,
                force: true,
              })
            )
          ),
        );
        assert.equal(outcomes.filter((o) => o.claimed).length, 1, JSON.stringify(outcomes));
        const winner = outcomes.findIndex((o) => o.claimed);
        const [won, lost] = [outcomes[winner]!, outcomes[1 - winner]!];
        assert.ok(won.claimed && !lost.claimed);
        assert.match(lost.reason, /claimed it first|already running/);
        const finished = await servers[winner]!.db.transaction().execute((trx) =>
          finishRun(trx, won.claim, `server-${winner}`, {
            status: "done",
            message: "done",
            volume: 0,
            endedAt: at,
            nextRunAt: () => at,
          })
        );
        assert.equal(finished.released, true);
      }
      const runs = await servers[1]!.db.selectFrom("task_runs").select("status").execute();
      assert.deepEqual(runs.map((r) => r.status), Array(5).fill("done"));
    } finally {
      for (const server of servers) await server.close();
    }
  } finally {
    await cluster.stop();
  }
});

Deno.test("sqlite: the engine helpers keep SQLite's own schema", () =>
  withEngine("sqlite", async (db) => {
    await migrateToLatest(db);
    const { rows } = await sql<{ name: string; sql: string }>`
      select name, sql from sqlite_master
      where name in ('software_installs', 'device_search', 'devices', 'entities')`.execute(db);
    const ddl = Object.fromEntries(rows.map((r) => [r.name, r.sql.replace(/\s+/g, " ")]));
    assert.match(ddl.software_installs!, /\) without rowid$/);
    assert.match(ddl.device_search!, /^create virtual table device_search using fts5\(/i);
    assert.match(ddl.devices!, /"id" integer primary key autoincrement/);
    assert.match(ddl.entities!, /"id" integer primary key,/);
  }));
