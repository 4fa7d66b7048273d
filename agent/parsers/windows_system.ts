/**
 * Windows HARDWARE, BIOS, CPUS and MEMORIES from the CIM report (Win32_ComputerSystem,
 * Win32_OperatingSystem, Win32_BIOS, Win32_BaseBoard, Win32_SystemEnclosure, Win32_Processor,
 * Win32_PhysicalMemory…), with the field meanings of the OCS Windows agent.
 *
 * @module
 */

import type { SimpleObject } from "../../protocol/mod.ts";
import { entry, num, text } from "./entries.ts";
import { CHASSIS_TYPES } from "./smbios.ts";
import {
  biosDate,
  cimDate,
  type CimReport,
  first,
  instances,
  isoDate,
  real,
  scalars,
  splitAccount,
} from "./windows_cim.ts";
import type { WindowsNetFacts } from "./windows_network.ts";

const MB = 1024 * 1024;

/** Win32_Processor.Architecture codes, worded as Windows words them. */
const CPU_ARCHITECTURES: Record<number, string> = {
  0: "x86",
  1: "MIPS",
  2: "Alpha",
  3: "PowerPC",
  5: "ARM",
  6: "ia64",
  9: "x64",
  12: "ARM64",
};

/** Virtual hardware as Win32_ComputerSystem names it. */
function vmSystem(manufacturer: string | undefined, model: string | undefined) {
  if (!manufacturer && !model) return undefined;
  const both = `${manufacturer ?? ""} ${model ?? ""}`;
  if (/VMware/i.test(both)) return "VMware";
  if (/VirtualBox|innotek/i.test(both)) return "VirtualBox";
  if (/Microsoft Corporation/i.test(manufacturer ?? "") && /Virtual Machine/i.test(model ?? "")) {
    return "Hyper-V";
  }
  if (/QEMU|KVM/i.test(both)) return "QEMU";
  if (/\bXen\b/i.test(both)) return "Xen";
  if (/Parallels/i.test(both)) return "Parallels";
  return "Physical";
}

/** HARDWARE/ARCH: the OCS Windows agent's `x86 64 bits` / `x86 32 bits` (`ARM 64 bits` on ARM). */
function windowsArch(report: CimReport): string | undefined {
  const cpu = first(report, "Processor");
  const os = first(report, "OperatingSystem");
  const width = num(cpu.AddressWidth) ??
    (/64/.test(text(os.OSArchitecture) ?? "") ? 64 : undefined);
  if (width === undefined) return undefined;
  const arm = [5, 12].includes(num(cpu.Architecture) ?? -1);
  return `${arm ? "ARM" : "x86"} ${width} bits`;
}

/** HARDWARE. PROCESSOR* are derived from CPUS by the runner. */
export function windowsHardware(report: CimReport, net: WindowsNetFacts): SimpleObject {
  const cs = first(report, "ComputerSystem");
  const os = first(report, "OperatingSystem");
  const cv = first(report, "CurrentVersion");
  const logged = splitAccount(cs.UserName);
  const last = splitAccount(first(report, "LogonUI").LastLoggedOnSAMUser);
  const total = num(cs.TotalPhysicalMemory) ??
    (num(os.TotalVisibleMemorySize) ?? NaN) * 1024;
  const swap = instances(report, "PageFileUsage").reduce(
    (sum, p) => sum + (num(p.AllocatedBaseSize) ?? 0),
    0,
  );
  const installed = cimDate(os.InstallDate);
  const uuid = real(first(report, "ComputerSystemProduct").UUID);
  return entry({
    NAME: real(cs.Name),
    WORKGROUP: cs.PartOfDomain === true ? real(cs.Domain) : real(cs.Workgroup) ?? real(cs.Domain),
    USERDOMAIN: logged.domain,
    OSNAME: real(os.Caption) ?? real(cv.ProductName),
    OSVERSION: real(os.Version),
    OSCOMMENTS: real(os.CSDVersion) ?? real(cv.DisplayVersion) ?? real(cv.ReleaseId),
    MEMORY: Number.isFinite(total) ? Math.trunc(total / MB) : undefined,
    SWAP: instances(report, "PageFileUsage").length ? swap : undefined,
    IPADDR: net.ipv4.join("/"),
    DNS: net.dns.join("/"),
    DEFAULTGATEWAY: net.gateway,
    USERID: logged.user,
    LASTLOGGEDUSER: last.user,
    TYPE: 0,
    DESCRIPTION: real(os.Description),
    WINCOMPANY: real(os.Organization) ?? real(cv.RegisteredOrganization),
    WINOWNER: real(os.RegisteredUser) ?? real(cv.RegisteredOwner),
    WINPRODID: real(os.SerialNumber) ?? real(cv.ProductId),
    WINPRODKEY: real(report.ProductKey),
    // All-F and all-0 UUIDs are firmware placeholders, not identities.
    UUID: uuid && !/^[0F-]+$/i.test(uuid) ? uuid : undefined,
    ARCH: windowsArch(report),
    VMSYSTEM: vmSystem(real(cs.Manufacturer), real(cs.Model)),
    INSTALLDATE: installed ? isoDate(installed) : undefined,
  });
}

/** BIOS: firmware, system and board identity, chassis type. */
export function windowsBios(report: CimReport): SimpleObject | null {
  const bios = first(report, "BIOS");
  const cs = first(report, "ComputerSystem");
  const board = first(report, "BaseBoard");
  const enclosure = first(report, "SystemEnclosure");
  const product = first(report, "ComputerSystemProduct");
  if (Object.keys(bios).length + Object.keys(cs).length === 0) return null;
  const chassis = num(scalars(enclosure.ChassisTypes)[0]);
  const released = cimDate(bios.ReleaseDate);
  return entry({
    SMANUFACTURER: real(cs.Manufacturer) ?? real(product.Vendor),
    SMODEL: real(cs.Model) ?? real(product.Name),
    SSN: real(bios.SerialNumber) ?? real(product.IdentifyingNumber),
    TYPE: chassis !== undefined ? CHASSIS_TYPES[chassis] || undefined : undefined,
    BMANUFACTURER: real(bios.Manufacturer),
    BVERSION: real(bios.SMBIOSBIOSVersion) ?? real(bios.Version),
    BDATE: released ? biosDate(released) : undefined,
    ASSETTAG: real(enclosure.SMBIOSAssetTag),
    MMANUFACTURER: real(board.Manufacturer),
    MMODEL: real(board.Product),
    MSN: real(board.SerialNumber),
  });
}

/**
 * The names WMI gives modern CPUs on Windows XP and 2003 (`Intel Pentium III Xeon processor`,
 * localised `Processeur Intel(R) Pentium(R) III Xeon`): no Pentium III ran above 1.4 GHz.
 */
function wmiMisnamed(name: string | undefined, mhz: number | undefined): boolean {
  return name === undefined || (/Pentium\W*(\(R\))?\s*III\b/i.test(name) && (mhz ?? 0) > 1400);
}

/** CPUS: one entry per Win32_Processor (per socket). */
export function windowsCpus(report: CimReport): SimpleObject[] {
  // The registry has one CentralProcessor key per logical CPU, sockets' CPUs in a row.
  const registry = instances(report, "CentralProcessor")
    .sort((a, b) => (num(a.Index) ?? 0) - (num(b.Index) ?? 0));
  let logical = 0;
  return instances(report, "Processor").map((p) => {
    const maker = real(p.Manufacturer);
    const voltage = num(p.CurrentVoltage);
    const speed = num(p.MaxClockSpeed);
    let name = real(p.Name)?.replace(/\s+/g, " ");
    const fromRegistry = real((registry[logical] ?? registry[0])?.ProcessorNameString);
    if (wmiMisnamed(name, speed) && fromRegistry) name = fromRegistry.replace(/\s+/g, " ");
    logical += num(p.NumberOfLogicalProcessors) ?? 1;
    return entry({
      MANUFACTURER: maker === "GenuineIntel" ? "Intel" : maker === "AuthenticAMD" ? "AMD" : maker,
      TYPE: name,
      SPEED: speed,
      CURRENT_SPEED: num(p.CurrentClockSpeed),
      CORES: num(p.NumberOfCores),
      LOGICAL_CPUS: num(p.NumberOfLogicalProcessors),
      L2CACHESIZE: num(p.L2CacheSize),
      CPUARCH: CPU_ARCHITECTURES[num(p.Architecture) ?? -1],
      DATA_WIDTH: num(p.DataWidth),
      CURRENT_ADDRESS_WIDTH: num(p.AddressWidth),
      // CurrentVoltage is in tenths of a volt.
      VOLTAGE: voltage ? `${voltage / 10} V` : undefined,
      SOCKET: real(p.SocketDesignation),
      CPUSTATUS: real(p.Status),
      SERIALNUMBER: real(p.ProcessorId),
    });
  });
}

/** SMBIOS memory types (Win32_PhysicalMemory.SMBIOSMemoryType). */
const MEMORY_TYPES: Record<number, string> = {
  18: "DDR",
  19: "DDR2",
  20: "DDR2 FB-DIMM",
  24: "DDR3",
  26: "DDR4",
  27: "LPDDR",
  28: "LPDDR2",
  29: "LPDDR3",
  30: "LPDDR4",
  34: "DDR5",
  35: "LPDDR5",
};

/** MEMORIES: populated modules, then empty slots up to Win32_PhysicalMemoryArray's count. */
export function windowsMemories(report: CimReport): SimpleObject[] {
  const modules = instances(report, "PhysicalMemory").map((m, i) => {
    const capacity = num(m.Capacity);
    return entry({
      CAPTION: real(m.DeviceLocator) ?? real(m.Caption),
      DESCRIPTION: real(m.BankLabel) ?? real(m.PartNumber),
      CAPACITY: capacity !== undefined ? Math.trunc(capacity / MB) : undefined,
      SPEED: num(m.ConfiguredClockSpeed) || num(m.Speed),
      TYPE: MEMORY_TYPES[num(m.SMBIOSMemoryType) ?? -1] ?? MEMORY_TYPES[num(m.MemoryType) ?? -1],
      PURPOSE: purpose(report),
      SERIALNUMBER: real(m.SerialNumber),
      MANUFACTURER: real(m.Manufacturer),
      NUMSLOTS: i + 1,
    });
  });
  const slots = instances(report, "PhysicalMemoryArray")
    .filter((a) => num(a.Use) === 3)
    .reduce((sum, a) => sum + (num(a.MemoryDevices) ?? 0), 0);
  const empty = Array.from(
    { length: Math.max(0, slots - modules.length) },
    (_, i) => entry({ CAPACITY: 0, TYPE: "Empty slot", NUMSLOTS: modules.length + i + 1 }),
  );
  return [...modules, ...empty];
}

/** Win32_PhysicalMemoryArray.Use 3 is system memory, the only kind reported. */
function purpose(report: CimReport): string | undefined {
  return instances(report, "PhysicalMemoryArray").some((a) => num(a.Use) === 3)
    ? "System Memory"
    : undefined;
}
