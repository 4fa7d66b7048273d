/**
 * macOS HARDWARE, BIOS, CPUS and MEMORIES from system_profiler (SPHardwareDataType,
 * SPSoftwareDataType, SPMemoryDataType), `sysctl`, `sw_vers` and `ioreg`.
 *
 * Field choices follow the OCS Unix agent's macOS backend: BIOS/TYPE is the marketing name
 * (`MacBook Pro`), SMODEL the model identifier (`Mac14,10`), OSNAME `macOS`, OSCOMMENTS the
 * kernel version (`uname -v`).
 *
 * @module
 */

import type { SimpleObject } from "../../protocol/mod.ts";
import { entry, num, text } from "./entries.ts";
import { children, itemsOf, megabytes, megahertz, type ProfilerReport } from "./macos_profiler.ts";
import { swapTotalMb } from "./macos_kv.ts";

const APPLE = "Apple Inc.";
const MB = 1024 * 1024;

/** What HARDWARE is built from; every part may be missing. */
export interface MacHardwareInput {
  profiler: ProfilerReport | null;
  sysctl: Record<string, string>;
  swVers: Record<string, string>;
  ioreg: Record<string, string>;
  /** Logged-in users, console first. */
  users: string[];
  ipv4: string[];
  dns: string[];
  gateway?: string;
  /** Uptime already worded (`00-00-03 04:05:06`), for DESCRIPTION. */
  uptime?: string;
}

/** HARDWARE. PROCESSOR* are derived from CPUS by the runner. */
export function macHardware(input: MacHardwareInput): SimpleObject {
  const { sysctl, swVers, ioreg } = input;
  const hw = itemsOf(input.profiler ?? {}, "SPHardwareDataType")[0] ?? {};
  const sw = itemsOf(input.profiler ?? {}, "SPSoftwareDataType")[0] ?? {};
  const host = sysctl["kern.hostname"] ?? text(sw.local_host_name);
  const dot = host?.indexOf(".") ?? -1;
  const osVersion = text(sw.os_version)?.match(/^(\S+)\s+(\d[\d.]*)/);
  const memsize = num(sysctl["hw.memsize"]);
  const arch = sysctl["hw.machine"];
  return entry({
    NAME: host && dot > 0 ? host.slice(0, dot) : host,
    WORKGROUP: host && dot > 0 ? host.slice(dot + 1) : "WORKGROUP",
    OSNAME: swVers.ProductName ?? osVersion?.[1],
    OSVERSION: swVers.ProductVersion ?? osVersion?.[2],
    OSCOMMENTS: sysctl["kern.version"] ?? text(sw.kernel_version),
    MEMORY: memsize ? Math.trunc(memsize / MB) : megabytes(hw.physical_memory),
    SWAP: swapTotalMb(sysctl["vm.swapusage"]),
    IPADDR: input.ipv4.join("/"),
    DNS: input.dns.join("/"),
    DEFAULTGATEWAY: input.gateway,
    UUID: ioreg.IOPlatformUUID ?? text(hw.platform_UUID),
    ARCH: arch,
    DESCRIPTION: arch && input.uptime ? `${arch}/${input.uptime}` : arch,
    USERID: input.users.join("/"),
    VMSYSTEM: vmSystem(text(hw.machine_model) ?? ioreg.model),
  });
}

/** Virtual Macs announce themselves in the model identifier. */
function vmSystem(model: string | undefined): string | undefined {
  if (!model) return undefined;
  if (/^VMware/i.test(model)) return "VMware";
  if (/^Parallels/i.test(model)) return "Parallels";
  if (/^VirtualMac/i.test(model)) return "Apple Virtualization";
  return "Physical";
}

/** BIOS: Apple firmware (boot ROM) and the machine's identity. */
export function macBios(
  profiler: ProfilerReport | null,
  ioreg: Record<string, string>,
): SimpleObject | null {
  const hw = itemsOf(profiler ?? {}, "SPHardwareDataType")[0];
  if (!hw && Object.keys(ioreg).length === 0) return null;
  const maker = ioreg.manufacturer ?? APPLE;
  return entry({
    SMANUFACTURER: maker,
    SMODEL: text(hw?.machine_model) ?? ioreg.model,
    SSN: text(hw?.serial_number) ?? ioreg.IOPlatformSerialNumber,
    TYPE: text(hw?.machine_name) ?? ioreg["product-name"],
    BMANUFACTURER: maker,
    BVERSION: text(hw?.boot_rom_version),
    MMANUFACTURER: maker,
    // Intel Macs name their logic board by board-id, Apple silicon by target-type.
    MMODEL: ioreg["board-id"] ?? ioreg["target-type"],
  });
}

/** CPUS: one entry per package (always one on Apple silicon). */
export function macCpus(
  profiler: ProfilerReport | null,
  sysctl: Record<string, string>,
): SimpleObject[] {
  const hw = itemsOf(profiler ?? {}, "SPHardwareDataType")[0] ?? {};
  const brand = sysctl["machdep.cpu.brand_string"] ?? text(hw.chip_type) ?? text(hw.cpu_type);
  if (!brand) return [];
  const arch = sysctl["hw.machine"];
  const apple = /^Apple\b/.test(brand) || arch === "arm64";
  const packages = Math.max(1, num(sysctl["hw.packages"]) ?? num(hw.packages) ?? 1);
  const cores = num(sysctl["hw.physicalcpu"]) ?? num(hw.number_processors);
  const logical = num(sysctl["hw.logicalcpu"]) ?? num(sysctl["hw.ncpu"]);
  const l2 = num(sysctl["hw.l2cachesize"]);
  // Apple publishes no clock for its own chips; Intel Macs report it (and the brand has it).
  const speed = megahertz(hw.current_processor_speed) ??
    megahertz(brand.match(/@\s*([\d.]+\s*GHz)/i)?.[1]);
  const one = entry({
    MANUFACTURER: apple ? "Apple" : /intel/i.test(brand) ? "Intel" : undefined,
    TYPE: brand,
    SPEED: speed,
    CORES: cores ? Math.round(cores / packages) : undefined,
    LOGICAL_CPUS: logical ? Math.round(logical / packages) : undefined,
    CPUARCH: arch,
    DATA_WIDTH: 64,
    L2CACHESIZE: l2 ? Math.round(l2 / 1024) : undefined,
  });
  return Array.from({ length: packages }, () => ({ ...one }));
}

/**
 * MEMORIES: one entry per DIMM slot on Intel Macs (empty ones included, capacity 0); Apple
 * silicon's unified memory is reported as one built-in bank.
 */
export function macMemories(profiler: ProfilerReport | null): SimpleObject[] {
  const top = itemsOf(profiler ?? {}, "SPMemoryDataType");
  const dimms = top.flatMap(children);
  if (dimms.length > 0) {
    return dimms.map((d, i) => {
      const empty = /^empty$/i.test(text(d.dimm_size) ?? "");
      return entry({
        CAPTION: text(d._name),
        DESCRIPTION: text(d.dimm_part_number),
        CAPACITY: empty ? 0 : megabytes(d.dimm_size),
        SPEED: megahertz(d.dimm_speed),
        TYPE: empty ? "Empty slot" : text(d.dimm_type),
        SERIALNUMBER: text(d.dimm_serial_number),
        MANUFACTURER: text(d.dimm_manufacturer),
        NUMSLOTS: i + 1,
      });
    });
  }
  return top.filter((m) => megabytes(m.SPMemoryDataType) !== undefined).map((m, i) =>
    entry({
      CAPTION: "Built-in memory",
      DESCRIPTION: "Unified memory",
      CAPACITY: megabytes(m.SPMemoryDataType),
      TYPE: text(m.dimm_type),
      MANUFACTURER: text(m.dimm_manufacturer),
      NUMSLOTS: i + 1,
    })
  );
}
