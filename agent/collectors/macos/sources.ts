/**
 * The macOS tools, each run once per probe and parsed once, shared by the collectors:
 * ONE `system_profiler -json` for every data type (it is slow to start, and the applications
 * scan alone can take tens of seconds), plus quick `sysctl`, `sw_vers`, `ioreg`, `df`,
 * `ifconfig`, `who` and `dscacheutil` calls.
 *
 * @module
 */

import { parseDf } from "../../parsers/macos_df.ts";
import { parseDscache } from "../../parsers/macos_dscache.ts";
import { parseIfconfig } from "../../parsers/macos_ifconfig.ts";
import { parseIoreg, parseSwVers, parseSysctl, parseWho } from "../../parsers/macos_kv.ts";
import { parseSystemProfiler, type ProfilerReport } from "../../parsers/macos_profiler.ts";
import { perProbe } from "../linux/common.ts";
import type { Probe } from "../types.ts";

/** The data types of the one system_profiler run (USB: both the old and the macOS 26 name). */
export const PROFILER_TYPES = [
  "SPHardwareDataType",
  "SPSoftwareDataType",
  "SPMemoryDataType",
  "SPStorageDataType",
  "SPNVMeDataType",
  "SPSerialATADataType",
  "SPNetworkDataType",
  "SPDisplaysDataType",
  "SPAudioDataType",
  "SPUSBDataType",
  "SPUSBHostDataType",
  "SPPowerDataType",
  "SPPrintersDataType",
  "SPApplicationsDataType",
] as const;

/** The system_profiler arguments. */
export const PROFILER_ARGS: readonly string[] = ["-json", ...PROFILER_TYPES];

/** Generous: SPApplicationsDataType walks every bundle on the disk. */
export const PROFILER_TIMEOUT_MS = 120_000;

/**
 * sysctl names read by name (not `-n`), so a value is never taken for another's. All exist on
 * both Intel and Apple silicon: an unknown name would make sysctl fail as a whole.
 */
export const SYSCTL_NAMES = [
  "hw.memsize",
  "hw.ncpu",
  "hw.physicalcpu",
  "hw.logicalcpu",
  "hw.packages",
  "hw.machine",
  "hw.l2cachesize",
  "machdep.cpu.brand_string",
  "kern.hostname",
  "kern.version",
  "kern.boottime",
  "vm.swapusage",
] as const;

/**
 * The system_profiler report; null when the command failed (logged by the probe).
 *
 * @throws {ToolOutputError} (through the promise) when it printed something unreadable
 */
export const profilerReport = perProbe(async (probe): Promise<ProfilerReport | null> => {
  const out = await probe.run("system_profiler", [...PROFILER_ARGS], {
    timeoutMs: PROFILER_TIMEOUT_MS,
  });
  if (out === null) return null;
  try {
    return parseSystemProfiler(out);
  } catch (error) {
    probe.debug(error instanceof Error ? error.message : String(error));
    throw error;
  }
});

/** The report for sections that can do without it (HARDWARE, NETWORKS, DRIVES). */
export const optionalProfilerReport = (probe: Probe): Promise<ProfilerReport | null> =>
  profilerReport(probe).catch(() => null);

const runText = (command: string, args: string[]) => (probe: Probe) =>
  probe.run(command, args, { timeoutMs: 10_000 }).then((out) => out ?? "");

/** `sysctl` values by name. */
export const sysctlValues = perProbe(async (probe) =>
  parseSysctl(await runText("sysctl", [...SYSCTL_NAMES])(probe))
);

/** `sw_vers` fields. */
export const swVers = perProbe(async (probe) => parseSwVers(await runText("sw_vers", [])(probe)));

/** The platform device's properties (UUID, serial, model). */
export const ioregPlatform = perProbe(async (probe) =>
  parseIoreg(await runText("ioreg", ["-rd1", "-c", "IOPlatformExpertDevice"])(probe))
);

/** Mounted filesystems; null when df failed. */
export const dfEntries = perProbe(async (probe) => {
  const out = await probe.run("df", ["-kP"], { timeoutMs: 10_000 });
  return out === null ? null : parseDf(out);
});

/** Interfaces and their addresses. */
export const ifconfigInterfaces = perProbe(async (probe) =>
  parseIfconfig(await runText("ifconfig", ["-a"])(probe))
);

/** Logged-in users, console first. */
export const loggedIn = perProbe(async (probe) => parseWho(await runText("who", [])(probe)));

/** Local directory users (`dscacheutil -q user`); null when the command failed. */
export const dsUsers = perProbe(async (probe) => {
  const out = await probe.run("dscacheutil", ["-q", "user"], { timeoutMs: 10_000 });
  return out === null ? null : parseDscache(out);
});

/** Local directory groups (`dscacheutil -q group`); null when the command failed. */
export const dsGroups = perProbe(async (probe) => {
  const out = await probe.run("dscacheutil", ["-q", "group"], { timeoutMs: 10_000 });
  return out === null ? null : parseDscache(out);
});
