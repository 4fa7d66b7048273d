/**
 * Task leases in the tasks row: at most one run of a task at a time, across every process on the
 * database. A claim is one conditional `UPDATE … RETURNING` (lease free or expired); the owner
 * extends it by heartbeats; a lease whose owner died expires, and whoever sees it first records
 * the dead run as an error and frees the task. Every function takes the caller's connection and
 * is meant to run inside one write transaction (`ctx.writes.run`).
 *
 * @module
 */

import { type Kysely, sql } from "kysely";
import type { Database } from "../db/schema.ts";
import { writeEvent } from "./event_log.ts";
import { appendRunLine } from "./run_log.ts";
import { decideDue, leaseIsLive, type TaskRow } from "./schedule.ts";
import type { RunStatus, RunTrigger } from "./schema.ts";

/** A dead run found and closed. */
export interface RecoveredLease {
  task: string;
  runId: number | null;
  owner: string;
  lastHeartbeat: string | null;
  message: string;
}

/** A claim that succeeded: this process runs the task under `generation`. */
export interface Claim {
  task: string;
  runId: number;
  generation: number;
  startedAt: Date;
  trigger: RunTrigger;
  /** The reason it was due (or "forced"). */
  reason: string;
  param: number | null;
  /** The run this claim took over from a dead process, if any. */
  recovered: RecoveredLease | null;
}

/** The outcome of a claim attempt. */
export type ClaimResult = { claimed: true; claim: Claim } | { claimed: false; reason: string };

/** What a claim needs. */
export interface ClaimRequest {
  task: string;
  owner: string;
  now: Date;
  leaseMs: number;
  /** Run even when disabled or not due (`tasks run`); never while another live lease holds it. */
  force: boolean;
}

/** Tries to take the lease of a task and opens its run. */
export async function claimTask(db: Kysely<Database>, request: ClaimRequest): Promise<ClaimResult> {
  const { task, owner, now, leaseMs, force } = request;
  const row = await db.selectFrom("tasks").selectAll().where("name", "=", task).executeTakeFirst();
  if (!row) return { claimed: false, reason: `no task "${task}"` };
  if (leaseIsLive(row, now)) {
    return {
      claimed: false,
      reason: `already running in ${row.lease_owner} (lease until ${row.lease_expires_at})`,
    };
  }
  let trigger: RunTrigger = "forced";
  let reason = "forced";
  if (!force) {
    const decision = decideDue(row, now);
    if (!decision.due) return { claimed: false, reason: decision.reason };
    trigger = decision.trigger;
    reason = decision.reason;
  }
  const at = now.toISOString();
  let update = db.updateTable("tasks")
    .set({
      lease_owner: owner,
      lease_expires_at: new Date(now.getTime() + leaseMs).toISOString(),
      heartbeat_at: at,
      lease_generation: sql<number>`lease_generation + 1`,
      last_run_at: at,
      run_requested_at: null,
      updated_at: at,
    })
    .where("name", "=", task)
    .where("lease_generation", "=", row.lease_generation)
    .where((eb) => eb.or([eb("lease_owner", "is", null), eb("lease_expires_at", "<=", at)]));
  if (!force) update = update.where("state", "=", "scheduled");
  const taken = await update.returning("lease_generation").executeTakeFirst();
  if (!taken) return { claimed: false, reason: "another process claimed it first" };

  const recovered = row.lease_owner !== null ? await closeDeadRun(db, row, now) : null;
  const run = await db.insertInto("task_runs").values({
    task,
    owner,
    trigger,
    started_at: at,
    status: "running",
  }).returning("id").executeTakeFirstOrThrow();
  await db.updateTable("tasks").set({ lease_run_id: run.id }).where("name", "=", task).execute();
  await appendRunLine(db, { runId: run.id, at: now, elapsedMs: 0, volume: 0, message: reason });
  return {
    claimed: true,
    claim: {
      task,
      runId: run.id,
      generation: taken.lease_generation,
      startedAt: now,
      trigger,
      reason,
      param: row.param,
      recovered,
    },
  };
}

/**
 * Frees every task whose lease expired (its process died or hung), recording the dead runs.
 * Returns what it recovered.
 */
export async function recoverExpiredLeases(
  db: Kysely<Database>,
  now: Date,
): Promise<RecoveredLease[]> {
  const at = now.toISOString();
  const expired = await db.selectFrom("tasks").selectAll()
    .where("lease_owner", "is not", null).where("lease_expires_at", "<=", at).execute();
  const recovered: RecoveredLease[] = [];
  for (const row of expired) {
    const freed = await db.updateTable("tasks")
      .set({
        lease_owner: null,
        lease_run_id: null,
        lease_expires_at: null,
        heartbeat_at: null,
        lease_generation: sql<number>`lease_generation + 1`,
        // The interrupted work resumes at once rather than at the next period.
        run_requested_at: sql<string>`coalesce(run_requested_at, ${at})`,
        updated_at: at,
      })
      .where("name", "=", row.name)
      .where("lease_generation", "=", row.lease_generation)
      .where("lease_expires_at", "<=", at)
      .returning("name").executeTakeFirst();
    if (freed) recovered.push(await closeDeadRun(db, row, now));
  }
  return recovered;
}

/** Closes the run of an expired lease as an error and says so in the event log. */
async function closeDeadRun(
  db: Kysely<Database>,
  row: TaskRow,
  now: Date,
): Promise<RecoveredLease> {
  const message = `lease expired: process ${row.lease_owner} died or hung (last heartbeat ${
    row.heartbeat_at ?? "never"
  })`;
  const at = now.toISOString();
  if (row.lease_run_id !== null) {
    const run = await db.selectFrom("task_runs").select(["started_at", "volume"])
      .where("id", "=", row.lease_run_id).where("status", "=", "running").executeTakeFirst();
    if (run) {
      const lastAlive = row.heartbeat_at ?? run.started_at;
      await db.updateTable("task_runs").set({
        status: "error",
        ended_at: at,
        duration_ms: Date.parse(lastAlive) - Date.parse(run.started_at),
        message,
      }).where("id", "=", row.lease_run_id).execute();
      await appendRunLine(db, {
        runId: row.lease_run_id,
        at: now,
        elapsedMs: now.getTime() - Date.parse(run.started_at),
        volume: run.volume,
        message,
      });
    }
  }
  await db.updateTable("tasks").set({
    last_status: "error",
    last_message: message,
    last_end_at: at,
  }).where("name", "=", row.name).execute();
  await writeEvent(db, {
    at: now,
    level: "error",
    kind: "task.lease_expired",
    message: `Task ${row.name}: ${message}`,
    data: { task: row.name, runId: row.lease_run_id, owner: row.lease_owner },
  });
  return {
    task: row.name,
    runId: row.lease_run_id,
    owner: row.lease_owner!,
    lastHeartbeat: row.heartbeat_at,
    message,
  };
}

/** Extends a held lease and saves the run's volume. False when the lease is no longer ours. */
export async function heartbeat(
  db: Kysely<Database>,
  claim: Pick<Claim, "task" | "runId" | "generation">,
  owner: string,
  now: Date,
  leaseMs: number,
  volume: number,
): Promise<boolean> {
  const kept = await db.updateTable("tasks")
    .set({
      lease_expires_at: new Date(now.getTime() + leaseMs).toISOString(),
      heartbeat_at: now.toISOString(),
    })
    .where("name", "=", claim.task)
    .where("lease_owner", "=", owner)
    .where("lease_generation", "=", claim.generation)
    .returning("name").executeTakeFirst();
  if (!kept) return false;
  await db.updateTable("task_runs").set({ volume })
    .where("id", "=", claim.runId).where("status", "=", "running").execute();
  return true;
}

/** How a run ended, to record. */
export interface RunEnd {
  status: Exclude<RunStatus, "running">;
  message: string;
  volume: number;
  endedAt: Date;
  /** When the task should run next (computed by the caller from the stored settings). */
  nextRunAt: (row: TaskRow) => Date;
}

/**
 * Closes the run and frees the lease. Returns false when the lease had been lost meanwhile (the
 * run was then already closed by whoever recovered it; nothing is overwritten).
 */
export async function finishRun(
  db: Kysely<Database>,
  claim: Pick<Claim, "task" | "runId" | "generation" | "startedAt">,
  owner: string,
  end: RunEnd,
): Promise<{ released: boolean; nextRunAt: string | null }> {
  const at = end.endedAt.toISOString();
  const row = await db.selectFrom("tasks").selectAll()
    .where("name", "=", claim.task).where("lease_owner", "=", owner)
    .where("lease_generation", "=", claim.generation).executeTakeFirst();
  if (!row) return { released: false, nextRunAt: null };
  await db.updateTable("task_runs").set({
    status: end.status,
    ended_at: at,
    duration_ms: end.endedAt.getTime() - claim.startedAt.getTime(),
    volume: end.volume,
    message: end.message,
  }).where("id", "=", claim.runId).where("status", "=", "running").execute();
  const nextRunAt = end.nextRunAt(row).toISOString();
  await db.updateTable("tasks").set({
    lease_owner: null,
    lease_run_id: null,
    lease_expires_at: null,
    heartbeat_at: null,
    last_end_at: at,
    last_status: end.status,
    last_message: end.message,
    next_run_at: nextRunAt,
    updated_at: at,
  }).where("name", "=", claim.task).where("lease_generation", "=", claim.generation).execute();
  return { released: true, nextRunAt };
}
