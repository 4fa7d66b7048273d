/**
 * Helpers shared by the parsers that turn a platform tool's output (system_profiler, the
 * PowerShell CIM report) straight into inventory section entries.
 *
 * @module
 */

import type { SimpleObject } from "../../protocol/mod.ts";

/** A tool's output that cannot be read at all (not JSON, cut short, not the expected shape). */
export class ToolOutputError extends Error {
  override name = "ToolOutputError";
}

/** An entry with only the fields that have a value (OCS treats empty and absent alike). */
export function entry(fields: Record<string, string | number | undefined | null>): SimpleObject {
  const out: SimpleObject = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined || value === null) continue;
    if (typeof value === "number" && !Number.isFinite(value)) continue;
    const text = String(value).trim();
    if (text !== "") out[key] = text;
  }
  return out;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** `YYYY/MM/DD HH:MM:SS` in local time: the SOFTWARES/INSTALLDATE form the OCS server accepts. */
export function formatDateTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}/${pad(d.getMonth() + 1)}/${pad(d.getDate())} ${pad(d.getHours())}:${
    pad(d.getMinutes())
  }:${pad(d.getSeconds())}`;
}

/** Link speed in Mb/s as the Linux collector words it (`100 Mbps`, `1 Gbps`); undefined if unknown. */
export function linkSpeed(mbps: number | undefined): string | undefined {
  if (mbps === undefined || !Number.isFinite(mbps) || mbps <= 0) return undefined;
  return mbps >= 1000 ? `${Math.round(mbps / 100) / 10} Gbps` : `${Math.round(mbps)} Mbps`;
}

/** A plain JSON object (not an array, not null). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A scalar as trimmed text; undefined for objects, arrays, null and blanks. */
export function text(value: unknown): string | undefined {
  if (typeof value === "string") return value.trim() || undefined;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value === "boolean") return value ? "1" : "0";
  return undefined;
}

/** A number from a number or numeric text; undefined otherwise. */
export function num(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value === "string" && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  return undefined;
}
