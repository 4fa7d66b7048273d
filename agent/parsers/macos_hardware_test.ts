import assert from "node:assert/strict";
import { parseIoreg, parseSwVers, parseSysctl } from "./macos_kv.ts";
import { macBios, macCpus, macHardware, macMemories } from "./macos_hardware.ts";
import { parseSystemProfiler } from "./macos_profiler.ts";

const fixture = (name: string) =>
  Deno.readTextFileSync(new URL(`../../tests/fixtures/agent/macos/${name}`, import.meta.url));
const silicon = parseSystemProfiler(fixture("system_profiler.json"));
const intel = parseSystemProfiler(fixture("system_profiler-intel.json"));
const sysctl = parseSysctl(fixture("sysctl.txt"));
const sysctlIntel = parseSysctl(fixture("sysctl-intel.txt"));
const ioreg = parseIoreg(fixture("ioreg.txt"));

Deno.test("macos HARDWARE: identity, OS, memory, network facts", () => {
  const h = macHardware({
    profiler: silicon,
    sysctl,
    swVers: parseSwVers(fixture("sw_vers.txt")),
    ioreg,
    users: ["jane", "admin"],
    ipv4: ["192.168.1.23", "10.8.0.6"],
    dns: ["192.168.1.1"],
    gateway: "192.168.1.1",
    uptime: "00-00-03 02:05:00",
  });
  assert.deepEqual(h, {
    NAME: "Janes-MacBook-Pro",
    WORKGROUP: "local",
    OSNAME: "macOS",
    OSVERSION: "14.5",
    OSCOMMENTS: sysctl["kern.version"],
    MEMORY: "16384",
    SWAP: "2048",
    IPADDR: "192.168.1.23/10.8.0.6",
    DNS: "192.168.1.1",
    DEFAULTGATEWAY: "192.168.1.1",
    UUID: "5B0A3C1D-2E4F-5A6B-8C7D-9E0F1A2B3C4D",
    ARCH: "arm64",
    DESCRIPTION: "arm64/00-00-03 02:05:00",
    USERID: "jane/admin",
    VMSYSTEM: "Physical",
  });
});

Deno.test("macos HARDWARE: without system_profiler nor sw_vers, from sysctl alone", () => {
  const h = macHardware({
    profiler: null,
    sysctl: parseSysctl("kern.hostname: mini\nhw.memsize: 8589934592\n"),
    swVers: {},
    ioreg: {},
    users: [],
    ipv4: [],
    dns: [],
  });
  assert.deepEqual(h, { NAME: "mini", WORKGROUP: "WORKGROUP", MEMORY: "8192" });
  const fallback = macHardware({
    profiler: silicon,
    sysctl: {},
    swVers: {},
    ioreg: {},
    users: [],
    ipv4: [],
    dns: [],
  });
  assert.equal(fallback.NAME, "Janes-MacBook-Pro");
  assert.equal(fallback.OSNAME, "macOS");
  assert.equal(fallback.OSVERSION, "14.5");
  assert.equal(fallback.MEMORY, "16384");
  assert.equal(fallback.UUID, "5B0A3C1D-2E4F-5A6B-8C7D-9E0F1A2B3C4D");
});

Deno.test("macos BIOS: Apple silicon and Intel", () => {
  assert.deepEqual(macBios(silicon, ioreg), {
    SMANUFACTURER: "Apple Inc.",
    SMODEL: "Mac14,10",
    SSN: "F2XK7QWERT",
    TYPE: "MacBook Pro",
    BMANUFACTURER: "Apple Inc.",
    BVERSION: "10151.121.1",
    MMANUFACTURER: "Apple Inc.",
    MMODEL: "J414c",
  });
  const b = macBios(intel, { "board-id": "Mac-5F9802EFE386AA28" })!;
  assert.equal(b.SMODEL, "MacBookPro16,2");
  assert.equal(b.MMODEL, "Mac-5F9802EFE386AA28");
  assert.equal(macBios(null, {}), null);
  assert.equal(macBios(null, ioreg)!.SSN, "F2XK7QWERT", "ioreg alone is enough");
});

Deno.test("macos CPUS: Apple silicon (no clock) and Intel (per package)", () => {
  assert.deepEqual(macCpus(silicon, sysctl), [{
    MANUFACTURER: "Apple",
    TYPE: "Apple M2 Pro",
    CORES: "12",
    LOGICAL_CPUS: "12",
    CPUARCH: "arm64",
    DATA_WIDTH: "64",
    L2CACHESIZE: "4096",
  }]);
  assert.deepEqual(macCpus(intel, sysctlIntel), [{
    MANUFACTURER: "Intel",
    TYPE: "Intel(R) Core(TM) i7-1068NG7 CPU @ 2.30GHz",
    SPEED: "2300",
    CORES: "4",
    LOGICAL_CPUS: "8",
    CPUARCH: "x86_64",
    DATA_WIDTH: "64",
    L2CACHESIZE: "256",
  }]);
  const twoSockets = macCpus(null, { ...sysctlIntel, "hw.packages": "2", "hw.physicalcpu": "24" });
  assert.equal(twoSockets.length, 2);
  assert.equal(twoSockets[1]!.CORES, "12");
  assert.deepEqual(macCpus(null, {}), []);
});

Deno.test("macos MEMORIES: DIMM slots (Intel) and unified memory (Apple silicon)", () => {
  assert.deepEqual(macMemories(intel), [
    {
      CAPTION: "BANK 0/ChannelA-DIMM0",
      DESCRIPTION: "HMA81GS6DJR8N-XN",
      CAPACITY: "8192",
      SPEED: "3733",
      TYPE: "LPDDR4X",
      SERIALNUMBER: "0x2A3B4C5D",
      MANUFACTURER: "0x80AD",
      NUMSLOTS: "1",
    },
    { CAPTION: "BANK 2/ChannelB-DIMM0", CAPACITY: "0", TYPE: "Empty slot", NUMSLOTS: "2" },
  ]);
  assert.deepEqual(macMemories(silicon), [{
    CAPTION: "Built-in memory",
    DESCRIPTION: "Unified memory",
    CAPACITY: "16384",
    TYPE: "LPDDR5",
    MANUFACTURER: "Hynix",
    NUMSLOTS: "1",
  }]);
  assert.deepEqual(macMemories(null), []);
});
