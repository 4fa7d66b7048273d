import assert from "node:assert/strict";
import type { ServerContext } from "../context.ts";
import { importInventoryFile } from "../ingest/import_file.ts";
import { type Machine, machineXml } from "../../tests/_helpers/fleet.ts";
import { withContext } from "../../tests/_helpers/context.ts";
import { devicesWithWork, syncBatch } from "./batch.ts";
import { openRun } from "./run_context.ts";
import {
  databaseFile,
  type PreparedDevice,
  SectionReader,
  stillCurrent,
} from "./section_reader.ts";
import { registryStatements } from "./statements.ts";
import { loadSections, syncDevice } from "./sync.ts";

/**
 * Machine `i` of a fleet: 40 shared packages (in versions that vary across machines unless
 * `sameVersions`), a twin of one once names are normalised, one of its own, a repeated entry
 * and an unnamed one; every fifth keeps the fixture's 781 packages (with install dates and
 * architectures) instead.
 */
function machine(i: number, sameVersions = false): Machine {
  return {
    deviceid: `reader-${i}-2026-01-01-00-00-00`,
    name: `reader-${i}`,
    serial: `READER-SER-${i}`,
    uuid: `READER-UUID-${i}`,
    macs: [
      `02:00:00:00:${(i >> 8).toString(16).padStart(2, "0")}:${
        (i & 255).toString(16).padStart(2, "0")
      }`,
    ],
    monitors: i % 10 === 0 ? [{ name: "Dell P2419H", serial: `MON-${i}` }] : [],
    software: i % 5 === 0 && !sameVersions ? undefined : [
      ...Array.from({ length: 40 }, (_, k) => ({
        name: k % 7 === 0 ? `Package ${k}` : `package-${k}`,
        version: sameVersions ? "1.0" : `1.${(i + k) % 3}`,
        publisher: k % 2 ? "Debian" : "",
      })),
      // Same software as "Package 0" once normalised: one catalogue entry, reported two ways.
      { name: "  package   0 ", version: "twin", publisher: "" },
      { name: `tool-${i}`, version: "1" },
      { name: "repeated", version: "2" },
      { name: "repeated", version: "2" },
      { name: "", version: "9" },
    ],
  };
}

async function idOf(ctx: ServerContext, m: Machine): Promise<number> {
  return (await ctx.db.selectFrom("devices").select("id").where("deviceid", "=", m.deviceid)
    .executeTakeFirstOrThrow()).id;
}

async function send(ctx: ServerContext, m: Machine) {
  const result = await importInventoryFile(
    ctx,
    `${m.deviceid}.xml`,
    new TextEncoder().encode(machineXml(m)),
    { userAgent: "OCS-NG_unified_unix_agent_v2.10.0", ipSource: "192.0.2.10" },
  );
  assert.ok(result.ok, result.message);
}

/** Row by row, so that a difference names its first row instead of diffing thousands. */
function assertSameRows(table: string, actual: unknown[], expected: unknown[]) {
  assert.equal(actual.length, expected.length, `${table}: row count`);
  actual.forEach((row, i) =>
    assert.deepEqual({ ...row as object }, { ...expected[i] as object }, `${table}[${i}]`)
  );
}

/** What a synchronisation left in the registry, by names rather than ids. */
async function registryDump(ctx: ServerContext) {
  const computers = await ctx.db.selectFrom("computers")
    .select(["name", "serial", "uuid", "os_name", "memory_mb", "ip", "entity_id", "import_rule"])
    .orderBy("name").execute();
  const installs = ctx.raw.prepare(
    `select c.name as computer, s.name, s.publisher, v.version, i.install_date, i.arch
     from software_installs i join software_versions v on v.id = i.version_id
     join software s on s.id = v.software_id join computers c on c.id = i.computer_id
     order by c.name, s.name, v.version`,
  ).all();
  const history = ctx.raw.prepare(
    `select c.name as computer, h.kind, h.field, h.old_value, h.new_value, h.source
     from history h join computers c on c.id = h.computer_id order by c.name, h.id`,
  ).all();
  const parts = ctx.raw.prepare(
    `select c.name as computer,
       (select count(*) from components where computer_id = c.id) as components,
       (select count(*) from network_ports where computer_id = c.id) as ports,
       (select count(*) from volumes where computer_id = c.id) as volumes,
       (select count(*) from peripheral_links where computer_id = c.id) as peripherals
     from computers c order by c.name`,
  ).all();
  const links = ctx.raw.prepare(
    `select l.deviceid, c.name, l.synced_hashes, l.synced_inventories from computer_links l
     join computers c on c.id = l.computer_id order by l.deviceid`,
  ).all();
  return { computers, installs, history, parts, links };
}

Deno.test("a batch of several waves (read ahead by the worker) imports what device-by-device synchronisation imports", async () => {
  const FLEET = 150; // three waves
  const machines = Array.from({ length: FLEET }, (_, i) => machine(i + 1));
  const batched = await withContext(async (ctx) => {
    for (const m of machines) await send(ctx, m);
    const result = await syncBatch(ctx);
    assert.equal(result.counts.imported, FLEET);
    assert.deepEqual(result.errors, []);
    return await registryDump(ctx);
  });
  const oneByOne = await withContext(async (ctx) => {
    for (const m of machines) await send(ctx, m);
    // Batches of one wave or less never start a reader.
    const ids = await devicesWithWork(ctx.db, FLEET + 1);
    for (let i = 0; i < ids.length; i += 50) {
      const result = await syncBatch(ctx, { deviceIds: ids.slice(i, i + 50) });
      assert.deepEqual(result.errors, []);
    }
    return await registryDump(ctx);
  });
  assert.equal(batched.computers.length, FLEET);
  const installsOf = (name: string) =>
    batched.installs.filter((r) => r.computer === name) as Record<string, string>[];
  // 40 shared, the twin, its own tool, "repeated" once.
  assert.equal(installsOf("reader-1").length, 43);
  const fixture = installsOf("reader-5");
  assert.ok(fixture.length > 700);
  assert.ok(fixture.some((r) => r.arch === "amd64") && fixture.some((r) => r.arch === "all"));
  assert.ok(fixture.every((r) => r.install_date !== ""));
  for (const table of Object.keys(batched) as (keyof typeof batched)[]) {
    assertSameRows(table, batched[table], oneByOne[table]);
  }
});

Deno.test("the reader prepares new devices only, with the catalogue ids already committed", async () => {
  await withContext(async (ctx) => {
    const machines = [1, 2, 3].map((i) => machine(i, true));
    for (const m of machines) await send(ctx, m);
    const [first, second, third] = await Promise.all(machines.map((m) => idOf(ctx, m)));
    await syncBatch(ctx, { deviceIds: [first!] });
    const reader = new SectionReader(databaseFile(ctx.raw)!);
    try {
      const prepared = await reader.read([first!, second!, third!], true);
      assert.deepEqual([...prepared.keys()], [second, third], "a linked device is not read");
      const device = prepared.get(second!)!;
      const run = await openRun(ctx.db, ctx.raw, ctx.now());
      assert.ok(stillCurrent(device, registryStatements(ctx.db).sectionHashes(second!)));

      // The sections the main thread would read, SOFTWARES aside.
      const stored = loadSections(run, second!, [
        "HARDWARE",
        "BIOS",
        "NETWORKS",
        "CPUS",
        "MONITORS",
      ]);
      const sections = JSON.parse(device.sectionsJson);
      for (const [name, value] of Object.entries(stored)) assert.deepEqual(sections[name], value);
      assert.equal(sections.SOFTWARES, undefined);

      // Entries the first device committed come resolved; its own tool does not exist yet.
      const software = device.software!;
      assert.equal(software.entries.length / 3, 44, "the unnamed entry is dropped");
      const versionOf = ctx.raw.prepare(
        `select v.id from software_versions v join software s on s.id = v.software_id
         where s.name = ? and v.version = ?`,
      );
      const shared = (versionOf.get("package-1", "1.0") as { id: number } | undefined)?.id;
      assert.ok(shared, "device 1 reported package-1 1.0");
      const reported = Array.from({ length: 44 }, (_, k) => software.entries[3 * k]);
      assert.ok(reported.includes(shared));
      assert.deepEqual(
        software.unresolved.map((u) => u.name),
        ["tool-2"],
        "only what the catalogue lacks is left to the main thread",
      );
      assert.equal(software.entries[3 * software.unresolved[0]!.index], 0);
    } finally {
      await reader.close();
    }
    assert.deepEqual(await reader.read([third!], true), new Map(), "a closed reader reads nothing");
  });
});

Deno.test("a device read ahead and changed since is synchronised from what is stored", async () => {
  await withContext(async (ctx) => {
    const m = machine(7);
    await send(ctx, m);
    const id = await idOf(ctx, m);
    const reader = new SectionReader(databaseFile(ctx.raw)!);
    let prepared: Map<number, PreparedDevice>;
    try {
      prepared = await reader.read([id], true);
    } finally {
      await reader.close();
    }
    assert.ok(prepared.has(id));
    // A new inventory arrives between the read-ahead and the write.
    await send(ctx, { ...m, software: [{ name: "curl", version: "8.5" }] });
    assert.ok(!stillCurrent(prepared.get(id)!, registryStatements(ctx.db).sectionHashes(id)));
    const run = await openRun(ctx.db, ctx.raw, ctx.now());
    const outcome = await ctx.writes.run((db) => syncDevice({ ...run, db, prepared }, id));
    assert.equal(outcome.kind, "imported");
    const installed = ctx.raw.prepare(
      `select s.name, v.version from software_installs i
       join software_versions v on v.id = i.version_id join software s on s.id = v.software_id`,
    ).all();
    assert.deepEqual(installed.map((r) => ({ ...r })), [{ name: "curl", version: "8.5" }]);
  });
});

Deno.test("an in-memory database has no file to read ahead from", async () => {
  const { DatabaseSync } = await import("node:sqlite");
  const memory = new DatabaseSync(":memory:");
  try {
    assert.equal(databaseFile(memory), null);
  } finally {
    memory.close();
  }
});
