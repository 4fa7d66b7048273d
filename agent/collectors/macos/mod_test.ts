import assert from "node:assert/strict";
import { collectInventory } from "../../collect.ts";
import { recordedProbe, type Recording } from "../probe.ts";
import { PROFILER_ARGS, SYSCTL_NAMES } from "./sources.ts";

const fixture = (name: string) =>
  Deno.readTextFileSync(new URL(`../../../tests/fixtures/agent/macos/${name}`, import.meta.url));

const PROFILER = ["system_profiler", ...PROFILER_ARGS].join(" ");
const DF = "df -kP";

/** The recorded outputs of every tool the macOS collectors run. */
function macRecording(overrides: Record<string, string | null> = {}): Recording {
  return {
    commands: {
      [PROFILER]: fixture("system_profiler.json"),
      [["sysctl", ...SYSCTL_NAMES].join(" ")]: fixture("sysctl.txt"),
      "sw_vers": fixture("sw_vers.txt"),
      "ioreg -rd1 -c IOPlatformExpertDevice": fixture("ioreg.txt"),
      [DF]: fixture("df.txt"),
      "ifconfig -a": fixture("ifconfig.txt"),
      "who": fixture("who.txt"),
      "dscacheutil -q user": fixture("dscacheutil-user.txt"),
      "dscacheutil -q group": fixture("dscacheutil-group.txt"),
      ...overrides,
    },
  };
}

const counts = (report: { section: string; entries: number }[]) =>
  Object.fromEntries(report.map((r) => [r.section, r.entries]));

Deno.test("macOS collectors end to end: every section from one system_profiler run", async () => {
  const probe = recordedProbe(macRecording());
  const runs: string[] = [];
  const counting = {
    ...probe,
    run: (c: string, a: string[], o?: { timeoutMs?: number }) => (
      runs.push([c, ...a].join(" ")), probe.run(c, a, o)
    ),
  };
  const { content, report } = await collectInventory(counting, { platform: "darwin" });
  for (const r of report) assert.equal(r.error, undefined, `${r.section}: ${r.error}`);
  assert.deepEqual(probe.messages, []);
  assert.equal(runs.filter((r) => r === PROFILER).length, 1);
  assert.equal(new Set(runs).size, runs.length, "each tool once");
  assert.deepEqual(counts(report), {
    HARDWARE: 1,
    BIOS: 1,
    CPUS: 1,
    MEMORIES: 1,
    STORAGES: 2,
    DRIVES: 6,
    NETWORKS: 6,
    CONTROLLERS: 3,
    VIDEOS: 1,
    SOUNDS: 2,
    MONITORS: 2,
    USBDEVICES: 3,
    BATTERIES: 1,
    PRINTERS: 1,
    SOFTWARES: 3,
    LOCAL_USERS: 4,
    LOCAL_GROUPS: 4,
  });
  const h = content.HARDWARE!;
  assert.equal(h.NAME, "Janes-MacBook-Pro");
  assert.equal(h.OSNAME, "macOS");
  assert.equal(h.OSVERSION, "14.5");
  assert.equal(h.MEMORY, "16384");
  assert.equal(h.IPADDR, "192.168.1.23/10.8.0.6");
  assert.equal(h.DEFAULTGATEWAY, "192.168.1.1");
  assert.equal(h.UUID, "5B0A3C1D-2E4F-5A6B-8C7D-9E0F1A2B3C4D");
  assert.equal(h.USERID, "jane/admin");
  assert.equal(h.PROCESSORT, "Apple M2 Pro");
  assert.equal(h.PROCESSORN, "1");
  assert.match(String(h.DESCRIPTION), /^arm64\/\d\d-\d\d-\d\d \d\d:\d\d:\d\d$/);
  assert.equal(content.BIOS!.SSN, "F2XK7QWERT");
  assert.equal(content.DRIVES![0]!.FILESYSTEM, "APFS");
  assert.equal(content.NETWORKS![0]!.MACADDR, "a4:83:e7:12:34:56");
  assert.equal(content.SOFTWARES![1]!.PUBLISHER, "Mozilla Corporation");
  assert.equal(content.BATTERIES![0]!.CYCLES, "123");
});

Deno.test("macOS collectors: garbage or truncated system_profiler costs only its sections", async () => {
  const full = fixture("system_profiler.json");
  for (const output of [full.slice(0, 4000), "system_profiler: internal error\n\u0000\u0001"]) {
    const probe = recordedProbe(macRecording({ [PROFILER]: output }));
    const { content, report } = await collectInventory(probe, { platform: "darwin" });
    const failed = report.filter((r) => r.error).map((r) => r.section);
    assert.deepEqual(failed, [
      "MEMORIES",
      "STORAGES",
      "CONTROLLERS",
      "VIDEOS",
      "SOUNDS",
      "MONITORS",
      "USBDEVICES",
      "BATTERIES",
      "PRINTERS",
      "SOFTWARES",
    ]);
    for (const r of report.filter((r) => r.error)) {
      assert.match(r.error!, /^ToolOutputError: system_profiler: not JSON/);
    }
    // The sections with other sources still come, from sysctl, ioreg, df, ifconfig, dscacheutil.
    assert.equal(content.HARDWARE!.NAME, "Janes-MacBook-Pro");
    assert.equal(content.HARDWARE!.OSVERSION, "14.5");
    assert.equal(content.BIOS!.SSN, "F2XK7QWERT");
    assert.equal(content.CPUS!.length, 1);
    assert.equal(content.DRIVES!.length, 6);
    assert.equal(content.DRIVES![0]!.FILESYSTEM, undefined);
    assert.deepEqual([...new Set(content.NETWORKS!.map((n) => n.DESCRIPTION))], ["en0", "utun3"]);
    assert.equal(content.LOCAL_USERS!.length, 4);
    assert.ok(probe.messages.some((m) => m.startsWith("system_profiler: not JSON")));
  }
});

Deno.test("macOS collectors: missing tools leave their sections out, without errors", async () => {
  const probe = recordedProbe(
    macRecording({ [PROFILER]: null, [DF]: null, "dscacheutil -q user": null }),
  );
  const { content, report } = await collectInventory(probe, { platform: "darwin" });
  assert.deepEqual(report.filter((r) => r.error), []);
  assert.deepEqual(Object.keys(content), [
    "HARDWARE",
    "BIOS",
    "CPUS",
    "NETWORKS",
    "LOCAL_GROUPS",
  ]);
  assert.equal(content.LOCAL_GROUPS![0]!.MEMBER, "root", "without users, named members only");
});

Deno.test("macOS collectors: garbage df is an error of DRIVES only", async () => {
  const probe = recordedProbe(macRecording({ [DF]: "df: illegal option -- P\nusage: df" }));
  const { content, report } = await collectInventory(probe, { platform: "darwin" });
  assert.deepEqual(report.filter((r) => r.error).map((r) => [r.section, r.error]), [
    ["DRIVES", "ToolOutputError: df: no header line"],
  ]);
  assert.equal(content.SOFTWARES!.length, 3);
});
