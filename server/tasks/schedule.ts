/**
 * When a task runs, as pure functions of its stored row and the time: whether it is due (with the
 * reason, for `tasks show` and the runner's trace), and when it runs next after a run.
 *
 * @module
 */

import type { Selectable } from "kysely";
import { nextCronTime } from "./cron.ts";
import { describeFrequency, type Frequency, frequencyOf } from "./frequency.ts";
import type { RunStatus, RunTrigger, TasksTable } from "./schema.ts";
import { describeWindow, type HourWindow, inWindow, nextInWindow } from "./window.ts";

/** A stored task row. */
export type TaskRow = Selectable<TasksTable>;

/** Whether a task should start now, and why (or why not). */
export type DueDecision =
  | { due: true; since: Date; trigger: Exclude<RunTrigger, "forced">; reason: string }
  | { due: false; at: Date | null; reason: string };

/** The window of a row. */
export function windowOf(row: Pick<TaskRow, "hour_min" | "hour_max">): HourWindow {
  return { min: row.hour_min, max: row.hour_max };
}

/** The lease of `row` is held by a live process at `now`. */
export function leaseIsLive(row: TaskRow, now: Date): boolean {
  return row.lease_owner !== null && row.lease_expires_at !== null &&
    row.lease_expires_at > now.toISOString();
}

/** Decides whether `row` is due at `now` (not counting a forced run). */
export function decideDue(row: TaskRow, now: Date): DueDecision {
  if (row.state === "disabled") return { due: false, at: null, reason: "disabled" };
  if (leaseIsLive(row, now)) {
    return {
      due: false,
      at: new Date(row.lease_expires_at!),
      reason: `running in ${row.lease_owner} (lease until ${row.lease_expires_at})`,
    };
  }
  const requested = row.run_requested_at;
  const scheduled = row.next_run_at ?? now.toISOString();
  const wanted = requested !== null && requested < scheduled ? requested : scheduled;
  if (wanted > now.toISOString()) {
    return { due: false, at: new Date(wanted), reason: `next run at ${wanted}` };
  }
  const window = windowOf(row);
  if (!inWindow(window, now)) {
    return {
      due: false,
      at: nextInWindow(window, now),
      reason: `outside its hours ${describeWindow(window)}`,
    };
  }
  const trigger = wanted === requested
    ? "requested"
    : row.last_status === "more"
    ? "more"
    : "schedule";
  const why = trigger === "requested"
    ? "requested"
    : trigger === "more"
    ? "last run left more to do"
    : describeFrequency(frequencyOf(row));
  return { due: true, since: new Date(wanted), trigger, reason: `due since ${wanted} (${why})` };
}

/** The first time a new task runs: as soon as possible, or its first cron time. */
export function firstRunAt(frequency: Frequency, window: HourWindow, now: Date): Date {
  const at = frequency.kind === "every" ? now : nextCronTime(frequency.expression, now) ?? now;
  return nextInWindow(window, at);
}

/** When a task whose settings just changed runs next, counted from its last start. */
export function rescheduleAt(
  frequency: Frequency,
  window: HourWindow,
  lastRunAt: Date | null,
  now: Date,
): Date {
  if (frequency.kind === "cron") {
    return nextInWindow(window, nextCronTime(frequency.expression, now) ?? now);
  }
  if (lastRunAt === null) return nextInWindow(window, now);
  const at = new Date(lastRunAt.getTime() + frequency.seconds * 1000);
  return nextInWindow(window, at < now ? now : at);
}

/**
 * When a task runs next after a run that started at `startedAt` and ended at `endedAt`.
 * As in GLPI the period counts from the start; "more to do" comes back after `moreDelayMs`;
 * a cron task takes its next slot after the end (slots missed while running are skipped).
 */
export function nextRunAfter(
  frequency: Frequency,
  window: HourWindow,
  run: { startedAt: Date; endedAt: Date; status: Exclude<RunStatus, "running"> },
  moreDelayMs: number,
): Date {
  let at: Date;
  if (run.status === "more") at = new Date(run.endedAt.getTime() + moreDelayMs);
  else if (frequency.kind === "every") {
    at = new Date(run.startedAt.getTime() + frequency.seconds * 1000);
  } else at = nextCronTime(frequency.expression, run.endedAt) ?? run.endedAt;
  return nextInWindow(window, at);
}
