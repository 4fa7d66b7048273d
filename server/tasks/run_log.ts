/**
 * The run log: one row per run (start, end, status, volume, duration, message) and its progress
 * lines; statistics per task; purging by age.
 *
 * @module
 */

import { type Kysely, type Selectable, sql } from "kysely";
import type { Database } from "../db/schema.ts";
import type { TaskRunLinesTable, TaskRunsTable } from "./schema.ts";

/** A run as stored. */
export type RunRecord = Selectable<TaskRunsTable>;
/** A progress line as stored. */
export type RunLine = Selectable<TaskRunLinesTable>;

/** Longest progress line kept. */
const MAX_LINE = 500;

/** Adds a progress line to a run. */
export async function appendRunLine(
  db: Kysely<Database>,
  line: { runId: number; at: Date; elapsedMs: number; volume: number; message: string },
): Promise<void> {
  await db.insertInto("task_run_lines").values({
    run_id: line.runId,
    at: line.at.toISOString(),
    elapsed_ms: Math.max(0, Math.round(line.elapsedMs)),
    volume: line.volume,
    message: line.message.length > MAX_LINE
      ? `${line.message.slice(0, MAX_LINE - 1)}…`
      : line.message,
  }).execute();
}

/** A task's runs, newest first. */
export function listRuns(
  db: Kysely<Database>,
  task: string,
  options: { limit?: number; offset?: number } = {},
): Promise<RunRecord[]> {
  return db.selectFrom("task_runs").selectAll().where("task", "=", task)
    .orderBy("id", "desc").limit(options.limit ?? 20).offset(options.offset ?? 0).execute();
}

/** One run with its progress lines, or undefined. */
export async function getRun(
  db: Kysely<Database>,
  runId: number,
): Promise<(RunRecord & { lines: RunLine[] }) | undefined> {
  const run = await db.selectFrom("task_runs").selectAll().where("id", "=", runId)
    .executeTakeFirst();
  if (!run) return undefined;
  const lines = await db.selectFrom("task_run_lines").selectAll().where("run_id", "=", runId)
    .orderBy("id").execute();
  return { ...run, lines };
}

/** Statistics of a task's finished runs (GLPI's "Statistics" tab). */
export interface RunStatistics {
  runs: number;
  errors: number;
  aborted: number;
  firstRun: string | null;
  lastRun: string | null;
  durationMs: { min: number | null; max: number | null; avg: number | null; total: number };
  volume: { min: number | null; max: number | null; avg: number | null; total: number };
}

/** Statistics of `task`'s finished runs still in the log. */
export async function runStatistics(db: Kysely<Database>, task: string): Promise<RunStatistics> {
  const row = await db.selectFrom("task_runs")
    .select([
      sql<number>`count(*)`.as("runs"),
      // Filtered counts: PostgreSQL has no sum of booleans.
      sql<number>`count(*) filter (where status = 'error')`.as("errors"),
      sql<number>`count(*) filter (where status = 'aborted')`.as("aborted"),
      sql<string | null>`min(started_at)`.as("first_run"),
      sql<string | null>`max(started_at)`.as("last_run"),
      sql<number | null>`min(duration_ms)`.as("min_ms"),
      sql<number | null>`max(duration_ms)`.as("max_ms"),
      sql<number | null>`avg(duration_ms)`.as("avg_ms"),
      sql<number>`coalesce(sum(duration_ms), 0)`.as("total_ms"),
      sql<number | null>`min(volume)`.as("min_volume"),
      sql<number | null>`max(volume)`.as("max_volume"),
      sql<number | null>`avg(volume)`.as("avg_volume"),
      sql<number>`coalesce(sum(volume), 0)`.as("total_volume"),
    ])
    .where("task", "=", task).where("status", "!=", "running")
    .executeTakeFirstOrThrow();
  const round = (n: number | null) => n === null ? null : Math.round(n);
  return {
    runs: row.runs,
    errors: row.errors,
    aborted: row.aborted,
    firstRun: row.first_run,
    lastRun: row.last_run,
    durationMs: {
      min: row.min_ms,
      max: row.max_ms,
      avg: round(row.avg_ms),
      total: row.total_ms,
    },
    volume: {
      min: row.min_volume,
      max: row.max_volume,
      avg: round(row.avg_volume),
      total: row.total_volume,
    },
  };
}

/** The statuses of `task`'s last `n` finished runs, newest first. */
export async function lastStatuses(
  db: Kysely<Database>,
  task: string,
  n: number,
): Promise<{ status: string; message: string | null; started_at: string }[]> {
  return await db.selectFrom("task_runs").select(["status", "message", "started_at"])
    .where("task", "=", task).where("status", "!=", "running")
    .orderBy("id", "desc").limit(n).execute();
}

/**
 * Deletes finished runs of `task` that started before `before` (their lines go with them), at
 * most `limit`; returns how many.
 */
export async function purgeRuns(
  db: Kysely<Database>,
  task: string,
  before: Date,
  limit: number,
): Promise<number> {
  const ids = await db.selectFrom("task_runs").select("id")
    .where("task", "=", task).where("status", "!=", "running")
    .where("started_at", "<", before.toISOString())
    .orderBy("id").limit(limit).execute();
  if (ids.length === 0) return 0;
  const list = ids.map((r) => r.id);
  // Lines first: a cascade would do it, but this does not depend on foreign_keys being on.
  await db.deleteFrom("task_run_lines").where("run_id", "in", list).execute();
  await db.deleteFrom("task_runs").where("id", "in", list).execute();
  return ids.length;
}
