/**
 * Hour windows: a task runs only when the local hour is in `[min, max)`. When min > max the
 * window wraps past midnight (22-6 is 22:00 to 06:00). min == max would never run, so it is
 * refused, as GLPI should have.
 *
 * @module
 */

import { TaskSettingError } from "./errors.ts";

/** Whole local hours, 0-24. */
export interface HourWindow {
  min: number;
  max: number;
}

/** Every hour of the day. */
export const ALL_DAY: HourWindow = { min: 0, max: 24 };

/**
 * Checks a window.
 *
 * @throws {TaskSettingError} for hours outside 0-24 or an empty window
 */
export function validateWindow(window: HourWindow): HourWindow {
  for (const hour of [window.min, window.max]) {
    if (!Number.isInteger(hour) || hour < 0 || hour > 24) {
      throw new TaskSettingError(`Hour window bounds are whole hours 0-24, not ${hour}`);
    }
  }
  if (window.min === window.max || (window.min === 24 && window.max === 0)) {
    throw new TaskSettingError(
      `Hour window ${window.min}-${window.max} is empty: the task would never run (0-24 is all day)`,
    );
  }
  return window;
}

/**
 * Parses `"22-6"` (from 22:00 to 06:00) or `"all"`.
 *
 * @throws {TaskSettingError}
 */
export function parseWindow(text: string): HourWindow {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === "all" || trimmed === "") return ALL_DAY;
  const match = /^(\d{1,2})\s*-\s*(\d{1,2})$/.exec(trimmed);
  if (!match) {
    throw new TaskSettingError(`Hour window "${text}" is not FROM-TO in whole hours, e.g. 22-6`);
  }
  return validateWindow({ min: Number(match[1]), max: Number(match[2]) });
}

/** Whether the window is the whole day. */
export function isAllDay(window: HourWindow): boolean {
  return window.min === 0 && window.max === 24;
}

/** The local hour of `at` is inside the window. */
export function inWindow(window: HourWindow, at: Date): boolean {
  const hour = at.getHours();
  return window.min < window.max
    ? hour >= window.min && hour < window.max
    : hour >= window.min || hour < window.max;
}

/** `at` itself when inside the window, else the next start of the window. */
export function nextInWindow(window: HourWindow, at: Date): Date {
  if (inWindow(window, at)) return at;
  const start = new Date(at);
  start.setMinutes(0, 0, 0);
  // At most a day of whole hours to walk; setHours handles daylight-saving days.
  for (let i = 0; i < 26; i++) {
    start.setHours(start.getHours() + 1);
    if (inWindow(window, start)) return start;
  }
  return at;
}

/** "22:00-06:00", or "all day". */
export function describeWindow(window: HourWindow): string {
  if (isAllDay(window)) return "all day";
  const hh = (h: number) => `${String(h).padStart(2, "0")}:00`;
  return `${hh(window.min)}-${hh(window.max)}`;
}
