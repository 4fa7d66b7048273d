/**
 * Table types of the tasks area (automatic actions), joined into `Database` by
 * `server/db/schema.ts`. Times are ISO 8601 UTC text like everywhere else.
 *
 * @module
 */

import type { Generated } from "kysely";
import type { Defaulted } from "../db/schema.ts";

/** Stored task state. "running" is not stored: a task runs while it holds a live lease. */
export type StoredTaskState = "scheduled" | "disabled";

/** How a run ended; `running` while it has not. */
export type RunStatus = "running" | "done" | "more" | "nothing" | "error" | "aborted";

/** Why a run started. */
export type RunTrigger = "schedule" | "requested" | "forced" | "more";

/** One automatic action: its settings, its schedule and its lease (GLPI `glpi_crontasks`). */
export interface TasksTable {
  name: string;
  description: Defaulted<string>;
  state: StoredTaskState;
  /** Seconds between starts; null when `cron` is set. */
  frequency_seconds: number | null;
  /** A 5-field cron expression; null when `frequency_seconds` is set. */
  cron: string | null;
  /** Run window in whole local hours: `hour_min <= h < hour_max`, wrapping when min > max. */
  hour_min: Defaulted<number>;
  hour_max: Defaulted<number>;
  /** The task's own parameter (items per run, days to keep…); its meaning is in the definition. */
  param: number | null;
  /** Days of run logs kept; 0 keeps them forever. */
  logs_lifetime_days: Defaulted<number>;
  /** Start of the last run. */
  last_run_at: Defaulted<string | null>;
  last_end_at: Defaulted<string | null>;
  last_status: Defaulted<RunStatus | null>;
  last_message: Defaulted<string | null>;
  /** When the schedule next wants it (already moved into the hour window). */
  next_run_at: Defaulted<string | null>;
  /** Set by `trigger()`: run as soon as possible, whatever the frequency. Cleared by a claim. */
  run_requested_at: Defaulted<string | null>;
  /** The process running it, or null. A lease past `lease_expires_at` is free to take. */
  lease_owner: Defaulted<string | null>;
  lease_run_id: Defaulted<number | null>;
  lease_expires_at: Defaulted<string | null>;
  heartbeat_at: Defaulted<string | null>;
  /** Bumped by every claim, so a heartbeat or release of an older claim changes nothing. */
  lease_generation: Defaulted<number>;
  updated_at: string;
}

/** One run of a task: start, end, outcome, volume (GLPI START + STOP/ERROR rows). */
export interface TaskRunsTable {
  id: Generated<number>;
  task: string;
  /** The process that ran it (`host:pid:random`). */
  owner: string;
  trigger: RunTrigger;
  started_at: string;
  ended_at: Defaulted<string | null>;
  status: RunStatus;
  /** Items processed. */
  volume: Defaulted<number>;
  duration_ms: Defaulted<number | null>;
  /** The outcome in words, or the error message. */
  message: Defaulted<string | null>;
}

/** A progress line of a run (GLPI RUN rows). */
export interface TaskRunLinesTable {
  id: Generated<number>;
  run_id: number;
  at: string;
  elapsed_ms: number;
  volume: number;
  message: string;
}

/** Severity of an event. */
export type EventLevel = "info" | "warn" | "error";

/** The server's event log: alerts and other notable facts any area records. */
export interface EventLogTable {
  id: Generated<number>;
  at: string;
  level: EventLevel;
  /** Dotted kind, e.g. `alert.task_failing`. */
  kind: string;
  message: string;
  /** A JSON object with the details. */
  data: Defaulted<string>;
}

/** When an alert was last sent, so a standing condition is not re-sent every run. */
export interface AlertMarksTable {
  key: string;
  kind: string;
  last_sent_at: string;
}

/** The tasks tables. */
export interface TaskTables {
  tasks: TasksTable;
  task_runs: TaskRunsTable;
  task_run_lines: TaskRunLinesTable;
  event_log: EventLogTable;
  alert_marks: AlertMarksTable;
}
