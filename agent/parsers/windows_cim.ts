/**
 * The JSON report of the Windows inventory script (`agent/collectors/windows/script.ts`): CIM
 * classes and registry values as `ConvertTo-Json` writes them. Helpers here absorb its quirks:
 * a list of one may come as a bare object, `null` for a failed class, Windows PowerShell 5.1
 * arrays wrapped as `{value: […], Count: n}`, and dates as `/Date(ms)/` (5.1), ISO text (7),
 * CIM DMTF text (`20240105000000.000000+060`) or `{value: "/Date(…)/", DateTime: …}`.
 *
 * @module
 */

import { isObject, ToolOutputError } from "./entries.ts";

/** One CIM instance (its selected properties) or registry key's values. */
export type CimObject = Record<string, unknown>;

/** The report: class keys (`Processor`, `LogicalDisk`…) to lists, plus a few single values. */
export type CimReport = Record<string, unknown>;

/**
 * Parses the report.
 *
 * @throws {ToolOutputError} when the text is not a JSON object (PowerShell error text, cut short)
 */
export function parseCimReport(text: string): CimReport {
  let body = text.replace(/^\uFEFF/, "").trim();
  // Host output (a `WARNING:` line) may precede the JSON when stdout is redirected.
  const start = body.startsWith("{") ? 0 : body.search(/^\{/m);
  if (start > 0) body = body.slice(start);
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (error) {
    const head = body.slice(0, 60).replace(/\s+/g, " ");
    throw new ToolOutputError(
      `PowerShell report: not JSON (${
        error instanceof Error ? error.message : error
      }); it starts with "${head}"`,
    );
  }
  if (!isObject(data)) throw new ToolOutputError("PowerShell report: not a JSON object");
  return data;
}

/** Unwraps 5.1's `{value: […], Count: n}` array wrapper. */
function unwrap(value: unknown): unknown {
  return isObject(value) && Array.isArray(value.value) && "Count" in value ? value.value : value;
}

/** The objects of a key: a list, or a bare object as a list of one; [] for null or junk. */
export function instances(report: CimReport, key: string): CimObject[] {
  const value = unwrap(report[key]);
  if (Array.isArray(value)) return value.filter(isObject);
  return isObject(value) ? [value] : [];
}

/** The first object of a key (single-instance classes, registry keys). */
export function first(report: CimReport, key: string): CimObject {
  return instances(report, key)[0] ?? {};
}

/** A list property (`IPAddress`, `ChassisTypes`) as scalars; a bare scalar as a list of one. */
export function scalars(value: unknown): (string | number)[] {
  const v = unwrap(value);
  const list = Array.isArray(v) ? v : v === null || v === undefined ? [] : [v];
  return list.filter((x): x is string | number =>
    (typeof x === "string" && x.trim() !== "") || (typeof x === "number" && Number.isFinite(x))
  );
}

/** What the script could not read (`Class: message`), for `--debug`. */
export function reportErrors(report: CimReport): string[] {
  return scalars(report.Errors).map(String);
}

/** A date as the machine's clock showed it. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const DMTF = /^(\d{4})(\d{2})(\d{2})(\d{2}|\*\*)(\d{2}|\*\*)(\d{2}|\*\*)\.[\d*]{6}[+-][\d*]{3}$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}):(\d{2}))?/;

/**
 * A CIM or registry date in any of the report's forms; undefined when absent or unreadable.
 * DMTF and ISO text keep the wall-clock fields as written; `/Date(ms)/` is converted to local
 * time, as PowerShell converted the machine's local time to it.
 */
export function cimDate(value: unknown): WallClock | undefined {
  if (isObject(value)) return cimDate(value.value ?? value.DateTime);
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  const ms = text.match(/^\/Date\((-?\d+)(?:[+-]\d{4})?\)\/$/);
  if (ms) {
    const d = new Date(Number(ms[1]));
    if (Number(ms[1]) <= 0) return undefined; // DateTime.MinValue and the epoch mean "unset"
    return {
      year: d.getFullYear(),
      month: d.getMonth() + 1,
      day: d.getDate(),
      hour: d.getHours(),
      minute: d.getMinutes(),
      second: d.getSeconds(),
    };
  }
  const m = text.match(DMTF) ?? text.match(ISO);
  if (!m) return undefined;
  const n = (i: number) => (m[i] && /^\d+$/.test(m[i]!) ? Number(m[i]) : 0);
  const clock = { year: n(1), month: n(2), day: n(3), hour: n(4), minute: n(5), second: n(6) };
  const valid = clock.year > 1900 && clock.month >= 1 && clock.month <= 12 && clock.day >= 1 &&
    clock.day <= 31;
  return valid ? clock : undefined;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** `YYYY/MM/DD`. */
export const slashDate = (c: WallClock) => `${c.year}/${pad(c.month)}/${pad(c.day)}`;
/** `YYYY-MM-DD`. */
export const isoDate = (c: WallClock) => `${c.year}-${pad(c.month)}-${pad(c.day)}`;
/** `MM/DD/YYYY`, the SMBIOS (and dmidecode) BIOS date form. */
export const biosDate = (c: WallClock) => `${pad(c.month)}/${pad(c.day)}/${c.year}`;

/** Placeholders firmware and drivers put where a value is unknown. */
const PLACEHOLDER =
  /^(to be filled by o\.?e\.?m\.?|default string|not specified|not available|none|n\/a|unknown|system serial number|0+|no asset (tag|information)|chassis serial number|\.+)$/i;

/** A text property trimmed, placeholders and blanks as undefined. */
export function real(value: unknown): string | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  return text && !PLACEHOLDER.test(text) ? text : undefined;
}

/** `DOMAIN\user` → `{ domain, user }`. */
export function splitAccount(value: unknown): { domain?: string; user?: string } {
  const text = real(value);
  if (!text) return {};
  const slash = text.indexOf("\\");
  return slash === -1
    ? { user: text }
    : { domain: text.slice(0, slash), user: text.slice(slash + 1) };
}
