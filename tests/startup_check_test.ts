/**
 * Issue 11, start-up: a damaged database (64 KiB of garbage mid-file, a broken header), or one
 * missing or empty while backups exist, stops `inventory serve` with one line (no stack trace),
 * exit code 7, the newest backup's name and the command to restore it; `inventory db restore`
 * brings the backup back (refusing while a server holds the directory); `--init` is the
 * deliberate fresh start. A read-only file system or an unwritable directory gives one line and
 * exit code 6.
 *
 * @module
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { runCli } from "./_helpers/cli.ts";
import { fixturePath } from "./_helpers/fixtures.ts";
import { spawnServe } from "./_helpers/serve_process.ts";
import { onTmpfs } from "./_helpers/tmpfs.ts";

const MAIN = fileURLToPath(new URL("../main.ts", import.meta.url));

/** `inventory serve` that must exit by itself; killed (and reported) if it starts serving. */
async function serveExit(
  dataDir: string,
  extra: string[] = [],
  prefix: string[] = [],
): Promise<{ code: number | "kept running"; stderr: string; stdout: string }> {
  const [command = Deno.execPath(), ...before] = [...prefix, Deno.execPath()];
  const child = new Deno.Command(command, {
    args: [
      ...before,
      ...["run", "-A", MAIN, "serve", "--data", dataDir, "--listen", "127.0.0.1:0", ...extra],
    ],
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).spawn();
  const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
  const output = await child.output();
  clearTimeout(timer);
  const decoder = new TextDecoder();
  return {
    code: output.signal === "SIGKILL" ? "kept running" : output.code,
    stderr: decoder.decode(output.stderr),
    stdout: decoder.decode(output.stdout),
  };
}

/** A data directory with one imported device and one backup; the backup's name. */
async function dataWithBackup(): Promise<{ dataDir: string; backup: string }> {
  const dataDir = await Deno.makeTempDir({ prefix: "inventory-startup-" });
  const imported = await runCli([
    "import",
    fixturePath("unixagent-2.10-debian12-full.xml"),
    "--data",
    dataDir,
  ]);
  assert.equal(imported.code, 0, imported.stderr);
  const backup = await runCli(["tasks", "run", "backup", "--data", dataDir]);
  assert.equal(backup.code, 0, backup.stderr);
  const [newest] = [...Deno.readDirSync(join(dataDir, "backups"))].map((e) => e.name);
  assert.ok(newest);
  return { dataDir, backup: newest };
}

/** Asserts a refusal: the exit code, exactly one line on stderr, no stack trace. */
function assertOneLine(
  run: { code: number | "kept running"; stderr: string },
  code: number,
  pattern: RegExp,
): string {
  assert.equal(run.code, code, run.stderr);
  const lines = run.stderr.trim().split("\n");
  assert.equal(lines.length, 1, run.stderr);
  assert.doesNotMatch(run.stderr, /^\s+at /m, "no stack trace");
  assert.match(lines[0]!, pattern);
  return lines[0]!;
}

function restoreAdvice(dataDir: string, backup: string): RegExp {
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(
    `the newest backup is ${escape(backup)}; restore it: inventory db restore ${
      escape(backup)
    } --data ${escape(dataDir)}`,
  );
}

Deno.test("64 KiB of garbage mid-file: serve refuses with the backup to restore; db restore brings it back", async () => {
  const { dataDir, backup } = await dataWithBackup();
  try {
    const path = join(dataDir, "inventory.sqlite");
    const { size } = Deno.statSync(path);
    const file = Deno.openSync(path, { write: true });
    file.seekSync(Math.floor(size / 2 / 4096) * 4096, Deno.SeekMode.Start);
    file.writeSync(new Uint8Array(65536).map((_, i) => (i * 7919) & 0xff));
    file.close();

    const refused = await serveExit(dataDir);
    const line = assertOneLine(refused, 7, /inventory\.sqlite is damaged \(/);
    assert.match(line, restoreAdvice(dataDir, backup));

    const restored = await runCli(["db", "restore", backup, "--data", dataDir, "--json"]);
    assert.equal(restored.code, 0, restored.stderr);
    const result = JSON.parse(restored.stdout);
    assert.equal(result.database, path);
    assert.match(result.previous, /inventory\.sqlite\.set-aside-\d{8}T\d{6}Z$/);
    assert.ok(Deno.statSync(result.previous).size === size, "the damaged file is kept");

    const server = await spawnServe(dataDir, ["--no-scheduler"]);
    try {
      const devices = await runCli(["devices", "--json", "--data", dataDir]);
      assert.equal(devices.code, 0, devices.stderr);
      assert.equal(JSON.parse(devices.stdout).total, 1, "the device is back");
      // Not while a server holds the directory.
      const busy = await runCli(["db", "restore", backup, "--data", dataDir]);
      assertOneLine(busy, 8, /is in use by a server or another command; stop it, then restore/);
    } finally {
      await server.stop();
    }
  } finally {
    await Deno.remove(dataDir, { recursive: true });
  }
});

Deno.test("an empty or missing database beside backups is not a first start; --init is", async () => {
  const { dataDir, backup } = await dataWithBackup();
  try {
    const path = join(dataDir, "inventory.sqlite");
    Deno.writeFileSync(path, new Uint8Array(0));
    const empty = await serveExit(dataDir);
    assertOneLine(empty, 7, /inventory\.sqlite is empty \(0 bytes\) but .* holds 1 backup\(s\)/);
    assert.match(empty.stderr, restoreAdvice(dataDir, backup));
    assert.equal(Deno.statSync(path).size, 0, "nothing was created");

    Deno.removeSync(path);
    const missing = await serveExit(dataDir);
    assertOneLine(missing, 7, /inventory\.sqlite is missing but .* holds 1 backup\(s\)/);
    assert.match(missing.stderr, restoreAdvice(dataDir, backup));
    assert.throws(() => Deno.statSync(path), Deno.errors.NotFound);

    const server = await spawnServe(dataDir, ["--init", "--no-scheduler"]);
    try {
      await server.waitForOutput(/first start: created user "admin"/);
    } finally {
      await server.stop();
    }
  } finally {
    await Deno.remove(dataDir, { recursive: true });
  }
});

Deno.test("a broken header refuses with one line; no backup: --init is the way out", async () => {
  const dataDir = await Deno.makeTempDir({ prefix: "inventory-startup-" });
  try {
    const made = await runCli(["devices", "--data", dataDir]);
    assert.equal(made.code, 0, made.stderr);
    const path = join(dataDir, "inventory.sqlite");
    const file = Deno.openSync(path, { write: true });
    file.writeSync(new TextEncoder().encode("This is not SQLite at all"));
    file.close();
    const refused = await serveExit(dataDir);
    const line = assertOneLine(refused, 7, /its header is not a SQLite header/);
    assert.match(line, /no backup in .*backups; start with an empty database on purpose/);
    assert.match(line, /inventory serve --init --data /);
    // Other commands refuse the same way.
    assertOneLine(await runCli(["devices", "--data", dataDir]), 7, /not a SQLite header/);

    const server = await spawnServe(dataDir, ["--init", "--no-scheduler"]);
    await server.stop();
    const kept = [...Deno.readDirSync(dataDir)].map((e) => e.name)
      .filter((n) => n.startsWith("inventory.sqlite.set-aside-"));
    assert.equal(kept.length, 1, "the broken file is kept beside the new one");
  } finally {
    await Deno.remove(dataDir, { recursive: true });
  }
});

Deno.test("a read-only file system: one line, exit code 6", async () => {
  const dataDir = await Deno.makeTempDir({ prefix: "inventory-startup-ro-" });
  try {
    const refused = await serveExit(dataDir, [], onTmpfs(dataDir, "size=1m,ro"));
    assertOneLine(refused, 6, /the data directory .* is on a read-only file system/);
  } finally {
    await Deno.remove(dataDir, { recursive: true });
  }
});

Deno.test("an unwritable data directory: one line, exit code 6", async () => {
  const dataDir = await Deno.makeTempDir({ prefix: "inventory-startup-555-" });
  try {
    Deno.chmodSync(dataDir, 0o555);
    // In a user namespace even root holds no privilege over the directory's mode.
    const refused = await serveExit(dataDir, [], ["unshare", "--user"]);
    assertOneLine(refused, 6, /the data directory .* cannot be written: permission denied/);
  } finally {
    Deno.chmodSync(dataDir, 0o755);
    await Deno.remove(dataDir, { recursive: true });
  }
});

Deno.test("inventory db: help, usage errors", async () => {
  const dataDir = await Deno.makeTempDir({ prefix: "inventory-db-cli-" });
  try {
    const help = await runCli(["db", "--help"]);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /inventory db restore BACKUP/);
    assertOneLine(await runCli(["db", "restore", "--data", dataDir]), 2, /Name one backup/);
    assertOneLine(
      await runCli(["db", "restore", "inventory-20260101T000000Z.sqlite", "--data", dataDir]),
      2,
      /No backup "inventory-20260101T000000Z\.sqlite" \(.* holds none\)/,
    );
    const none = await runCli(["db", "backups", "--json", "--data", dataDir]);
    assert.deepEqual(JSON.parse(none.stdout), { total: 0, limit: 0, offset: 0, items: [] });
    Deno.mkdirSync(join(dataDir, "backups"));
    for (const name of ["inventory-20261120T031500Z.sqlite", "inventory-20261121T031500Z.sqlite"]) {
      Deno.writeFileSync(join(dataDir, "backups", name), new Uint8Array(1024));
    }
    const listed = await runCli(["db", "backups", "--json", "--data", dataDir]);
    assert.deepEqual(JSON.parse(listed.stdout).items, [
      { name: "inventory-20261121T031500Z.sqlite", bytes: 1024 },
      { name: "inventory-20261120T031500Z.sqlite", bytes: 1024 },
    ]);
  } finally {
    await Deno.remove(dataDir, { recursive: true });
  }
});
