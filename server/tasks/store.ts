/**
 * Task rows: creating them from the definitions, reading them, changing their settings. Writes
 * take the caller's connection (a `ctx.writes.run` job or a transaction).
 *
 * @module
 */

import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";
import type { TaskDefinition } from "./definition.ts";
import { TaskSettingError } from "./errors.ts";
import { type Frequency, frequencyColumns, frequencyOf, parseFrequency } from "./frequency.ts";
import { firstRunAt, rescheduleAt, type TaskRow, windowOf } from "./schedule.ts";
import type { StoredTaskState } from "./schema.ts";
import { ALL_DAY, type HourWindow, parseWindow, validateWindow } from "./window.ts";

/** A definition's starting settings, checked. */
export interface TaskSettings {
  state: StoredTaskState;
  frequency: Frequency;
  window: HourWindow;
  param: number | null;
  logsLifetimeDays: number;
}

/**
 * The settings a definition starts with.
 *
 * @throws {TaskSettingError} when the definition itself is wrong (a programming error)
 */
export function defaultSettings(definition: TaskDefinition): TaskSettings {
  const { defaults } = definition;
  return {
    state: defaults.enabled ? "scheduled" : "disabled",
    frequency: parseFrequency(defaults.frequency),
    window: defaults.hours ? parseWindow(defaults.hours) : ALL_DAY,
    param: definition.param?.default ?? null,
    logsLifetimeDays: checkLogsLifetime(defaults.logsLifetimeDays ?? 30),
  };
}

/** Creates the rows of definitions that have none; refreshes descriptions. Returns names added. */
export async function ensureTasks(
  db: Kysely<Database>,
  definitions: readonly TaskDefinition[],
  now: Date,
): Promise<string[]> {
  const existing = new Map(
    (await db.selectFrom("tasks").select(["name", "description"]).execute())
      .map((r) => [r.name, r.description]),
  );
  const added: string[] = [];
  for (const definition of definitions) {
    const description = existing.get(definition.name);
    if (description === undefined) {
      const settings = defaultSettings(definition);
      await db.insertInto("tasks").values({
        name: definition.name,
        description: definition.description,
        state: settings.state,
        ...frequencyColumns(settings.frequency),
        hour_min: settings.window.min,
        hour_max: settings.window.max,
        param: settings.param,
        logs_lifetime_days: settings.logsLifetimeDays,
        next_run_at: firstRunAt(settings.frequency, settings.window, now).toISOString(),
        updated_at: now.toISOString(),
      }).onConflict((oc) => oc.column("name").doNothing()).execute();
      added.push(definition.name);
    } else if (description !== definition.description) {
      await db.updateTable("tasks").set({ description: definition.description })
        .where("name", "=", definition.name).execute();
    }
  }
  return added;
}

/** Every task row, by name. */
export function listTaskRows(db: Kysely<Database>): Promise<TaskRow[]> {
  return db.selectFrom("tasks").selectAll().orderBy("name").execute();
}

/** One task row, or undefined. */
export function getTaskRow(db: Kysely<Database>, name: string): Promise<TaskRow | undefined> {
  return db.selectFrom("tasks").selectAll().where("name", "=", name).executeTakeFirst();
}

/** Setting changes; absent fields stay as they are. */
export interface TaskChanges {
  state?: StoredTaskState;
  frequency?: Frequency;
  window?: HourWindow;
  param?: number | null;
  logsLifetimeDays?: number;
}

/**
 * Checks `changes` against the task's definition.
 *
 * @throws {TaskSettingError} with what is wrong
 */
export function checkChanges(definition: TaskDefinition, changes: TaskChanges): TaskChanges {
  if (changes.window) validateWindow(changes.window);
  if (changes.logsLifetimeDays !== undefined) checkLogsLifetime(changes.logsLifetimeDays);
  if (changes.param !== undefined) {
    const spec = definition.param;
    if (!spec) throw new TaskSettingError(`Task "${definition.name}" takes no parameter`);
    const value = changes.param ?? spec.default;
    if (value !== null) {
      if (!Number.isInteger(value)) {
        throw new TaskSettingError(`The parameter (${spec.meaning}) is a whole number`);
      }
      if (
        (spec.min !== undefined && value < spec.min) || (spec.max !== undefined && value > spec.max)
      ) {
        throw new TaskSettingError(
          `The parameter (${spec.meaning}) must be within ${spec.min ?? "-∞"}..${
            spec.max ?? "∞"
          }, not ${value}`,
        );
      }
    }
  }
  return changes;
}

function checkLogsLifetime(days: number): number {
  if (!Number.isInteger(days) || days < 0) {
    throw new TaskSettingError(
      `Log retention is a whole number of days ≥ 0 (0: forever), not ${days}`,
    );
  }
  return days;
}

/**
 * Applies checked `changes` to task `name` and moves its next run to match the new schedule.
 * Returns the row after the change, or undefined when there is no such task.
 */
export async function updateTask(
  db: Kysely<Database>,
  name: string,
  changes: TaskChanges,
  now: Date,
): Promise<TaskRow | undefined> {
  const row = await getTaskRow(db, name);
  if (!row) return undefined;
  const frequency = changes.frequency ?? frequencyOf(row);
  const window = changes.window ?? windowOf(row);
  const scheduleChanged = changes.frequency !== undefined || changes.window !== undefined ||
    (changes.state === "scheduled" && row.state === "disabled");
  const lastRun = row.last_run_at ? new Date(row.last_run_at) : null;
  await db.updateTable("tasks").set({
    ...(changes.state ? { state: changes.state } : {}),
    ...(changes.frequency ? frequencyColumns(changes.frequency) : {}),
    ...(changes.window ? { hour_min: window.min, hour_max: window.max } : {}),
    ...(changes.param !== undefined ? { param: changes.param } : {}),
    ...(changes.logsLifetimeDays !== undefined
      ? { logs_lifetime_days: changes.logsLifetimeDays }
      : {}),
    ...(scheduleChanged
      ? { next_run_at: rescheduleAt(frequency, window, lastRun, now).toISOString() }
      : {}),
    updated_at: now.toISOString(),
  }).where("name", "=", name).execute();
  return getTaskRow(db, name);
}

/** Asks for a run as soon as possible (kept until a run claims it). False if not enabled. */
export async function requestRun(db: Kysely<Database>, name: string, now: Date): Promise<boolean> {
  const row = await db.updateTable("tasks")
    .set((eb) => ({
      run_requested_at: eb.fn.coalesce("run_requested_at", eb.val(now.toISOString())),
    }))
    .where("name", "=", name).where("state", "=", "scheduled")
    .returning("name").executeTakeFirst();
  return row !== undefined;
}
