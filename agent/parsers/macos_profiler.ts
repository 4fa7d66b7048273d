/**
 * `system_profiler -json <DataType…>`: one JSON object whose keys are the data types asked for,
 * each an array of items; nested items sit under `_items`. Values are mostly text with units
 * (`16 GB`, `2.3 GHz`) or enum-like tokens (`spdisplays_yes`).
 *
 * @module
 */

import { isObject, ToolOutputError } from "./entries.ts";

/** One item of a data type (a device, a volume, an application…). */
export type ProfilerItem = Record<string, unknown>;

/** The data types of one system_profiler run. */
export type ProfilerReport = Record<string, ProfilerItem[]>;

/**
 * Parses the JSON report.
 *
 * @throws {ToolOutputError} when the text is not a JSON object (garbage, cut short)
 */
export function parseSystemProfiler(text: string): ProfilerReport {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ToolOutputError(
      `system_profiler: not JSON (${error instanceof Error ? error.message : error})`,
    );
  }
  if (!isObject(data)) throw new ToolOutputError("system_profiler: not a JSON object");
  const report: ProfilerReport = {};
  for (const [type, items] of Object.entries(data)) {
    // A data type that is not an array of objects is left out, not fatal: the others still count.
    if (Array.isArray(items)) report[type] = items.filter(isObject);
  }
  return report;
}

/** The items of one data type; [] when it was not reported. */
export function itemsOf(report: ProfilerReport, type: string): ProfilerItem[] {
  return report[type] ?? [];
}

/** The nested items (`_items`) of an item. */
export function children(item: ProfilerItem): ProfilerItem[] {
  return Array.isArray(item._items) ? item._items.filter(isObject) : [];
}

/** Every item of a tree, depth first (USB devices behind hubs). */
export function flatten(items: ProfilerItem[]): ProfilerItem[] {
  return items.flatMap((item) => [item, ...flatten(children(item))]);
}

/** An object-valued field (`physical_drive`, `IPv4`…), or an empty one. */
export function objectField(item: ProfilerItem, key: string): ProfilerItem {
  const value = item[key];
  return isObject(value) ? value : {};
}

/** A list-valued field as strings (`ip_address`, `ServerAddresses`, `signed_by`). */
export function stringList(value: unknown): string[] {
  if (typeof value === "string") return value.trim() ? [value.trim()] : [];
  if (!Array.isArray(value)) return [];
  return value.filter((v): v is string => typeof v === "string" && v.trim() !== "");
}

const BINARY_UNITS: Record<string, number> = { KB: 1 / 1024, MB: 1, GB: 1024, TB: 1024 * 1024 };

/** A memory amount (`16 GB`, `1536 MB`, `8,5 GB`) in MiB, as system_profiler means it. */
export function megabytes(value: unknown): number | undefined {
  const match = typeof value === "string"
    ? value.trim().match(/^(\d+(?:[.,]\d+)?)\s*([KMGT]B)$/i)
    : null;
  if (!match) return undefined;
  return Math.round(Number(match[1]!.replace(",", ".")) * BINARY_UNITS[match[2]!.toUpperCase()]!);
}

/** A frequency (`2.3 GHz`, `2667 MHz`, `2,6 GHz`) in MHz. */
export function megahertz(value: unknown): number | undefined {
  const match = typeof value === "string"
    ? value.trim().match(/^(\d+(?:[.,]\d+)?)\s*([MG])Hz$/i)
    : null;
  if (!match) return undefined;
  const n = Number(match[1]!.replace(",", "."));
  return Math.round(match[2]!.toUpperCase() === "G" ? n * 1000 : n);
}

/** An enum-like token without its prefix: `spdisplays_internal` → `internal`. */
export function token(value: unknown, prefix: string): string | undefined {
  if (typeof value !== "string" || value.trim() === "") return undefined;
  return value.startsWith(prefix) ? value.slice(prefix.length) : value;
}

/** Whether a yes/no field says yes (`yes`, `spdisplays_yes`, `TRUE`). */
export function isYes(value: unknown): boolean {
  return typeof value === "string" && /(^|_)(yes|true)$/i.test(value.trim());
}
