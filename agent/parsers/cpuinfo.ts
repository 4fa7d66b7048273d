/**
 * `/proc/cpuinfo`: the processor model, vendor, speed and topology that `lscpu` would print,
 * without running it. Each architecture words it its own way: x86 and IA64 per processor block
 * (`model name`, `family`), ARM per block on new kernels but in a `Processor :` header before
 * 3.8 (with the board, not the CPU, in `Hardware :`), PowerPC as `cpu :` per block, SPARC and
 * Alpha in one header with a CPU count (`ncpus active`, `cpus active`), MIPS as `cpu model`,
 * s390 as `# processors` and the machine type, RISC-V as `uarch`/`isa`.
 *
 * @module
 */

/** One `processor : N` block, keys as the kernel writes them (`model name`, `physical id`…). */
export type CpuInfoBlock = Record<string, string>;

/** Splits cpuinfo into per-processor blocks; header lines before the first block (ARM's
 * `Hardware`, `Serial`, `Model`) are returned apart. */
export function parseCpuInfo(text: string): { processors: CpuInfoBlock[]; extra: CpuInfoBlock } {
  const processors: CpuInfoBlock[] = [];
  const extra: CpuInfoBlock = {};
  let current: CpuInfoBlock | null = null;
  for (const line of text.split("\n")) {
    const colon = line.indexOf(":");
    if (colon === -1) {
      if (line.trim() === "") current = null;
      continue;
    }
    const key = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (key === "processor" && /^\d+$/.test(value)) {
      current = { processor: value };
      processors.push(current);
    } else if (current) current[key] = value;
    else if (key) extra[key] = value;
  }
  return { processors, extra };
}

/** The architectures whose cpuinfo reads differently. */
export type CpuFamily =
  | "x86"
  | "arm"
  | "powerpc"
  | "sparc"
  | "alpha"
  | "ia64"
  | "mips"
  | "s390"
  | "riscv"
  | "unknown";

/** What an inventory wants to know about the processors. */
export interface CpuSummary {
  family: CpuFamily;
  /** `Intel`, `AMD`, `ARM`… (x86 vendor ids lose their `Genuine`/`Authentic` prefix). */
  manufacturer?: string;
  model?: string;
  /** The current clock of the first CPU in MHz, rounded. */
  mhz?: number;
  /** Sockets (physical packages): from `physical id` when present, else a per-family guess
   * (one SoC on ARM and RISC-V, one package per CPU on the others) that sysfs should replace. */
  sockets: number;
  coresPerSocket: number;
  threadsPerCore: number;
  logical: number;
  /** x86 `flags` or ARM `Features`. */
  flags: string[];
  /** Whether the CPU is 64-bit by what cpuinfo says (x86 `lm`; Alpha, IA64, SPARC V9). */
  is64: boolean;
  /** The CPU's serial number where the kernel prints it (Alpha). */
  serial?: string;
}

const X86_VENDORS: Record<string, string> = {
  GenuineIntel: "Intel",
  AuthenticAMD: "AMD",
  HygonGenuine: "Hygon",
  CentaurHauls: "VIA",
  CyrixInstead: "Cyrix",
  GenuineTMx86: "Transmeta",
  TransmetaCPU: "Transmeta",
  Shanghai: "Zhaoxin",
};

const ARM_IMPLEMENTERS: Record<number, string> = {
  0x41: "ARM",
  0x42: "Broadcom",
  0x43: "Cavium",
  0x46: "Fujitsu",
  0x48: "HiSilicon",
  0x4e: "NVIDIA",
  0x50: "APM",
  0x51: "Qualcomm",
  0x53: "Samsung",
  0x56: "Marvell",
  0x61: "Apple",
  0x69: "Intel",
  0xc0: "Ampere",
};

const ARM_PARTS: Record<number, string> = {
  0xc07: "Cortex-A7",
  0xc09: "Cortex-A9",
  0xc0f: "Cortex-A15",
  0xd03: "Cortex-A53",
  0xd04: "Cortex-A35",
  0xd05: "Cortex-A55",
  0xd07: "Cortex-A57",
  0xd08: "Cortex-A72",
  0xd09: "Cortex-A73",
  0xd0a: "Cortex-A75",
  0xd0b: "Cortex-A76",
  0xd0c: "Neoverse-N1",
  0xd0d: "Cortex-A77",
  0xd40: "Neoverse-V1",
  0xd41: "Cortex-A78",
  0xd44: "Cortex-X1",
  0xd46: "Cortex-A510",
  0xd47: "Cortex-A710",
  0xd48: "Cortex-X2",
  0xd49: "Neoverse-N2",
  0xd4f: "Neoverse-V2",
};

/** Which architecture a parsed cpuinfo comes from, by the keys only it uses. */
export function cpuFamily(info: ReturnType<typeof parseCpuInfo>): CpuFamily {
  const first = info.processors[0] ?? {};
  const has = (key: string) => first[key] !== undefined || info.extra[key] !== undefined;
  if (first["arch"] === "IA-64" || (first["vendor"] !== undefined && has("family"))) return "ia64";
  if (info.extra["vendor_id"]?.includes("S390") || has("# processors")) return "s390";
  if (first["vendor_id"] !== undefined) return "x86";
  if (has("CPU implementer") || has("CPU architecture")) return "arm";
  if (has("ncpus active") || /sparc/i.test(info.extra["cpu"] ?? "")) return "sparc";
  if (has("cpus active") || info.extra["cpu"] === "Alpha") return "alpha";
  if (first["cpu"] !== undefined) return "powerpc";
  if (has("cpu model")) return "mips";
  if (has("isa") && (has("hart") || has("uarch") || has("mmu"))) return "riscv";
  return "unknown";
}

/** A count field (`ncpus active : 2`); undefined when absent or not a positive number. */
function count(value: string | undefined): number | undefined {
  const n = Number.parseInt(value ?? "", 10);
  return n > 0 ? n : undefined;
}

/** MHz from a frequency in Hz, decimal or hexadecimal (SPARC's `Cpu0ClkTck`). */
function hzToMhz(value: string | undefined, radix: 10 | 16): number | undefined {
  const hz = radix === 16 ? Number.parseInt(value ?? "", 16) : Number.parseFloat(value ?? "");
  return hz > 0 ? hz / 1e6 : undefined;
}

/**
 * Summarises the processor blocks. Topology comes from `physical id`/`core id`/`siblings`/
 * `cpu cores` when present (x86); without them ARM and RISC-V SoCs count as one socket of N
 * cores, x86 VMs, PowerPC, SPARC, Alpha, IA64 and MIPS as one socket per CPU, and the caller
 * should prefer sysfs topology.
 */
export function summarizeCpuInfo(info: ReturnType<typeof parseCpuInfo>): CpuSummary {
  const family = cpuFamily(info);
  const first = info.processors[0] ?? {};
  const extra = info.extra;
  const any = (key: string) => first[key] ?? extra[key];
  let manufacturer: string | undefined;
  let model: string | undefined;
  let mhz: number | undefined;
  let logical = info.processors.length;
  switch (family) {
    case "x86":
    case "ia64": {
      const vendor = first["vendor_id"] ?? first["vendor"];
      manufacturer = vendor ? X86_VENDORS[vendor] ?? vendor : undefined;
      model = first["model name"] ?? (family === "ia64" ? first["family"] : undefined);
      mhz = Number.parseFloat(first["cpu MHz"] ?? "");
      break;
    }
    case "arm": {
      const implementer = Number.parseInt(any("CPU implementer") ?? "", 16);
      manufacturer = ARM_IMPLEMENTERS[implementer];
      // Before 3.8 the name is the `Processor :` header; `Hardware :` is the board, never the CPU.
      model = first["model name"] ?? first["Processor"] ?? extra["Processor"];
      const part = Number.parseInt(any("CPU part") ?? "", 16);
      if (implementer === 0x41) model ??= ARM_PARTS[part];
      // A pre-3.8 uniprocessor kernel prints no `processor : 0` block at all.
      if (logical === 0 && extra["Processor"] !== undefined) logical = 1;
      break;
    }
    case "powerpc":
      model = first["cpu"];
      mhz = Number.parseFloat(first["clock"] ?? "");
      break;
    case "sparc":
      model = extra["cpu"];
      mhz = hzToMhz(extra["Cpu0ClkTck"], 16);
      logical ||= count(extra["ncpus active"]) ?? count(extra["ncpus probed"]) ?? 1;
      break;
    case "alpha":
      model = extra["cpu model"];
      mhz = hzToMhz(extra["cycle frequency [Hz]"], 10);
      logical ||= count(extra["cpus active"]) ?? count(extra["cpus detected"]) ?? 1;
      break;
    case "mips":
      model = first["cpu model"] ?? extra["cpu model"];
      break;
    case "s390": {
      // `processor 0: version = FF, identification = 0B2B28, machine = 8561`: the machine type.
      const machine = Object.entries(extra).find(([k]) => /^processor \d+$/.test(k))?.[1]
        .match(/machine = (\w+)/)?.[1];
      manufacturer = "IBM";
      model = machine ? `${extra["vendor_id"] ?? "IBM/S390"} ${machine}` : extra["vendor_id"];
      logical ||= count(extra["# processors"]) ?? 0;
      break;
    }
    case "riscv":
      model = first["uarch"] ?? first["model name"] ?? first["isa"];
      break;
    default:
      model = first["model name"] ?? first["cpu model"] ?? first["cpu"];
  }
  const topology = info.processors.some((p) => p["physical id"] !== undefined);
  const cores = Number.parseInt(first["cpu cores"] ?? "", 10);
  const siblings = Number.parseInt(first["siblings"] ?? "", 10);
  let sockets: number;
  if (topology) {
    sockets = new Set(info.processors.map((p) => p["physical id"])).size;
  } else if (family === "arm" || family === "riscv" || family === "unknown") {
    sockets = logical ? 1 : 0; // a SoC: its cores share one package
  } else {
    // One package per CPU (a VM's vCPUs, PowerPC, SPARC…), or per `siblings` CPUs if told.
    sockets = Math.ceil(logical / (siblings > 0 ? siblings : 1));
  }
  const coresPerSocket = cores > 0
    ? cores
    : Math.max(1, Math.round(logical / Math.max(sockets, 1)));
  const threadsPerCore = cores > 0 && siblings >= cores ? Math.round(siblings / cores) : 1;
  const flags = (first["flags"] ?? any("Features") ?? first["features"] ?? "").split(/\s+/)
    .filter(Boolean);
  return {
    family,
    manufacturer,
    model: model?.replace(/\s+/g, " ").trim() || undefined,
    mhz: mhz !== undefined && Number.isFinite(mhz) && mhz > 0 ? Math.round(mhz) : undefined,
    sockets,
    coresPerSocket,
    threadsPerCore,
    logical,
    flags,
    is64: flags.includes("lm") || family === "alpha" || family === "ia64" ||
      /^sun4[uv]/.test(extra["type"] ?? ""),
    serial: extra["cpu serial number"] || undefined,
  };
}

/** The nominal speed in a model name (`… @ 2.80GHz` → 2800), as the OCS agent reads it. */
export function speedFromModelName(model: string | undefined): number | undefined {
  const match = model?.match(/([\d.]+)\s*([GM])Hz\s*$/i);
  if (!match) return undefined;
  const value = Number.parseFloat(match[1]!);
  if (!Number.isFinite(value)) return undefined;
  return Math.round(match[2]!.toUpperCase() === "G" ? value * 1000 : value);
}
