/**
 * Small helpers shared by the Linux collectors: trimmed reads, entry building, date formats,
 * and the per-probe shared facts (PCI devices, ids databases, machine name) several sections use.
 *
 * @module
 */

import { IdsDatabase } from "../../parsers/pci_ids.ts";
import type { Probe } from "../types.ts";

/** A file's text, trimmed; undefined when absent, unreadable or blank. */
export async function readTrim(probe: Probe, path: string): Promise<string | undefined> {
  const text = await probe.readText(path);
  const trimmed = text?.trim();
  return trimmed ? trimmed : undefined;
}

// The entry builder and date format are shared with the macOS and Windows parsers.
export { entry, formatDateTime } from "../../parsers/entries.ts";

const pad = (n: number) => String(n).padStart(2, "0");

/** `YYYY-MM-DD` in local time. */
export function formatDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Memoizes a per-probe computation, so concurrent collectors share it. */
export function perProbe<T>(compute: (probe: Probe) => Promise<T>): (probe: Probe) => Promise<T> {
  const cache = new WeakMap<Probe, Promise<T>>();
  return (probe) => {
    let hit = cache.get(probe);
    if (!hit) cache.set(probe, hit = compute(probe));
    return hit;
  };
}

async function idsDatabase(probe: Probe, names: string[]): Promise<IdsDatabase | null> {
  for (const dir of ["/usr/share/misc", "/usr/share/hwdata", "/usr/share"]) {
    for (const name of names) {
      const text = await probe.readText(`${dir}/${name}`);
      if (text) return new IdsDatabase(text);
    }
  }
  return null;
}

/** `pci.ids` when installed (pciutils/hwdata), else null: names fall back to ids. */
export const pciIds = perProbe((probe) => idsDatabase(probe, ["pci.ids"]));
/** `usb.ids` when installed (usbutils/hwdata), else null. */
export const usbIds = perProbe((probe) => idsDatabase(probe, ["usb.ids"]));

/** `uname -m` without running it; the kernel exposes it since 5.x, older ones via `uname`. */
export const machineArch = perProbe(async (probe) =>
  (await readTrim(probe, "/proc/sys/kernel/arch")) ??
    (await probe.run("uname", ["-m"]))?.trim() ??
    undefined
);

/** The last path component of a symlink target (a driver or device name). */
export async function linkName(probe: Probe, path: string): Promise<string | undefined> {
  const target = await probe.readLink(path);
  return target ? target.split("/").filter(Boolean).at(-1) : undefined;
}

/** Parses a CPU list such as `0-3,8,10-11` (sysfs `online`, `shared_cpu_list`). */
export function parseCpuList(text: string | undefined): number[] {
  const cpus: number[] = [];
  for (const part of (text ?? "").trim().split(",")) {
    const [a, b] = part.split("-").map((x) => Number.parseInt(x, 10));
    if (a === undefined || Number.isNaN(a)) continue;
    const end = b === undefined || Number.isNaN(b) ? a : Math.min(b, a + 4096);
    for (let cpu = a; cpu <= end; cpu++) cpus.push(cpu);
  }
  return cpus;
}
