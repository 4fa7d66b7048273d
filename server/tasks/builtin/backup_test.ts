import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { join } from "node:path";
import { readFixture } from "../../../tests/_helpers/fixtures.ts";
import { fakeScheduler, withTaskContext } from "../../../tests/_helpers/tasks.ts";
import { defaultConfig } from "../../config.ts";
import { importInventoryFile } from "../../ingest/import_file.ts";
import { createLogger } from "../../log.ts";
import { closeContext, openContext } from "../../serve.ts";
import { listDevices } from "../../store/devices.ts";
import { FakeClock } from "../clock.ts";
import { updateTask } from "../store.ts";
import { backupsDir, backupTask, listBackups } from "./backup.ts";

const SOURCE = { userAgent: "OCS-NG_unified_unix_agent_v2.10.0", ipSource: "127.0.0.1" };

Deno.test("backup: a consistent copy that restores, passes integrity_check, and rotates", async () => {
  const clock = new FakeClock("2026-11-21T03:15:00Z");
  await withTaskContext(async (ctx, dataDir) => {
    const stored = await importInventoryFile(
      ctx,
      "full.xml",
      readFixture("unixagent-2.10-debian12-full.xml"),
      SOURCE,
    );
    assert.ok(stored.ok, stored.message);
    const { scheduler } = fakeScheduler(ctx, [backupTask], { clock });
    const dir = backupsDir(dataDir);
    Deno.mkdirSync(dir, { recursive: true });
    Deno.writeTextFileSync(join(dir, "inventory-20261120T000000Z.sqlite.partial"), "half a copy");

    // Writes keep arriving while the copy is made: it must still be one consistent snapshot.
    const writing = Promise.all(
      Array.from(
        { length: 20 },
        (_, i) =>
          ctx.writes.run((db) =>
            db.insertInto("event_log").values({
              at: clock.now().toISOString(),
              level: "info",
              kind: "test.write",
              message: `write ${i}`,
            }).execute()
          ),
      ),
    );
    const result = await scheduler.runNow("backup");
    await writing;
    assert.ok(result.ran);
    assert.equal(result.report.status, "done", result.report.message);
    assert.deepEqual(listBackups(dir), ["inventory-20261121T031500Z.sqlite"]);
    assert.deepEqual(
      [...Deno.readDirSync(dir)].map((e) => e.name),
      ["inventory-20261121T031500Z.sqlite"],
      "no .partial, -wal or -shm file beside it",
    );

    const copy = new DatabaseSync(join(dir, "inventory-20261121T031500Z.sqlite"), {
      readOnly: true,
    });
    try {
      const check = copy.prepare("PRAGMA integrity_check").all() as Record<string, string>[];
      assert.deepEqual(check.map((r) => Object.values(r)[0]), ["ok"]);
      assert.deepEqual(copy.prepare("PRAGMA foreign_key_check").all(), []);
    } finally {
      copy.close();
    }

    // Restore: the copy becomes the database of a new data directory.
    const restored = Deno.makeTempDirSync({ prefix: "inventory-restored-" });
    Deno.copyFileSync(
      join(dir, "inventory-20261121T031500Z.sqlite"),
      join(restored, "inventory.sqlite"),
    );
    const other = await openContext(defaultConfig(restored), {
      log: createLogger({ write: () => {} }),
    });
    try {
      const { devices, total } = await listDevices(other.db, { search: "" });
      assert.equal(total, 1);
      assert.equal(devices[0]!.deviceid, stored.deviceid);
      const software = await other.db.selectFrom("device_sections").select("entries")
        .where("section", "=", "SOFTWARES").executeTakeFirstOrThrow();
      assert.equal(software.entries, 781);
    } finally {
      await closeContext(other);
    }

    // Rotation keeps the newest N (the parameter).
    await ctx.writes.run((db) => updateTask(db, "backup", { param: 2 }, clock.now()));
    for (let i = 0; i < 3; i++) {
      await clock.advance(86_400_000);
      const next = await scheduler.runNow("backup");
      assert.ok(next.ran && next.report.status === "done");
    }
    assert.deepEqual(listBackups(dir), [
      "inventory-20261123T031500Z.sqlite",
      "inventory-20261124T031500Z.sqlite",
    ]);
  }, { clock });
});

Deno.test("backup: a failed copy is an error run with the reason, and leaves no file", async () => {
  const clock = new FakeClock("2026-11-21T03:15:00Z");
  await withTaskContext(async (ctx, dataDir) => {
    // The same server, but its database file is not where the configuration says.
    const broken = {
      ...ctx,
      config: { ...ctx.config, databasePath: join(dataDir, "missing", "x.sqlite") },
    };
    const { scheduler } = fakeScheduler(broken, [backupTask], { clock });
    const result = await scheduler.runNow("backup");
    assert.ok(result.ran);
    assert.equal(result.report.status, "error");
    assert.match(result.report.message, /^backup failed: .*unable to open/);
    assert.deepEqual([...Deno.readDirSync(backupsDir(dataDir))], [], "no partial copy left");
  }, { clock });
});
