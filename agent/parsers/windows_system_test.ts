import assert from "node:assert/strict";
import { recordingText } from "./test_helpers.ts";
import { parseCimReport } from "./windows_cim.ts";
import { windowsNetFacts } from "./windows_network.ts";
import { windowsBios, windowsCpus, windowsHardware, windowsMemories } from "./windows_system.ts";

const fixture = (name: string) =>
  Deno.readTextFileSync(new URL(`../../tests/fixtures/agent/windows/${name}`, import.meta.url));
const laptop = parseCimReport(fixture("cim-report.json"));
const desktop = parseCimReport(fixture("cim-report-pwsh7-desktop.json"));

Deno.test("windows HARDWARE: identity, OS, registration, memory, network facts", () => {
  assert.deepEqual(windowsHardware(laptop, windowsNetFacts(laptop)), {
    NAME: "LT-0042",
    WORKGROUP: "corp.example.com",
    USERDOMAIN: "CORP",
    OSNAME: "Microsoft Windows 11 Pro",
    OSVERSION: "10.0.22631",
    OSCOMMENTS: "23H2",
    MEMORY: "16064",
    SWAP: "2432",
    IPADDR: "10.20.30.41/172.29.112.1",
    DNS: "10.20.0.53/10.20.0.54",
    DEFAULTGATEWAY: "10.20.30.1",
    USERID: "jdoe",
    LASTLOGGEDUSER: "jdoe",
    TYPE: "0",
    DESCRIPTION: "Finance laptop",
    WINCOMPANY: "Example Corp",
    WINOWNER: "IT Department",
    WINPRODID: "00330-80000-00000-AA123",
    UUID: "4C4C4544-0042-3510-8052-B4C04F4B4D33",
    ARCH: "x86 64 bits",
    VMSYSTEM: "Physical",
    INSTALLDATE: "2023-09-12",
  });
});

Deno.test("windows HARDWARE: workgroup VM, placeholder UUID, PowerShell 7 dates", () => {
  const h = windowsHardware(desktop, windowsNetFacts(desktop));
  assert.equal(h.WORKGROUP, "WORKGROUP");
  assert.equal(h.VMSYSTEM, "QEMU");
  assert.equal(h.UUID, undefined, "all-F UUID dropped");
  assert.equal(h.USERID, undefined, "nobody logged on");
  assert.equal(h.WINPRODKEY, undefined);
  assert.equal(h.WINCOMPANY, undefined);
  assert.equal(h.SWAP, undefined, "no page file listed");
  assert.equal(h.INSTALLDATE, "2024-02-29");
  assert.equal(h.IPADDR, "192.0.2.77");
  assert.equal(h.DEFAULTGATEWAY, "192.0.2.1");
  assert.deepEqual(windowsHardware({}, { ipv4: [], dns: [] }), { TYPE: "0" });
});

Deno.test("windows BIOS", () => {
  assert.deepEqual(windowsBios(laptop), {
    SMANUFACTURER: "Dell Inc.",
    SMODEL: "Latitude 7440",
    SSN: "4B5RKM3",
    TYPE: "Notebook",
    BMANUFACTURER: "Dell Inc.",
    BVERSION: "1.12.1",
    BDATE: "01/05/2024",
    ASSETTAG: "IT-2024-0042",
    MMANUFACTURER: "Dell Inc.",
    MMODEL: "0K3WPY",
    MSN: "/4B5RKM3/CNWSC0039D012F/",
  });
  const vm = windowsBios(desktop)!;
  assert.equal(vm.BDATE, "02/06/2015", "DMTF date");
  assert.equal(vm.TYPE, "Other");
  assert.equal(vm.SSN, undefined);
  assert.equal(windowsBios({}), null);
});

Deno.test("windows CPUS: one per socket, Intel/AMD names, voltage in volts", () => {
  assert.deepEqual(windowsCpus(laptop), [{
    MANUFACTURER: "Intel",
    TYPE: "13th Gen Intel(R) Core(TM) i7-1365U",
    SPEED: "1800",
    CURRENT_SPEED: "1800",
    CORES: "10",
    LOGICAL_CPUS: "12",
    L2CACHESIZE: "6656",
    CPUARCH: "x64",
    DATA_WIDTH: "64",
    CURRENT_ADDRESS_WIDTH: "64",
    VOLTAGE: "0.8 V",
    SOCKET: "U3E1",
    CPUSTATUS: "OK",
    SERIALNUMBER: "BFEBFBFF000B06A3",
  }]);
  const amd = windowsCpus(desktop);
  assert.equal(amd.length, 2);
  assert.equal(amd[0]!.MANUFACTURER, "AMD");
  assert.equal(amd[0]!.TYPE, "AMD EPYC 7763 64-Core Processor", "padding trimmed");
  assert.equal(amd[1]!.SOCKET, "CPU 1");
});

Deno.test('windows CPUS: XP/2003\'s "Pentium III Xeon" falls back to the registry name', () => {
  const recorded = (name: string) => parseCimReport(recordingText(`windows/${name}.wmi.json`));
  // The recordings' WMI names; the registry keys (one per logical CPU) are given here.
  const xp = recorded("xp-Win32_Processor");
  assert.equal(windowsCpus(xp)[0]!.TYPE, "Intel Pentium III Xeon processor", "no registry");
  xp.CentralProcessor = [
    { Index: 1, ProcessorNameString: "Intel(R) Core(TM)2 Duo CPU     T9400  @ 2.53GHz" },
    { Index: 0, ProcessorNameString: "Intel(R) Core(TM)2 Duo CPU     T9400  @ 2.53GHz" },
  ];
  assert.equal(windowsCpus(xp)[0]!.TYPE, "Intel(R) Core(TM)2 Duo CPU T9400 @ 2.53GHz");
  // Two sockets of 4 logical CPUs each: the second socket's name is the 5th key's.
  const hotfix = recorded("2003R2-Hotfix-Win32_Processor");
  hotfix.CentralProcessor = Array.from({ length: 8 }, (_, i) => ({
    Index: i,
    ProcessorNameString: i < 4 ? "Intel Core 2 Duo P9xxx" : "Intel Core 2 Duo P9yyy",
  }));
  assert.deepEqual(windowsCpus(hotfix).map((c) => c.TYPE), [
    "Intel Core 2 Duo P9xxx",
    "Intel Core 2 Duo P9yyy",
  ]);
  // A right WMI name stays, even with a registry: Windows 7 and 2003's real Xeon name.
  for (const name of ["7-Win32_Processor", "2003-Win32_Processor"]) {
    const report = recorded(name);
    const wmi = windowsCpus(report)[0]!.TYPE;
    report.CentralProcessor = [{ Index: 0, ProcessorNameString: "something else" }];
    assert.equal(windowsCpus(report)[0]!.TYPE, wmi, name);
  }
});

Deno.test("windows MEMORIES: modules (MiB, SMBIOS type, configured speed), empty slots", () => {
  const m = windowsMemories(laptop);
  assert.equal(m.length, 2);
  assert.deepEqual(m[0], {
    CAPTION: "DIMM A",
    DESCRIPTION: "BANK 0",
    CAPACITY: "8192",
    SPEED: "4800",
    TYPE: "DDR5",
    PURPOSE: "System Memory",
    SERIALNUMBER: "4372A1B9",
    MANUFACTURER: "Samsung",
    NUMSLOTS: "1",
  });
  const withEmpty = windowsMemories({
    ...laptop,
    PhysicalMemoryArray: [{ MemoryDevices: 4, Use: 3 }, { MemoryDevices: 1, Use: 7 }],
  });
  assert.deepEqual(withEmpty.slice(2), [
    { CAPACITY: "0", TYPE: "Empty slot", NUMSLOTS: "3" },
    { CAPACITY: "0", TYPE: "Empty slot", NUMSLOTS: "4" },
  ]);
  assert.equal(windowsMemories(desktop)[0]!.SPEED, undefined, "0 and null speeds");
});
