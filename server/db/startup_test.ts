import assert from "node:assert/strict";
import { join } from "node:path";
import { inspectDatabaseFile, openFailure, setAside, StartupError } from "./startup.ts";

const NOW = new Date("2026-11-21T08:00:00Z");

Deno.test("startup: a missing or empty file is a first start only without backups", () => {
  const dir = Deno.makeTempDirSync();
  try {
    const path = join(dir, "inventory.sqlite");
    const none = { dir: join(dir, "backups"), names: [] };
    const some = { dir: join(dir, "backups"), names: ["inventory-20261120T031500Z.sqlite"] };
    assert.equal(inspectDatabaseFile(path, none), "none");
    assert.throws(
      () => inspectDatabaseFile(path, some),
      (e: unknown) =>
        e instanceof StartupError && e.kind === "damaged" && /is missing/.test(e.message),
    );
    Deno.writeFileSync(path, new Uint8Array(0));
    Deno.writeTextFileSync(`${path}-wal`, "left over");
    assert.throws(() => inspectDatabaseFile(path, some), /is empty \(0 bytes\)/);
    // --init: a fresh start, and the lost database's WAL is not replayed onto it.
    assert.equal(inspectDatabaseFile(path, some, { init: true, now: NOW }), "none");
    assert.deepEqual(
      [...Deno.readDirSync(dir)].map((e) => e.name).sort(),
      [
        "inventory.sqlite.set-aside-20261121T080000Z",
        "inventory.sqlite.set-aside-20261121T080000Z-wal",
      ],
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("startup: SQLite and file errors are classified; others are not", () => {
  const backups = { dir: "/data/backups", names: [] };
  const sqlite = (errcode: number) => Object.assign(new Error(`code ${errcode}`), { errcode });
  assert.equal(openFailure(sqlite(11), "/data/inventory.sqlite", backups)?.kind, "damaged");
  assert.equal(openFailure(sqlite(26), "/data/inventory.sqlite", backups)?.kind, "damaged");
  assert.equal(openFailure(sqlite(8), "/data/inventory.sqlite", backups)?.kind, "storage");
  assert.equal(openFailure(sqlite(14), "/data/inventory.sqlite", backups)?.kind, "storage");
  const denied = openFailure(
    Object.assign(new Error("Permission denied (os error 13)"), { code: "EACCES" }),
    "/data/inventory.sqlite",
    backups,
  );
  assert.equal(denied?.kind, "storage");
  assert.match(denied!.message, /permission denied/);
  assert.equal(openFailure(new Error("something else"), "/data/inventory.sqlite", backups), null);
});

Deno.test("startup: set aside keeps the file and its WAL, drops the shared-memory index", () => {
  const dir = Deno.makeTempDirSync();
  try {
    const path = join(dir, "inventory.sqlite");
    for (const suffix of ["", "-wal", "-shm"]) Deno.writeTextFileSync(path + suffix, suffix);
    assert.equal(setAside(path, NOW), `${path}.set-aside-20261121T080000Z`);
    assert.deepEqual(
      [...Deno.readDirSync(dir)].map((e) => e.name).sort(),
      [
        "inventory.sqlite.set-aside-20261121T080000Z",
        "inventory.sqlite.set-aside-20261121T080000Z-wal",
      ],
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
