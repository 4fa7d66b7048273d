/**
 * Runs the collectors of a platform side by side over one shared (memoizing) probe and assembles
 * the inventory CONTENT, with a per-section report (time, entries, error). A collector that
 * throws costs only its own section.
 *
 * @module
 */

import type { InventoryContent, SimpleObject } from "../protocol/mod.ts";
import { cachedProbe } from "./collectors/probe.ts";
import type { Collector, Probe } from "./collectors/types.ts";

/** Options of {@link collectInventory}. */
export interface CollectOptions {
  /** Leave SOFTWARES out (`--nosoftware`). */
  noSoftware?: boolean;
  /** `linux`, `darwin` or `windows`, as `Deno.build.os` names them (default: the running OS). */
  platform?: string;
  /** Replaces the platform's collectors (tests). */
  collectors?: readonly Collector[];
}

/** How one section went. */
export interface SectionReport {
  section: string;
  ms: number;
  /** Entries produced (1 for a single section, 0 when absent). */
  entries: number;
  error?: string;
}

/** The collected CONTENT and how each section went. */
export interface CollectResult {
  content: InventoryContent;
  report: SectionReport[];
}

/**
 * The collectors of each platform, by `Deno.build.os` name, loaded on demand: a Linux run
 * need not load (and hold in memory, ~3.5 MB measured) the macOS and Windows code.
 */
const PLATFORM_COLLECTORS = new Map<string, () => Promise<readonly Collector[]>>([
  ["linux", async () => (await import("./collectors/linux/mod.ts")).LINUX_COLLECTORS],
  ["darwin", async () => (await import("./collectors/macos/mod.ts")).MACOS_COLLECTORS],
  ["windows", async () => (await import("./collectors/windows/mod.ts")).WINDOWS_COLLECTORS],
]);

/** Thrown for a platform without collectors. */
export class UnsupportedPlatformError extends Error {
  override name = "UnsupportedPlatformError";
}

/**
 * Collects every section concurrently.
 *
 * @throws {UnsupportedPlatformError} when the platform has no collectors
 */
export async function collectInventory(
  probe: Probe,
  options: CollectOptions = {},
): Promise<CollectResult> {
  const platform = options.platform ?? Deno.build.os;
  let collectors = options.collectors ?? await PLATFORM_COLLECTORS.get(platform)?.();
  if (!collectors) throw new UnsupportedPlatformError(`No collectors for platform ${platform}`);
  if (options.noSoftware) collectors = collectors.filter((c) => c.section !== "SOFTWARES");
  const shared = cachedProbe(probe);
  const results = await Promise.all(collectors.map(async (collector) => {
    const started = performance.now();
    try {
      const value = await collector.collect(shared);
      return { collector, value, ms: performance.now() - started };
    } catch (error) {
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      shared.debug(`${collector.section}: ${message}`);
      return { collector, value: null, ms: performance.now() - started, error: message };
    }
  }));

  const content: Record<string, SimpleObject | SimpleObject[]> = {};
  const report: SectionReport[] = [];
  for (const { collector, value, ms, error } of results) {
    // An empty list is as good as absent on the wire (an empty element reads as no section).
    const present = value !== null && (!Array.isArray(value) || value.length > 0);
    if (present) content[collector.section] = value;
    report.push({
      section: collector.section,
      ms: Math.round(ms * 10) / 10,
      entries: !present ? 0 : Array.isArray(value) ? value.length : 1,
      ...(error ? { error } : {}),
    });
  }
  deriveProcessorFields(content);
  return { content: content as InventoryContent, report };
}

/** HARDWARE/PROCESSORT, PROCESSORS, PROCESSORN from CPUS, as the OCS agent's addCPU sets them. */
function deriveProcessorFields(content: Record<string, SimpleObject | SimpleObject[]>) {
  const hardware = content.HARDWARE;
  const cpus = content.CPUS;
  if (!hardware || Array.isArray(hardware) || !Array.isArray(cpus) || cpus.length === 0) return;
  const first = cpus[0]!;
  hardware.PROCESSORN = String(cpus.length);
  if (typeof first.TYPE === "string") hardware.PROCESSORT = first.TYPE;
  if (typeof first.SPEED === "string") hardware.PROCESSORS = first.SPEED;
}
