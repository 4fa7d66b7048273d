/**
 * `/proc/cpuinfo` for x86 and ARM: the processor model, vendor, speed and topology that `lscpu`
 * would print, without running it.
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

/** What an inventory wants to know about the processors. */
export interface CpuSummary {
  /** `Intel`, `AMD`, `ARM`… (x86 vendor ids lose their `Genuine`/`Authentic` prefix). */
  manufacturer?: string;
  model?: string;
  /** The current clock of the first CPU in MHz, rounded. */
  mhz?: number;
  /** Sockets (physical packages). */
  sockets: number;
  coresPerSocket: number;
  threadsPerCore: number;
  logical: number;
  /** x86 `flags` or ARM `Features`. */
  flags: string[];
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

/**
 * Summarises the processor blocks. Topology comes from `physical id`/`core id`/`siblings`/
 * `cpu cores` when present (x86); without them (ARM) every CPU counts as one core of one socket,
 * and the caller should prefer sysfs topology.
 */
export function summarizeCpuInfo(info: ReturnType<typeof parseCpuInfo>): CpuSummary {
  const first = info.processors[0] ?? {};
  const logical = info.processors.length;
  const vendorId = first["vendor_id"];
  let manufacturer = vendorId ? X86_VENDORS[vendorId] ?? vendorId : undefined;
  let model = first["model name"] ?? first["cpu model"] ?? first["Processor"];
  const implementer = Number.parseInt(first["CPU implementer"] ?? "", 16);
  if (!Number.isNaN(implementer)) {
    manufacturer ??= ARM_IMPLEMENTERS[implementer];
    const part = Number.parseInt(first["CPU part"] ?? "", 16);
    if (implementer === 0x41 && ARM_PARTS[part]) model ??= ARM_PARTS[part];
  }
  model ??= info.extra["Model"] ?? info.extra["Hardware"];
  const mhz = Number.parseFloat(first["cpu MHz"] ?? "");
  const sockets =
    new Set(info.processors.map((p) => p["physical id"]).filter((x) => x !== undefined))
      .size || (logical ? 1 : 0);
  const cores = Number.parseInt(first["cpu cores"] ?? "", 10);
  const siblings = Number.parseInt(first["siblings"] ?? "", 10);
  const coresPerSocket = cores > 0
    ? cores
    : Math.max(1, Math.round(logical / Math.max(sockets, 1)));
  const threadsPerCore = cores > 0 && siblings >= cores ? Math.round(siblings / cores) : 1;
  return {
    manufacturer,
    model: model?.replace(/\s+/g, " ").trim() || undefined,
    mhz: Number.isFinite(mhz) ? Math.round(mhz) : undefined,
    sockets,
    coresPerSocket,
    threadsPerCore,
    logical,
    flags: (first["flags"] ?? first["Features"] ?? "").split(/\s+/).filter(Boolean),
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
