/**
 * Every agent's names reach the registry: the OCS Unix agent's (CPUS TYPE/CORES/THREADS,
 * SOFTWARES ARCHITECTURE, HARDWARE OSVERSION), the GLPI agent's in OCS mode and the real Debian
 * FusionInventory agent's (CPUS NAME/CORE/THREAD/ARCH, SOFTWARES ARCH, OPERATINGSYSTEM VERSION),
 * through the real pipeline and synchronisation. Expected values are read from the XML itself.
 *
 * The FusionInventory recording is made here, by `fusioninventory-agent --local` (CI installs
 * it; tools/setup.sh): the test fails when it is missing, it never skips.
 */

import assert from "node:assert/strict";
import {
  loadGlpiValidator,
  parseXml,
  readGlpiInventory,
  writeInventoryRequest,
  type XmlElement,
} from "../protocol/mod.ts";
import { syncBatch } from "../server/registry/batch.ts";
import { getComputer } from "../server/registry/queries.ts";
import type { ServerContext } from "../server/context.ts";
import { readFixtureText } from "./_helpers/fixtures.ts";
import { withPipeline } from "./_helpers/roundtrip.ts";

// Reading a native inventory needs its schema validator, loaded on demand.
await loadGlpiValidator();

const GLPI_XML = Deno.readTextFileSync(
  new URL(
    "../../shared/fixtures/glpi-agent/glpi-agent-1.12-debian12-ocs-mode.xml",
    import.meta.url,
  ),
);

/** The text of `section`'s first entry's `key` (or of every entry's), as the XML says. */
function sectionsOf(xml: string): Map<string, Record<string, string>[]> {
  const root = parseXml(xml);
  const content = root.children?.find((c) => c.name === "CONTENT");
  assert.ok(content, "a CONTENT element");
  const out = new Map<string, Record<string, string>[]>();
  for (const section of content.children ?? []) {
    const entry: Record<string, string> = {};
    for (const leaf of section.children ?? []) entry[leaf.name] = textOf(leaf).trim();
    out.set(section.name, [...out.get(section.name) ?? [], entry]);
  }
  return out;
}

function textOf(element: XmlElement): string {
  return element.text || (element.children ?? []).map(textOf).join("");
}

function firstOf(sections: Map<string, Record<string, string>[]>, name: string) {
  const entry = sections.get(name)?.[0];
  assert.ok(entry, `the inventory has ${name}`);
  return entry;
}

async function importAndSync(
  ctx: ServerContext,
  send: (xml: string) => Promise<unknown>,
  xml: string,
) {
  await send(xml);
  const result = await syncBatch(ctx);
  assert.deepEqual(result.errors, []);
  const row = await ctx.db.selectFrom("computers").select("id").executeTakeFirstOrThrow();
  return (await getComputer(ctx.db, row.id))!;
}

/** The FusionInventory/GLPI agent shape: every value read from its own names. */
async function assertFusionShape(xml: string, label: string, userAgent: string) {
  const sections = sectionsOf(xml);
  const cpu = firstOf(sections, "CPUS");
  const os = firstOf(sections, "OPERATINGSYSTEM");
  assert.ok(cpu.NAME && cpu.CORE && cpu.THREAD && cpu.ARCH, `${label}: CPUS NAME/CORE/THREAD/ARCH`);
  assert.equal(cpu.TYPE, undefined, `${label}: not the OCS shape`);
  assert.ok(os.VERSION, `${label}: OPERATINGSYSTEM VERSION`);
  await withPipeline(async ({ ctx, send }) => {
    const c = await importAndSync(ctx, (x) => send(x, { userAgent }), xml);
    assert.equal(c.computer.cpu, cpu.NAME, `${label}: CPU name`);
    assert.equal(c.computer.os_version, os.VERSION, `${label}: the distribution's version`);
    assert.notEqual(c.computer.os_version, os.KERNEL_VERSION);
    assert.equal(c.computer.os_name, os.FULL_NAME);
    assert.equal(c.computer.os_arch, os.ARCH);
    const cpus = c.components.filter((p) => p.kind === "cpu");
    assert.equal(cpus.length, sections.get("CPUS")!.length);
    assert.equal(cpus[0]!.designation, cpu.NAME);
    const detail = JSON.parse(cpus[0]!.detail ?? "{}");
    assert.equal(detail.CORES, cpu.CORE, `${label}: cores`);
    assert.equal(detail.THREADS, cpu.THREAD, `${label}: threads`);
    assert.equal(detail.CPUARCH, cpu.ARCH, `${label}: CPU architecture`);

    const reported = sections.get("SOFTWARES") ?? [];
    assert.ok(reported.length > 10, `${label}: software reported`);
    const byName = new Map(c.software.map((s) => [s.name, s]));
    for (const s of reported.slice(0, 50)) {
      const stored = byName.get(s.NAME!);
      assert.ok(stored, `${label}: software ${s.NAME}`);
      assert.equal(stored.arch, s.ARCH, `${label}: ${s.NAME} architecture`);
    }
    assert.ok(c.software.every((s) => s.arch !== ""), `${label}: every architecture filled`);

    const disks = sections.get("STORAGES") ?? [];
    const stored = c.components.filter((p) => p.kind === "disk" || p.kind === "drive");
    assert.equal(stored.length, disks.length, `${label}: STORAGES`);
    const ports = (sections.get("NETWORKS") ?? []).filter((n) => n.DESCRIPTION);
    assert.equal(c.ports.length, ports.length, `${label}: NETWORKS`);
    assert.equal(c.volumes.length, (sections.get("DRIVES") ?? []).length, `${label}: DRIVES`);
  });
}

Deno.test("OCS Unix agent 2.10: CPU, cores, threads, kernel version and software architecture", async () => {
  const xml = readFixtureText("unixagent-2.10-debian12-full.xml");
  const sections = sectionsOf(xml);
  const cpu = firstOf(sections, "CPUS");
  const hw = firstOf(sections, "HARDWARE");
  await withPipeline(async ({ ctx, send }) => {
    const c = await importAndSync(ctx, (x) => send(x), xml);
    assert.equal(c.computer.cpu, cpu.TYPE);
    assert.equal(c.computer.os_version, hw.OSVERSION, "the OCS agent sends no other version");
    const detail = JSON.parse(c.components.find((p) => p.kind === "cpu")!.detail ?? "{}");
    assert.equal(detail.CORES, cpu.CORES);
    assert.equal(detail.THREADS, cpu.THREADS);
    assert.equal(detail.CPUARCH, cpu.CPUARCH);
    const curl = (sections.get("SOFTWARES") ?? []).find((s) => s.ARCHITECTURE);
    assert.ok(curl);
    assert.equal(c.software.find((s) => s.name === curl.NAME)?.arch, curl.ARCHITECTURE);
  });
});

Deno.test("GLPI agent 1.12 (OCS mode) fixture: its names fill CPU, OS version, software architecture", async () => {
  await assertFusionShape(GLPI_XML, "glpi-agent", "GLPI-Agent_v1.12");
});

Deno.test("GLPI agent 1.12 native JSON fixture, read into sections: the same names fill the same fields", async () => {
  const native = JSON.parse(
    Deno.readTextFileSync(
      new URL(
        "../../shared/fixtures/glpi-agent/glpi-agent-1.12-debian12-native.json",
        import.meta.url,
      ),
    ),
  );
  const read = readGlpiInventory(native.deviceid, native);
  await assertFusionShape(
    writeInventoryRequest(read.deviceId, read.content),
    "glpi-agent native",
    "GLPI-Agent_v1.12",
  );
});

Deno.test("real fusioninventory-agent --local: its names fill CPU, OS version, software architecture", async () => {
  const dir = await Deno.makeTempDir({ prefix: "inventory-fusion-" });
  try {
    const run = await new Deno.Command("fusioninventory-agent", {
      args: [
        "--local",
        dir,
        "--no-category=process,environment,user,local_user,local_group",
      ],
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.equal(run.code, 0, new TextDecoder().decode(run.stderr));
    const files = [...Deno.readDirSync(dir)].filter((f) => f.name.endsWith(".ocs"));
    assert.equal(files.length, 1, "one recording");
    const xml = await Deno.readTextFile(`${dir}/${files[0]!.name}`);
    await assertFusionShape(xml, "fusioninventory-agent", "FusionInventory-Agent_v2.6-3");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
