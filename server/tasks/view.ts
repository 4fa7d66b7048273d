/**
 * Tasks as the CLI (and later the console and API) show them: settings in words, state with
 * "running" from the lease, the due decision, statistics and recent runs.
 *
 * @module
 */

import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";
import type { TaskDefinition } from "./definition.ts";
import { describeFrequency, formatSeconds, frequencyOf } from "./frequency.ts";
import { listRuns, type RunRecord, type RunStatistics, runStatistics } from "./run_log.ts";
import { decideDue, leaseIsLive, type TaskRow, windowOf } from "./schedule.ts";
import { getTaskRow, listTaskRows } from "./store.ts";
import { describeWindow } from "./window.ts";

/** One task, for display. */
export interface TaskView {
  name: string;
  description: string;
  /** False for a stored task this program no longer defines (it never runs). */
  defined: boolean;
  state: "running" | "scheduled" | "disabled";
  /** As `--frequency` takes it: `1h`, `15 3 * * *`. */
  frequency: string;
  schedule: string;
  hours: string;
  hourMin: number;
  hourMax: number;
  param: { value: number | null; meaning: string; default: number | null } | null;
  logsLifetimeDays: number;
  lastRunAt: string | null;
  lastEndAt: string | null;
  lastStatus: string | null;
  lastMessage: string | null;
  nextRunAt: string | null;
  /** Whether it would start now, and why (not). */
  due: { due: boolean; reason: string };
  lease:
    | { owner: string; runId: number | null; expiresAt: string; heartbeatAt: string | null }
    | null;
}

/** A task with its statistics and latest runs. */
export interface TaskDetail extends TaskView {
  statistics: RunStatistics;
  recentRuns: RunRecord[];
}

/** The view of one row. */
export function taskView(
  row: TaskRow,
  definition: TaskDefinition | undefined,
  now: Date,
): TaskView {
  const frequency = frequencyOf(row);
  const live = leaseIsLive(row, now);
  const decision = decideDue(row, now);
  return {
    name: row.name,
    description: row.description,
    defined: definition !== undefined,
    state: live ? "running" : row.state,
    frequency: frequency.kind === "cron"
      ? frequency.expression.source
      : formatSeconds(frequency.seconds),
    schedule: describeFrequency(frequency),
    hours: describeWindow(windowOf(row)),
    hourMin: row.hour_min,
    hourMax: row.hour_max,
    param: definition?.param
      ? {
        value: row.param ?? definition.param.default,
        meaning: definition.param.meaning,
        default: definition.param.default,
      }
      : null,
    logsLifetimeDays: row.logs_lifetime_days,
    lastRunAt: row.last_run_at,
    lastEndAt: row.last_end_at,
    lastStatus: row.last_status,
    lastMessage: row.last_message,
    nextRunAt: row.state === "disabled" ? null : row.next_run_at,
    due: { due: decision.due, reason: decision.reason },
    lease: row.lease_owner && row.lease_expires_at
      ? {
        owner: row.lease_owner,
        runId: row.lease_run_id,
        expiresAt: row.lease_expires_at,
        heartbeatAt: row.heartbeat_at,
      }
      : null,
  };
}

/** Every stored task, defined ones in definition order, then the others. */
export async function listTaskViews(
  db: Kysely<Database>,
  definitions: readonly TaskDefinition[],
  now: Date,
): Promise<TaskView[]> {
  const order = new Map(definitions.map((d, i) => [d.name, i]));
  const byName = new Map(definitions.map((d) => [d.name, d]));
  return (await listTaskRows(db))
    .sort((a, b) =>
      (order.get(a.name) ?? Infinity) - (order.get(b.name) ?? Infinity) ||
      a.name.localeCompare(b.name)
    )
    .map((row) => taskView(row, byName.get(row.name), now));
}

/** One task in detail, or undefined. */
export async function taskDetail(
  db: Kysely<Database>,
  definition: TaskDefinition | undefined,
  name: string,
  now: Date,
): Promise<TaskDetail | undefined> {
  const row = await getTaskRow(db, name);
  if (!row) return undefined;
  return {
    ...taskView(row, definition, now),
    statistics: await runStatistics(db, name),
    recentRuns: await listRuns(db, name, { limit: 10 }),
  };
}
