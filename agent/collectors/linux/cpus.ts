/**
 * CPUS: one entry per socket, as the OCS agent builds it from `lscpu` — read here from
 * `/proc/cpuinfo`, sysfs topology and caches, and the SMBIOS processor records when readable.
 *
 * @module
 */

import { parseCpuInfo, speedFromModelName, summarizeCpuInfo } from "../../parsers/cpuinfo.ts";
import { decodeProcessor } from "../../parsers/smbios.ts";
import type { Collector, Probe } from "../types.ts";
import { entry, machineArch, parseCpuList, readTrim } from "./common.ts";
import { smbiosTable } from "./smbios_table.ts";

const CPU_DIR = "/sys/devices/system/cpu";

/** CPUS; null when /proc/cpuinfo is unreadable. */
export const cpus: Collector = {
  section: "CPUS",
  async collect(probe) {
    const [text, arch, table, maxFreq] = await Promise.all([
      probe.readText("/proc/cpuinfo"),
      machineArch(probe),
      smbiosTable(probe),
      readTrim(probe, `${CPU_DIR}/cpu0/cpufreq/cpuinfo_max_freq`),
    ]);
    if (!text) return null;
    const info = parseCpuInfo(text);
    const summary = summarizeCpuInfo(info);
    // Without `physical id` (ARM, PowerPC, some VMs) the topology comes from sysfs: cpuinfo
    // alone cannot tell a VM's two 1-core sockets from one 2-core socket.
    const topology = info.processors.some((p) => p["physical id"] !== undefined)
      ? null
      : await sysfsTopology(probe);
    const sockets = topology?.sockets ?? summary.sockets;
    const coresPerSocket = topology?.coresPerSocket ?? summary.coresPerSocket;
    const threadsPerCore = topology?.threadsPerCore ?? summary.threadsPerCore;
    const l2 = await cacheSize(probe, 2);
    const smbios = (table?.ofType(4) ?? [])
      .map(decodeProcessor)
      .filter((p) => p.populated && !/Disabled/.test(p.status));
    const is64 = /64|s390x|alpha/.test(arch ?? "") || summary.is64;
    const speed = speedFromModelName(summary.model) ?? smbios[0]?.maxSpeed ??
      (maxFreq ? Math.round(Number(maxFreq) / 1000) : undefined) ?? summary.mhz;
    const count = Math.max(sockets, 1);
    return Array.from({ length: count }, (_, i) => {
      const socket = smbios.length === count ? smbios[i] : undefined;
      return entry({
        MANUFACTURER: summary.manufacturer,
        TYPE: summary.model,
        SPEED: speed,
        CURRENT_SPEED: summary.mhz ?? socket?.currentSpeed,
        CORES: coresPerSocket,
        THREADS: coresPerSocket * threadsPerCore,
        LOGICAL_CPUS: coresPerSocket * threadsPerCore,
        NBSOCKET: count,
        CPUARCH: arch,
        DATA_WIDTH: is64 ? 64 : 32,
        L2CACHESIZE: l2,
        SOCKET: socket?.socket,
        VOLTAGE: socket?.voltage,
        SERIALNUMBER: socket?.serial ?? summary.serial,
        CPUSTATUS: socket?.status,
      });
    });
  },
};

/** Sockets, cores and threads from `/sys/devices/system/cpu/cpuN/topology`. */
async function sysfsTopology(probe: Probe) {
  let online = parseCpuList(await readTrim(probe, `${CPU_DIR}/online`));
  // Kernels before 2.6.26 have no `online` list: every cpuN directory then counts.
  if (online.length === 0) {
    online = (await probe.list(CPU_DIR)).map((name) => name.match(/^cpu(\d+)$/)?.[1])
      .filter((n) => n !== undefined).map(Number).sort((a, b) => a - b);
  }
  if (online.length === 0) return null;
  const ids = await Promise.all(online.map(async (cpu) => {
    const dir = `${CPU_DIR}/cpu${cpu}/topology`;
    const [pkg, core] = await Promise.all([
      readTrim(probe, `${dir}/physical_package_id`),
      readTrim(probe, `${dir}/core_id`),
    ]);
    return { pkg: pkg ?? "0", core: core ?? String(cpu) };
  }));
  const sockets = new Set(ids.map((i) => i.pkg)).size;
  const cores = new Set(ids.map((i) => `${i.pkg}/${i.core}`)).size;
  return {
    sockets,
    coresPerSocket: Math.max(1, Math.round(cores / sockets)),
    threadsPerCore: Math.max(1, Math.round(online.length / cores)),
  };
}

/**
 * The total size of one cache level as lscpu prints it: `4 MiB (2 instances)`. Instances are
 * the distinct CPU sets sharing a cache.
 */
async function cacheSize(probe: Probe, level: number): Promise<string | undefined> {
  const indexes = (await probe.list(`${CPU_DIR}/cpu0/cache`)).filter((n) => n.startsWith("index"));
  const levels = await Promise.all(
    indexes.map((i) => readTrim(probe, `${CPU_DIR}/cpu0/cache/${i}/level`)),
  );
  const index = indexes.find((_, i) => levels[i] === String(level));
  if (!index) return undefined;
  const size = parseSize(await readTrim(probe, `${CPU_DIR}/cpu0/cache/${index}/size`));
  if (!size) return undefined;
  const online = parseCpuList(await readTrim(probe, `${CPU_DIR}/online`));
  const shared = await Promise.all(
    online.map((cpu) => readTrim(probe, `${CPU_DIR}/cpu${cpu}/cache/${index}/shared_cpu_list`)),
  );
  const instances = Math.max(1, new Set(shared.filter(Boolean)).size);
  return `${humanSize(size * instances)} (${instances} instance${instances > 1 ? "s" : ""})`;
}

function parseSize(text: string | undefined): number | undefined {
  const match = text?.match(/^(\d+)\s*([KMG]?)/i);
  if (!match) return undefined;
  const unit = { "": 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[match[2]!.toUpperCase()] ?? 1;
  return Number(match[1]) * unit;
}

/** util-linux style: `96 KiB`, `2.5 MiB`, `480 MiB`. */
function humanSize(bytes: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let value = bytes;
  let u = 0;
  while (value >= 1024 && u < units.length - 1) {
    value /= 1024;
    u++;
  }
  const rounded = Math.round(value * 10) / 10;
  return `${Number.isInteger(rounded) ? rounded : rounded.toFixed(1)} ${units[u]}`;
}
