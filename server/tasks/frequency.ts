/**
 * A task's frequency: a number of seconds between starts (GLPI's model), or a cron expression.
 * Written as `3600`, `90s`, `15m`, `6h`, `1d`, `1w`, or five cron fields / `@daily`.
 *
 * @module
 */

import { type CronExpression, parseCron } from "./cron.ts";
import { TaskSettingError } from "./errors.ts";

/** Either kind of frequency. */
export type Frequency =
  | { kind: "every"; seconds: number }
  | { kind: "cron"; expression: CronExpression };

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/**
 * Parses a frequency.
 *
 * @throws {TaskSettingError} with the reason
 */
export function parseFrequency(text: string | number): Frequency {
  if (typeof text === "number") return every(text);
  const trimmed = text.trim();
  const duration = /^(\d+)\s*([smhdw]?)$/i.exec(trimmed);
  if (duration) {
    return every(Number(duration[1]) * UNITS[(duration[2] || "s").toLowerCase()]!);
  }
  if (/^[\d*@a-z]/i.test(trimmed) && (trimmed.startsWith("@") || /\s/.test(trimmed))) {
    return { kind: "cron", expression: parseCron(trimmed) };
  }
  throw new TaskSettingError(
    `Frequency "${text}" is neither a duration (3600, 90s, 15m, 6h, 1d, 1w) nor a cron expression ("0 3 * * *", @daily)`,
  );
}

function every(seconds: number): Frequency {
  if (!Number.isInteger(seconds) || seconds < 1) {
    throw new TaskSettingError(`A frequency is at least 1 second, not ${seconds}`);
  }
  return { kind: "every", seconds };
}

/** The stored columns of a frequency. */
export function frequencyColumns(
  frequency: Frequency,
): { frequency_seconds: number | null; cron: string | null } {
  return frequency.kind === "every"
    ? { frequency_seconds: frequency.seconds, cron: null }
    : { frequency_seconds: null, cron: frequency.expression.source };
}

/** Reads the stored columns back (a broken stored value falls back to daily, never throws). */
export function frequencyOf(
  row: { frequency_seconds: number | null; cron: string | null },
): Frequency {
  if (row.cron !== null) {
    try {
      return { kind: "cron", expression: parseCron(row.cron) };
    } catch {
      return { kind: "every", seconds: 86400 };
    }
  }
  return { kind: "every", seconds: Math.max(1, row.frequency_seconds ?? 86400) };
}

/** "every 1h", "every 90s", "cron 0 3 * * *". */
export function describeFrequency(frequency: Frequency): string {
  return frequency.kind === "cron"
    ? `cron ${frequency.expression.source}`
    : `every ${formatSeconds(frequency.seconds)}`;
}

/** The largest unit that divides `seconds`: 90 → "90s", 3600 → "1h", 86400 → "1d". */
export function formatSeconds(seconds: number): string {
  for (const unit of ["w", "d", "h", "m"] as const) {
    const size = UNITS[unit]!;
    if (seconds >= size && seconds % size === 0) return `${seconds / size}${unit}`;
  }
  return `${seconds}s`;
}
