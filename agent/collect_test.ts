import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { collectInventory, UnsupportedPlatformError } from "./collect.ts";
import { liveProbe, recordedProbe } from "./collectors/probe.ts";
import type { Collector } from "./collectors/types.ts";

const FAKE_TREE = fileURLToPath(new URL("../tests/fixtures/agent/debian-vm", import.meta.url));

Deno.test("collect: a failing collector costs only its section", async () => {
  const collectors: Collector[] = [
    { section: "HARDWARE", collect: () => Promise.resolve({ NAME: "x" }) },
    { section: "CPUS", collect: () => Promise.reject(new TypeError("boom")) },
    { section: "DRIVES", collect: () => Promise.resolve([]) },
    { section: "BIOS", collect: () => Promise.resolve(null) },
  ];
  const { content, report } = await collectInventory(recordedProbe({}), { collectors });
  assert.deepEqual(content, { HARDWARE: { NAME: "x" } });
  assert.deepEqual(report.map((r) => [r.section, r.entries, r.error]), [
    ["HARDWARE", 1, undefined],
    ["CPUS", 0, "TypeError: boom"],
    ["DRIVES", 0, undefined],
    ["BIOS", 0, undefined],
  ]);
});

Deno.test("collect: HARDWARE/PROCESSOR* derive from CPUS; --nosoftware drops SOFTWARES", async () => {
  const collectors: Collector[] = [
    { section: "HARDWARE", collect: () => Promise.resolve({ NAME: "x" }) },
    {
      section: "CPUS",
      collect: () =>
        Promise.resolve([{ TYPE: "Xeon", SPEED: "2800" }, { TYPE: "Xeon", SPEED: "2800" }]),
    },
    { section: "SOFTWARES", collect: () => Promise.resolve([{ NAME: "a" }]) },
  ];
  const { content, report } = await collectInventory(recordedProbe({}), {
    collectors,
    noSoftware: true,
  });
  assert.deepEqual(content.HARDWARE, {
    NAME: "x",
    PROCESSORN: "2",
    PROCESSORT: "Xeon",
    PROCESSORS: "2800",
  });
  assert.equal(content.SOFTWARES, undefined);
  assert.ok(!report.some((r) => r.section === "SOFTWARES"));
});

Deno.test("collect: collectors share one probe; each command runs once", async () => {
  const probe = recordedProbe({ commands: { "ip -j addr": "[]" } });
  let runs = 0;
  const counting = { ...probe, run: (c: string, a: string[]) => (runs++, probe.run(c, a)) };
  const both = (section: string): Collector => ({
    section,
    collect: async (p) => ({ OUT: (await p.run("ip", ["-j", "addr"])) ?? "" }),
  });
  await collectInventory(counting, { collectors: [both("A"), both("B")] });
  assert.equal(runs, 1);
});

Deno.test("collect: platforms without collectors are refused", async () => {
  await assert.rejects(
    collectInventory(recordedProbe({}), { platform: "aix" }),
    UnsupportedPlatformError,
  );
});

Deno.test("collect: the Linux collectors over a fake file tree (liveProbe with a root)", async () => {
  const { content, report } = await collectInventory(liveProbe({ root: FAKE_TREE }), {
    platform: "linux",
  });
  for (const r of report) assert.equal(r.error, undefined, `${r.section}: ${r.error}`);
  const h = content.HARDWARE!;
  assert.equal(h.NAME, "vm");
  assert.equal(h.OSNAME, "Debian GNU/Linux 12.5");
  assert.equal(h.MEMORY, "3932");
  assert.equal(h.SWAP, "1023");
  assert.equal(h.IPADDR, "192.0.2.2");
  assert.equal(h.DEFAULTGATEWAY, "192.0.2.1");
  assert.equal(h.DESCRIPTION, "x86_64/00-00-01 01:01:01");
  assert.equal(h.VMSYSTEM, "KVM");
  assert.equal(h.PROCESSORT, "Intel(R) Xeon(R) Processor @ 2.80GHz");
  assert.equal(h.PROCESSORS, "2800");
  assert.equal(h.PROCESSORN, "1");
  assert.deepEqual(content.CPUS?.map((c) => [c.CORES, c.THREADS, c.MANUFACTURER]), [[
    "2",
    "2",
    "Intel",
  ]]);
  // Without `ip` (a rooted probe runs no commands): addresses from fib_trie and if_inet6.
  assert.deepEqual(content.NETWORKS?.map((n) => [n.DESCRIPTION, n.IPADDRESS, n.IPMASK]), [
    ["eth0", "192.0.2.2", "255.255.255.0"],
    ["eth0", "fe80::fc:ff:fe00:1", "ffff:ffff:ffff:ffff::"],
  ]);
  assert.deepEqual(content.STORAGES, [{
    NAME: "vda",
    TYPE: "disk",
    DISKSIZE: "274877.906944",
    SERIALNUMBER: "vm-disk",
    DESCRIPTION: "Virtual",
  }]);
  assert.deepEqual(content.DRIVES?.map((d) => [d.TYPE, d.VOLUMN, d.FILESYSTEM]), [[
    "/",
    "/dev/vda",
    "ext4",
  ]]);
  assert.deepEqual(content.CONTROLLERS?.map((c) => [c.NAME, c.PCIID, c.TYPE]), [
    ["Ethernet controller [0200]", "1af4:1041", "rev 01"],
  ]);
  assert.deepEqual(content.SOFTWARES?.map((s) => s.NAME), ["adduser", "libc6:amd64"]);
  assert.match(String(content.SOFTWARES?.[0]?.INSTALLDATE), /^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d$/);
  assert.equal(content.LOCAL_USERS?.length, 2);
  assert.deepEqual(content.LOCAL_GROUPS?.map((g) => g.MEMBER), ["root", "nobody"]);
  assert.deepEqual(content.REPOSITORY?.map((r) => r.NAME), ["main", "main"]);
  assert.equal(content.BIOS, undefined, "no DMI in the tree: no BIOS section");
});
