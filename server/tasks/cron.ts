/**
 * Cron expressions: the classic five fields (minute hour day-of-month month day-of-week) with
 * lists, ranges, steps and names, plus the `@daily`-style shortcuts, evaluated in local time.
 * As in Vixie cron, when both day fields are restricted a day matching either one runs.
 *
 * @module
 */

import { TaskSettingError } from "./errors.ts";

/** A parsed expression. */
export interface CronExpression {
  source: string;
  minutes: ReadonlySet<number>;
  hours: ReadonlySet<number>;
  days: ReadonlySet<number>;
  months: ReadonlySet<number>;
  weekdays: ReadonlySet<number>;
  /** The day-of-month field is `*…` (unrestricted). */
  anyDay: boolean;
  /** The day-of-week field is `*…`. */
  anyWeekday: boolean;
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
  /** Value of the first name (months start at 1). */
  namesFrom?: number;
}

const FIELDS: readonly FieldSpec[] = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day of month", min: 1, max: 31 },
  { name: "month", min: 1, max: 12, names: MONTHS, namesFrom: 1 },
  // 7 is Sunday too, as in every cron.
  { name: "day of week", min: 0, max: 7, names: WEEKDAYS, namesFrom: 0 },
];

const SHORTCUTS: Record<string, string> = {
  "@yearly": "0 0 1 1 *",
  "@annually": "0 0 1 1 *",
  "@monthly": "0 0 1 * *",
  "@weekly": "0 0 * * 0",
  "@daily": "0 0 * * *",
  "@midnight": "0 0 * * *",
  "@hourly": "0 * * * *",
};

/** How far ahead {@link nextCronTime} looks before deciding an expression never matches. */
const HORIZON_MS = 5 * 366 * 24 * 3600 * 1000;

/**
 * Parses `source`.
 *
 * @throws {TaskSettingError} naming the field and the part that is wrong
 */
export function parseCron(source: string): CronExpression {
  const text = source.trim();
  const expanded = SHORTCUTS[text.toLowerCase()] ?? text;
  if (expanded.startsWith("@")) {
    throw new TaskSettingError(
      `Unknown cron shortcut "${text}"; known: ${Object.keys(SHORTCUTS).join(", ")}`,
    );
  }
  const parts = expanded.split(/\s+/);
  if (parts.length !== 5) {
    throw new TaskSettingError(
      `A cron expression has 5 fields (minute hour day-of-month month day-of-week), "${text}" has ${parts.length}`,
    );
  }
  const sets = parts.map((part, i) => parseField(part, FIELDS[i]!));
  const weekdays = new Set([...sets[4]!].map((d) => d % 7));
  const expression: CronExpression = {
    source: text,
    minutes: sets[0]!,
    hours: sets[1]!,
    days: sets[2]!,
    months: sets[3]!,
    weekdays,
    anyDay: parts[2]!.startsWith("*"),
    anyWeekday: parts[4]!.startsWith("*"),
  };
  if (nextCronTime(expression, new Date(2000, 0, 1)) === null) {
    throw new TaskSettingError(`Cron expression "${text}" never matches a real date`);
  }
  return expression;
}

function parseField(part: string, spec: FieldSpec): Set<number> {
  const out = new Set<number>();
  const fail = (why: string): never => {
    throw new TaskSettingError(`Cron ${spec.name} field "${part}": ${why}`);
  };
  for (const item of part.split(",")) {
    if (item === "") fail("empty list item");
    const [range, stepText, extra] = item.split("/");
    if (extra !== undefined) fail(`"${item}" has more than one "/"`);
    let step = 1;
    if (stepText !== undefined) {
      if (!/^\d+$/.test(stepText) || Number(stepText) === 0) {
        fail(`step "${stepText}" is not a whole number ≥ 1`);
      }
      step = Number(stepText);
    }
    let from: number;
    let to: number;
    if (range === "*") {
      from = spec.min;
      to = spec.max;
    } else {
      const bounds = range!.split("-");
      if (bounds.length > 2) fail(`"${range}" is not a value or a range`);
      from = value(bounds[0]!, spec, fail);
      // `5/15` means from 5 to the end, stepping 15.
      to = bounds.length === 2 ? value(bounds[1]!, spec, fail) : stepText ? spec.max : from;
      if (from > to) fail(`range ${range} runs backwards`);
    }
    for (let v = from; v <= to; v += step) out.add(v);
  }
  return out;
}

function value(text: string, spec: FieldSpec, fail: (why: string) => never): number {
  const name = spec.names?.indexOf(text.toLowerCase()) ?? -1;
  if (name >= 0) return name + spec.namesFrom!;
  if (!/^\d+$/.test(text)) {
    fail(
      `"${text}" is not a number${spec.names ? ` or a name (${spec.names.join(", ")})` : ""}`,
    );
  }
  const n = Number(text);
  if (n < spec.min || n > spec.max) fail(`${n} is outside ${spec.min}-${spec.max}`);
  return n;
}

/** The first minute strictly after `after` that the expression matches, or null within 5 years. */
export function nextCronTime(expression: CronExpression, after: Date): Date | null {
  const d = new Date(after);
  d.setSeconds(0, 0);
  d.setMinutes(d.getMinutes() + 1);
  const limit = after.getTime() + HORIZON_MS;
  while (d.getTime() <= limit) {
    const before = d.getTime();
    if (!expression.months.has(d.getMonth() + 1)) {
      d.setMonth(d.getMonth() + 1, 1);
      d.setHours(0, 0, 0, 0);
    } else if (!dayMatches(expression, d)) {
      d.setDate(d.getDate() + 1);
      d.setHours(0, 0, 0, 0);
    } else if (!expression.hours.has(d.getHours())) {
      d.setHours(d.getHours() + 1, 0, 0, 0);
    } else if (!expression.minutes.has(d.getMinutes())) {
      d.setMinutes(d.getMinutes() + 1, 0, 0);
    } else {
      return d;
    }
    // A daylight-saving change can make a local-time step land where it started.
    if (d.getTime() <= before) d.setTime(before + 60_000);
  }
  return null;
}

function dayMatches(expression: CronExpression, d: Date): boolean {
  const day = expression.days.has(d.getDate());
  const weekday = expression.weekdays.has(d.getDay());
  if (expression.anyDay && expression.anyWeekday) return true;
  if (expression.anyDay) return weekday;
  if (expression.anyWeekday) return day;
  return day || weekday;
}
