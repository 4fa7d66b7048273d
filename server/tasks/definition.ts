/**
 * What a task is to the scheduler. A task is one file exporting a {@link TaskDefinition}, listed
 * once in `builtin/mod.ts`; the scheduler stores its settings, decides when it runs, holds its
 * lease and logs its runs.
 *
 * @module
 */

import type { ServerContext } from "../context.ts";
import type { Clock } from "./clock.ts";

/**
 * How a run went (GLPI's return codes): `done` (>0, work done), `nothing` (0, nothing to do),
 * `more` (<0, partly done: the scheduler runs it again soon instead of after a full period).
 */
export type TaskResult = "done" | "more" | "nothing";

/** What a task's `run` returns. Throwing is an error run, logged with the message. */
export interface TaskOutcome {
  result: TaskResult;
  /** The outcome in words, for the log ("3 backups kept, 1 removed"). */
  message?: string;
}

/** The documented meaning of a task's parameter. */
export interface TaskParam {
  /** e.g. "backups to keep", "items per run", "days of event log kept". */
  meaning: string;
  default: number | null;
  min?: number;
  max?: number;
}

/** Settings a task starts with; an admin's changes are kept across upgrades. */
export interface TaskDefaults {
  /** Seconds, `"1h"`, or a cron expression (`"15 3 * * *"`). */
  frequency: string | number;
  enabled: boolean;
  /** Local hours `"FROM-TO"`, e.g. `"22-6"`; all day when absent. */
  hours?: string;
  /** Days of run logs kept (0: forever). @default 30 */
  logsLifetimeDays?: number;
}

/** One automatic action. */
export interface TaskDefinition {
  /** Unique, lowercase with dashes: `backup`, `purge-logs`. */
  name: string;
  description: string;
  defaults: TaskDefaults;
  /** The task's parameter, when it has one. */
  param?: TaskParam;
  run(run: TaskRun): Promise<TaskOutcome>;
}

/** What a running task gets. */
export interface TaskRun {
  readonly ctx: ServerContext;
  readonly clock: Clock;
  /** Aborted when the server stops or the lease is lost: finish or checkpoint, then return. */
  readonly signal: AbortSignal;
  /** The stored parameter (the definition's default when never set). */
  readonly param: number | null;
  readonly taskName: string;
  readonly runId: number;
  /** Adds a progress line to the run log (and to `tasks run`'s output). */
  log(message: string): Promise<void>;
  /** Counts items processed. */
  addVolume(n?: number): void;
  readonly volume: number;
  /** Announces how many items this run expects, for a progress bar. */
  setTotal(total: number): void;
}

/** Progress as `inventory tasks run` shows it. */
export interface RunProgress {
  volume: number;
  total: number | null;
  message?: string;
}
