import assert from "node:assert/strict";
import { collectInventory } from "../../collect.ts";
import { recordedProbe } from "../probe.ts";
import { POWERSHELL, POWERSHELL_ARGS } from "./script.ts";

const fixture = (name: string) =>
  Deno.readTextFileSync(new URL(`../../../tests/fixtures/agent/windows/${name}`, import.meta.url));

const COMMAND = [POWERSHELL, ...POWERSHELL_ARGS].join(" ");

const counts = (report: { section: string; entries: number }[]) =>
  Object.fromEntries(report.map((r) => [r.section, r.entries]));

Deno.test("Windows collectors end to end: every section from one PowerShell run", async () => {
  const probe = recordedProbe({ commands: { [COMMAND]: fixture("cim-report.json") } });
  let runs = 0;
  const counting = {
    ...probe,
    run: (c: string, a: string[], o?: { timeoutMs?: number }) => (runs++, probe.run(c, a, o)),
  };
  const { content, report } = await collectInventory(counting, { platform: "windows" });
  for (const r of report) assert.equal(r.error, undefined, `${r.section}: ${r.error}`);
  assert.equal(runs, 1, "one PowerShell run per inventory");
  assert.deepEqual(probe.messages, ["PowerShell: BatteryCycleCount: Not supported "]);
  assert.deepEqual(counts(report), {
    HARDWARE: 1,
    BIOS: 1,
    CPUS: 1,
    MEMORIES: 2,
    STORAGES: 2,
    DRIVES: 4,
    NETWORKS: 6,
    CONTROLLERS: 2,
    VIDEOS: 1,
    SOUNDS: 2,
    MONITORS: 2,
    USBDEVICES: 2,
    BATTERIES: 1,
    PRINTERS: 2,
    SOFTWARES: 6,
    LOCAL_USERS: 2,
    LOCAL_GROUPS: 2,
  });
  const h = content.HARDWARE!;
  assert.equal(h.NAME, "LT-0042");
  assert.equal(h.ARCH, "x86 64 bits");
  assert.equal(h.WINPRODID, "00330-80000-00000-AA123");
  assert.equal(h.WINOWNER, "IT Department");
  assert.equal(h.WINCOMPANY, "Example Corp");
  assert.equal(h.PROCESSORT, "13th Gen Intel(R) Core(TM) i7-1365U");
  assert.equal(h.PROCESSORS, "1800");
  assert.equal(h.PROCESSORN, "1");
  assert.equal(content.DRIVES![0]!.LETTER, "C:/");
  assert.equal(content.DRIVES![0]!.TYPE, "Hard Drive");
  const firefox = content.SOFTWARES!.find((s) => s.NAME === "Mozilla Firefox (x64 de)")!;
  assert.equal(firefox.GUID, "Mozilla Firefox 126.0 (x64 de)");
  assert.equal(firefox.FILENAME, "firefox.exe");
  assert.equal(firefox.BITSWIDTH, "64");
  assert.match(String(content.SOFTWARES![0]!.INSTALLDATE), /^\d{4}\/\d\d\/\d\d$/);
});

Deno.test("Windows collectors: truncated or garbage PowerShell output is an error per section, no crash", async () => {
  const full = fixture("cim-report.json");
  for (const output of [full.slice(0, 7000), '\u0000\u00ff#< CLIXML\r\n<Objs Version="1.1.0.1">']) {
    const probe = recordedProbe({ commands: { [COMMAND]: output } });
    const { content, report } = await collectInventory(probe, { platform: "windows" });
    assert.deepEqual(content, {});
    assert.equal(report.length, 17);
    for (const r of report) assert.match(r.error!, /^ToolOutputError: PowerShell report: not JSON/);
    assert.equal(probe.messages.filter((m) => m.startsWith("PowerShell report")).length, 1);
  }
});

Deno.test("Windows collectors: a class of the wrong shape costs only its section", async () => {
  const report = JSON.parse(fixture("cim-report.json"));
  report.Processor = "System.Management.ManagementException: Invalid class";
  report.LogicalDisk = [{ DeviceID: 42 }, null];
  report.Uninstall = { value: "oops", Count: 1 };
  const probe = recordedProbe({ commands: { [COMMAND]: JSON.stringify(report) } });
  const result = await collectInventory(probe, { platform: "windows" });
  assert.deepEqual(result.report.filter((r) => r.error), []);
  const got = counts(result.report);
  assert.equal(got.CPUS, 0);
  assert.equal(got.DRIVES, 0);
  assert.equal(got.SOFTWARES, 0);
  assert.equal(got.NETWORKS, 6);
  assert.equal(result.content.HARDWARE!.PROCESSORN, undefined);
  assert.equal(result.content.HARDWARE!.ARCH, "x86 64 bits", "from OSArchitecture");
});

Deno.test("Windows collectors: PowerShell missing leaves every section out", async () => {
  const probe = recordedProbe({ commands: { [COMMAND]: null } });
  const { content, report } = await collectInventory(probe, { platform: "windows" });
  assert.deepEqual(content, {});
  assert.deepEqual(report.filter((r) => r.error), []);
});
