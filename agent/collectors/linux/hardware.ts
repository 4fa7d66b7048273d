/**
 * HARDWARE: the machine's identity and totals. PROCESSORT/PROCESSORS/PROCESSORN are derived from
 * CPUS by the runner (`collect.ts`), as the OCS agent derives them when adding CPUs.
 *
 * @module
 */

import { decodeSystem } from "../../parsers/smbios.ts";
import { memoryAndSwapMb, parseMeminfo } from "../../parsers/meminfo.ts";
import { parseOsRelease } from "../../parsers/os_release.ts";
import { lastLogin, loggedInUsers, parseUtmp, UTMP_RECORD_SIZE } from "../../parsers/utmp.ts";
import type { Collector, Probe } from "../types.ts";
import { entry, formatDate, machineArch, readTrim } from "./common.ts";
import { netFacts } from "./net_facts.ts";
import { smbiosTable } from "./smbios_table.ts";
import { detectVmSystem } from "./vm_detect.ts";

/** HARDWARE. */
export const hardware: Collector = {
  section: "HARDWARE",
  async collect(probe) {
    const [host, os, meminfo, resolv, facts, uuid, arch, uptime, vm, logins, rootStat] =
      await Promise.all([
        hostAndDomain(probe),
        osIdentity(probe),
        probe.readText("/proc/meminfo"),
        probe.readText("/etc/resolv.conf"),
        netFacts(probe),
        systemUuid(probe),
        machineArch(probe),
        readTrim(probe, "/proc/uptime"),
        detectVmSystem(probe),
        loginFacts(probe),
        probe.stat("/"),
      ]);
    const { memory, swap } = memoryAndSwapMb(parseMeminfo(meminfo ?? ""));
    const resolvConf = parseResolvConf(resolv ?? "");
    const ipv4 = [...facts.addresses.entries()]
      .filter(([name]) => name !== "lo")
      .flatMap(([, list]) => list.filter((a) => a.family === 4 && !a.address.startsWith("127.")))
      .map((a) => a.address);
    const uptimeSeconds = Number(uptime?.split(/\s+/)[0]);
    return entry({
      NAME: host.name,
      WORKGROUP: host.domain ?? resolvConf.domain ?? "WORKGROUP",
      OSNAME: os.name,
      OSVERSION: os.version,
      OSCOMMENTS: os.comments,
      MEMORY: memory,
      SWAP: swap,
      IPADDR: ipv4.join("/"),
      DNS: resolvConf.nameservers.join("/"),
      DEFAULTGATEWAY: facts.gateway4?.gateway ?? facts.gateway6?.gateway,
      UUID: uuid,
      ARCH: arch,
      DESCRIPTION: arch && Number.isFinite(uptimeSeconds)
        ? `${arch}/${formatUptime(uptimeSeconds)}`
        : arch,
      VMSYSTEM: vm,
      USERID: logins.users.join("/"),
      LASTLOGGEDUSER: logins.last?.user,
      DATELASTLOGGEDUSER: logins.last?.date,
      INSTALLDATE: rootStat?.birthtimeMs ? formatDate(rootStat.birthtimeMs) : undefined,
    });
  },
};

/** Short host name, and the DNS domain as `hostname -d` finds it (FQDN, else /etc/hosts). */
async function hostAndDomain(probe: Probe): Promise<{ name?: string; domain?: string }> {
  const [kernel, etc, hosts] = await Promise.all([
    readTrim(probe, "/proc/sys/kernel/hostname"),
    readTrim(probe, "/etc/hostname"),
    probe.readText("/etc/hosts"),
  ]);
  const full = kernel ?? etc;
  if (!full) return {};
  const dot = full.indexOf(".");
  const name = dot === -1 ? full : full.slice(0, dot);
  if (dot !== -1) return { name, domain: full.slice(dot + 1) };
  // /etc/hosts: the canonical (first) name of the line that lists this host.
  for (const line of (hosts ?? "").split("\n")) {
    const names = line.replace(/#.*/, "").trim().split(/\s+/).slice(1);
    if (names.includes(full)) {
      const canonical = names[0]!;
      if (canonical.startsWith(`${full}.`)) {
        return { name, domain: canonical.slice(full.length + 1) };
      }
    }
  }
  return { name };
}

/** Nameservers, and the domain from `domain`/`search` lines (as the OCS agent reads them). */
export function parseResolvConf(text: string): { nameservers: string[]; domain?: string } {
  const nameservers: string[] = [];
  const domains = new Set<string>();
  for (const line of text.split("\n")) {
    const match = line.match(/^\s*(nameserver|domain|search)\s+(.+?)\s*$/i);
    if (!match) continue;
    if (match[1]!.toLowerCase() === "nameserver") nameservers.push(match[2]!.split(/\s+/)[0]!);
    else domains.add(match[2]!);
  }
  return { nameservers, domain: domains.size ? [...domains].join("/") : undefined };
}

/** OSNAME/OSVERSION/OSCOMMENTS as the OCS agent builds them from os-release and friends. */
async function osIdentity(
  probe: Probe,
): Promise<{ name: string; version?: string; comments?: string }> {
  const [etc, usr, debianVersion, kernelVersion, centos, kernelRelease] = await Promise.all([
    probe.readText("/etc/os-release"),
    probe.readText("/usr/lib/os-release"),
    readTrim(probe, "/etc/debian_version"),
    readTrim(probe, "/proc/sys/kernel/version"),
    readTrim(probe, "/etc/centos-release"),
    readTrim(probe, "/proc/sys/kernel/osrelease"),
  ]);
  const fields = parseOsRelease(etc ?? usr ?? "");
  if (!fields.NAME) {
    return { name: "Linux", version: kernelRelease, comments: "Unknown Linux distribution" };
  }
  let version = fields.VERSION_ID;
  let comments = fields.PRETTY_NAME;
  // On a Debian kernel the agent prefers the point release of /etc/debian_version (12.5).
  if (debianVersion && /^\d/.test(debianVersion) && /debian/i.test(kernelVersion ?? "")) {
    version = debianVersion;
  }
  if (centos) {
    comments = centos;
    version = centos.match(/(\d+\.\d+)/)?.[1] ?? version;
  }
  return { name: version ? `${fields.NAME} ${version}` : fields.NAME, version, comments };
}

async function systemUuid(probe: Probe): Promise<string | undefined> {
  const fromSysfs = await readTrim(probe, "/sys/class/dmi/id/product_uuid");
  if (fromSysfs) return fromSysfs;
  const table = await smbiosTable(probe);
  const system = table?.ofType(1)[0];
  return system ? decodeSystem(system, table!.version).uuid : undefined;
}

const TAIL_BYTES = 1024 * UTMP_RECORD_SIZE;
const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Logged-in users (utmp, as `who`) and the last login (wtmp, as `last`). */
async function loginFacts(probe: Probe) {
  const [run, varRun, wtmp] = await Promise.all([
    probe.readBytes("/run/utmp"),
    probe.readBytes("/var/run/utmp"),
    probe.readBytes("/var/log/wtmp"),
  ]);
  const users = loggedInUsers(parseUtmp(run ?? varRun ?? new Uint8Array()));
  // wtmp grows for a month or more; the last login is nearly always in its last records.
  const tail = wtmp && wtmp.length > TAIL_BYTES
    ? wtmp.subarray(wtmp.length - TAIL_BYTES - (wtmp.length % UTMP_RECORD_SIZE))
    : wtmp;
  const last = lastLogin(parseUtmp(tail ?? new Uint8Array())) ??
    (tail !== wtmp && wtmp ? lastLogin(parseUtmp(wtmp)) : null);
  if (!last) return { users };
  const d = new Date(last.time * 1000);
  const hhmm = `${String(d.getHours()).padStart(2, "0")}:${
    String(d.getMinutes()).padStart(2, "0")
  }`;
  return {
    users,
    last: {
      user: last.user,
      date: `${DAYS[d.getDay()]} ${MONTHS[d.getMonth()]} ${d.getDate()} ${hhmm}`,
    },
  };
}

/**
 * Uptime as the OCS agent words it: the fields of the UTC date `uptime` seconds after the epoch,
 * years since 1970, month (0-based), day (0-based), time — `00-00-03 04:05:06` is 3 days 4 hours.
 */
export function formatUptime(seconds: number): string {
  const d = new Date(Math.trunc(seconds) * 1000);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${p(d.getUTCFullYear() - 1970)}-${p(d.getUTCMonth())}-${p(d.getUTCDate() - 1)} ${
    p(d.getUTCHours())
  }:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}
