/**
 * The macOS collectors, one per inventory section. Each is a thin join of the shared tool
 * outputs (`sources.ts`) and a parser of `agent/parsers/macos_*.ts`.
 *
 * A section fed only by system_profiler fails with the parse error when its output is
 * unreadable; HARDWARE, BIOS, CPUS, NETWORKS and DRIVES then still come out, from their other
 * tools (sysctl, ioreg, ifconfig, df).
 *
 * @module
 */

import type { ProfilerReport } from "../../parsers/macos_profiler.ts";
import {
  macBatteries,
  macMonitors,
  macPrinters,
  macSounds,
  macUsbDevices,
  macVideos,
} from "../../parsers/macos_devices.ts";
import { macLocalGroups, macLocalUsers } from "../../parsers/macos_dscache.ts";
import { macBios, macCpus, macHardware, macMemories } from "../../parsers/macos_hardware.ts";
import { bootTimeSeconds } from "../../parsers/macos_kv.ts";
import { macNetFacts, macNetworks } from "../../parsers/macos_network.ts";
import { macSoftwares } from "../../parsers/macos_softwares.ts";
import { macControllers, macDrives, macStorages } from "../../parsers/macos_storage.ts";
import { formatUptime } from "../linux/hardware.ts";
import type { CollectedSection, Collector } from "../types.ts";
import {
  dfEntries,
  dsGroups,
  dsUsers,
  ifconfigInterfaces,
  ioregPlatform,
  loggedIn,
  optionalProfilerReport,
  profilerReport,
  swVers,
  sysctlValues,
} from "./sources.ts";

/** A section built from the system_profiler report alone; null when the command failed. */
function fromProfiler(section: string, build: (r: ProfilerReport) => CollectedSection): Collector {
  return {
    section,
    async collect(probe) {
      const report = await profilerReport(probe);
      return report === null ? null : build(report);
    },
  };
}

const hardware: Collector = {
  section: "HARDWARE",
  async collect(probe) {
    const [profiler, sysctl, sw, ioreg, users, interfaces] = await Promise.all([
      optionalProfilerReport(probe),
      sysctlValues(probe),
      swVers(probe),
      ioregPlatform(probe),
      loggedIn(probe),
      ifconfigInterfaces(probe),
    ]);
    const boot = bootTimeSeconds(sysctl["kern.boottime"]);
    const uptime = boot ? formatUptime(Math.max(0, Date.now() / 1000 - boot)) : undefined;
    return macHardware({
      profiler,
      sysctl,
      swVers: sw,
      ioreg,
      users,
      uptime,
      ...macNetFacts(interfaces, profiler),
    });
  },
};

const bios: Collector = {
  section: "BIOS",
  async collect(probe) {
    const [profiler, ioreg] = await Promise.all([
      optionalProfilerReport(probe),
      ioregPlatform(probe),
    ]);
    return macBios(profiler, ioreg);
  },
};

const cpus: Collector = {
  section: "CPUS",
  async collect(probe) {
    const [profiler, sysctl] = await Promise.all([
      optionalProfilerReport(probe),
      sysctlValues(probe),
    ]);
    return macCpus(profiler, sysctl);
  },
};

const drives: Collector = {
  section: "DRIVES",
  async collect(probe) {
    const [df, profiler] = await Promise.all([dfEntries(probe), optionalProfilerReport(probe)]);
    return df && macDrives(df, profiler);
  },
};

const networks: Collector = {
  section: "NETWORKS",
  async collect(probe) {
    const [interfaces, profiler] = await Promise.all([
      ifconfigInterfaces(probe),
      optionalProfilerReport(probe),
    ]);
    return macNetworks(interfaces, profiler);
  },
};

const localUsers: Collector = {
  section: "LOCAL_USERS",
  async collect(probe) {
    const users = await dsUsers(probe);
    return users && macLocalUsers(users);
  },
};

const localGroups: Collector = {
  section: "LOCAL_GROUPS",
  async collect(probe) {
    const [groups, users] = await Promise.all([dsGroups(probe), dsUsers(probe)]);
    return groups && macLocalGroups(groups, users ?? []);
  },
};

/** Every macOS collector, HARDWARE first (the order sections are reported in). */
export const MACOS_COLLECTORS: readonly Collector[] = [
  hardware,
  bios,
  cpus,
  fromProfiler("MEMORIES", macMemories),
  fromProfiler("STORAGES", macStorages),
  drives,
  networks,
  fromProfiler("CONTROLLERS", macControllers),
  fromProfiler("VIDEOS", macVideos),
  fromProfiler("SOUNDS", macSounds),
  fromProfiler("MONITORS", macMonitors),
  fromProfiler("USBDEVICES", macUsbDevices),
  fromProfiler("BATTERIES", macBatteries),
  fromProfiler("PRINTERS", macPrinters),
  fromProfiler("SOFTWARES", macSoftwares),
  localUsers,
  localGroups,
];
