/**
 * The scheduler inside `inventory serve`: picks due tasks (most overdue first), runs one at a
 * time under a database lease with heartbeats, records each run, and recovers runs whose process
 * died. `trigger()` asks for a run soon (bursts coalesce); a task returning "more" comes back
 * soon; `stop()` asks the running task to finish or checkpoint and waits for it.
 *
 * Every write goes through `ctx.writes` in small transactions, so a long task never blocks
 * ingestion.
 *
 * @module
 */

import type { ServerContext } from "../context.ts";
import type { Clock } from "./clock.ts";
import type { RunProgress, TaskDefinition, TaskOutcome, TaskRun } from "./definition.ts";
import { UnknownTaskError } from "./errors.ts";
import { frequencyOf } from "./frequency.ts";
import {
  type Claim,
  claimTask,
  finishRun,
  heartbeat,
  type RecoveredLease,
  recoverExpiredLeases,
} from "./leases.ts";
import { appendRunLine } from "./run_log.ts";
import { decideDue, leaseIsLive, nextRunAfter, windowOf } from "./schedule.ts";
import type { RunStatus, RunTrigger } from "./schema.ts";
import { ensureTasks, listTaskRows, requestRun } from "./store.ts";

/** What happened in one run, with the reasons. */
export interface RunReport {
  task: string;
  runId: number;
  trigger: RunTrigger;
  status: Exclude<RunStatus, "running">;
  startedAt: string;
  endedAt: string;
  durationMs: number;
  volume: number;
  message: string;
  /** Null when the lease was lost during the run (someone else owns the schedule now). */
  nextRunAt: string | null;
  /** Why it ran and what happened, in order. */
  trace: string[];
}

/** The outcome of `runNow`. */
export type RunNowResult = { ran: true; report: RunReport } | { ran: false; reason: string };

/** One scheduling pass. */
export interface TickReport {
  ran: RunReport | null;
  recovered: RecoveredLease[];
  /** Tasks not run, and why. */
  waiting: { task: string; reason: string }[];
}

/** Scheduler settings. */
export interface SchedulerOptions {
  ctx: ServerContext;
  clock: Clock;
  tasks: readonly TaskDefinition[];
  /** This process's identity in leases. @default host:pid:random */
  owner?: string;
  /** Lease length; a dead process's task is free again after it. @default 60000 */
  leaseMs?: number;
  /** Delay before a task that returned "more" runs again. @default 1000 */
  moreDelayMs?: number;
  /** `trigger()` waits this long so a burst of triggers makes one run. @default 1000 */
  triggerDelayMs?: number;
  /** Longest sleep between passes (other processes change tasks too). @default lease/2, ≤ 30 s */
  pollMs?: number;
  /** How long `stop()` waits for a running task. @default 30000 */
  stopGraceMs?: number;
}

interface ActiveRun {
  task: string;
  controller: AbortController;
  done: Promise<RunReport>;
}

/** Raised into a task's signal when the server stops. */
export class SchedulerStopping extends Error {
  constructor() {
    super("the server is stopping");
    this.name = "SchedulerStopping";
  }
}

/** Raised into a task's signal when another process took its lease (ours had expired). */
export class LeaseLost extends Error {
  constructor(task: string) {
    super(`lost the lease of ${task}: it expired and another process took it`);
    this.name = "LeaseLost";
  }
}

/** The automatic-actions runner of one process. */
export class Scheduler {
  readonly owner: string;
  readonly leaseMs: number;
  readonly #ctx: ServerContext;
  readonly #clock: Clock;
  readonly #definitions: Map<string, TaskDefinition>;
  readonly #moreDelayMs: number;
  readonly #triggerDelayMs: number;
  readonly #pollMs: number;
  readonly #stopGraceMs: number;
  #ready: Promise<void> | null = null;
  #loop: Promise<void> | null = null;
  #stopping = false;
  #wake = new AbortController();
  #active: ActiveRun | null = null;
  /** Task name → when it was first triggered (ms), until the request is stored. */
  readonly #triggered = new Map<string, number>();

  constructor(options: SchedulerOptions) {
    this.#ctx = options.ctx;
    this.#clock = options.clock;
    this.#definitions = new Map(options.tasks.map((t) => [t.name, t]));
    if (this.#definitions.size !== options.tasks.length) {
      throw new Error("Two task definitions share a name");
    }
    this.owner = options.owner ?? defaultOwner();
    this.leaseMs = options.leaseMs ?? 60_000;
    this.#moreDelayMs = options.moreDelayMs ?? 1_000;
    this.#triggerDelayMs = options.triggerDelayMs ?? 1_000;
    this.#pollMs = options.pollMs ?? Math.min(30_000, Math.max(100, this.leaseMs / 2));
    this.#stopGraceMs = options.stopGraceMs ?? 30_000;
  }

  /** The task names this scheduler runs. */
  get taskNames(): string[] {
    return [...this.#definitions.keys()];
  }

  /** The definition of `name`, if this scheduler knows it. */
  definition(name: string): TaskDefinition | undefined {
    return this.#definitions.get(name);
  }

  /** Creates missing task rows (once). Every other method waits for it. */
  init(): Promise<void> {
    this.#ready ??= this.#ctx.writes.run((db) =>
      ensureTasks(db, [...this.#definitions.values()], this.#clock.now())
    ).then(() => {});
    return this.#ready;
  }

  /** Starts the background loop. */
  start(): void {
    if (this.#loop || this.#stopping) return;
    this.#loop = this.#run();
  }

  /** Stops the loop; the running task is asked to stop and waited for (up to the grace time). */
  async stop(): Promise<void> {
    this.#stopping = true;
    this.#wake.abort();
    const active = this.#active;
    if (active) {
      active.controller.abort(new SchedulerStopping());
      const graceOver = new AbortController();
      const finished = await Promise.race([
        active.done.then(() => true, () => true),
        this.#clock.sleep(this.#stopGraceMs, graceOver.signal).then(() => false),
      ]);
      graceOver.abort();
      if (!finished) {
        this.#ctx.log.warn("task did not stop in time; its lease will expire", {
          task: active.task,
          graceMs: this.#stopGraceMs,
        });
        return;
      }
    }
    await this.#loop;
  }

  /**
   * Asks for a run of `name` as soon as possible: stored after `triggerDelayMs` (a burst of
   * triggers is one request), run by whichever process is free. Unknown names are ignored.
   */
  trigger(name: string): void {
    if (!this.#definitions.has(name) || this.#triggered.has(name)) return;
    this.#triggered.set(name, this.#clock.now().getTime());
    this.#wake.abort();
  }

  /**
   * One pass: recover expired leases, store due triggers, run the most overdue due task (at most
   * one). The loop calls it; tests call it with a fake clock.
   */
  async tick(): Promise<TickReport> {
    await this.init();
    const now = this.#clock.now();
    const rows = await listTaskRows(this.#ctx.db);
    let recovered: RecoveredLease[] = [];
    if (rows.some((r) => r.lease_owner !== null && !leaseIsLive(r, now))) {
      recovered = await this.#ctx.writes.run((db) => recoverExpiredLeases(db, this.#clock.now()));
      for (const r of recovered) this.#ctx.log.error("task run recovered", { ...r });
    }
    await this.#storeTriggers(now);
    const candidates: { name: string; since: number }[] = [];
    const waiting: { task: string; reason: string }[] = [];
    for (const row of await listTaskRows(this.#ctx.db)) {
      if (!this.#definitions.has(row.name)) continue;
      const decision = decideDue(row, now);
      if (decision.due) candidates.push({ name: row.name, since: decision.since.getTime() });
      else waiting.push({ task: row.name, reason: decision.reason });
    }
    candidates.sort((a, b) => a.since - b.since);
    for (const candidate of candidates) {
      if (this.#stopping) break;
      const result = await this.#ctx.writes.run((db) =>
        claimTask(db, {
          task: candidate.name,
          owner: this.owner,
          now: this.#clock.now(),
          leaseMs: this.leaseMs,
          force: false,
        })
      );
      if (!result.claimed) {
        waiting.push({ task: candidate.name, reason: result.reason });
        continue;
      }
      return { ran: await this.#execute(result.claim, {}), recovered, waiting };
    }
    return { ran: null, recovered, waiting };
  }

  /** Ticks until a pass runs nothing; returns the runs. */
  async runPending(): Promise<RunReport[]> {
    const reports: RunReport[] = [];
    for (;;) {
      const { ran } = await this.tick();
      if (!ran) return reports;
      reports.push(ran);
    }
  }

  /**
   * Runs `name` now, even when disabled or not due, unless another run holds its lease.
   *
   * @throws {UnknownTaskError} when no definition has that name
   */
  async runNow(
    name: string,
    options: { onProgress?: (progress: RunProgress) => void; signal?: AbortSignal } = {},
  ): Promise<RunNowResult> {
    if (!this.#definitions.has(name)) throw new UnknownTaskError(name, this.taskNames);
    await this.init();
    const result = await this.#ctx.writes.run((db) =>
      claimTask(db, {
        task: name,
        owner: this.owner,
        now: this.#clock.now(),
        leaseMs: this.leaseMs,
        force: true,
      })
    );
    if (!result.claimed) return { ran: false, reason: result.reason };
    return { ran: true, report: await this.#execute(result.claim, options) };
  }

  /** When the loop should next look (a due time, a lease expiry or a pending trigger). */
  async nextWakeAt(): Promise<Date | null> {
    await this.init();
    const now = this.#clock.now();
    let next: number | null = null;
    const consider = (ms: number) => {
      next = next === null ? ms : Math.min(next, ms);
    };
    for (const first of this.#triggered.values()) consider(first + this.#triggerDelayMs);
    for (const row of await listTaskRows(this.#ctx.db)) {
      if (!this.#definitions.has(row.name)) continue;
      const decision = decideDue(row, now);
      if (decision.due) consider(now.getTime());
      else if (decision.at) consider(decision.at.getTime());
    }
    return next === null ? null : new Date(next);
  }

  async #run(): Promise<void> {
    while (!this.#stopping) {
      this.#wake = new AbortController();
      let ran = false;
      let failed = false;
      try {
        ran = (await this.tick()).ran !== null;
      } catch (error) {
        failed = true;
        this.#ctx.log.error("scheduler pass failed", { reason: messageOf(error) });
      }
      if (this.#stopping) break;
      if (ran) continue;
      // Jitter: processes sharing a database poll out of step, so a task freed by one is
      // picked up by whichever is idle, not always by the same one.
      let wait = this.#pollMs * (0.5 + Math.random() / 2);
      if (!failed) {
        try {
          const at = await this.nextWakeAt();
          if (at) wait = Math.min(wait, at.getTime() - this.#clock.now().getTime());
        } catch (error) {
          this.#ctx.log.error("scheduler pass failed", { reason: messageOf(error) });
        }
      }
      // Something due that could not be claimed must not spin the loop.
      if (wait <= 0) wait = Math.min(250, this.#pollMs);
      await this.#clock.sleep(wait, this.#wake.signal);
    }
  }

  async #storeTriggers(now: Date): Promise<void> {
    for (const [name, first] of this.#triggered) {
      if (first + this.#triggerDelayMs > now.getTime()) continue;
      this.#triggered.delete(name);
      await this.#ctx.writes.run((db) => requestRun(db, name, now));
    }
  }

  async #execute(
    claim: Claim,
    options: { onProgress?: (progress: RunProgress) => void; signal?: AbortSignal },
  ): Promise<RunReport> {
    const controller = new AbortController();
    // A claim that raced with stop() still runs, but is told at once to checkpoint.
    if (this.#stopping) controller.abort(new SchedulerStopping());
    const forward = () => controller.abort(options.signal?.reason);
    if (options.signal?.aborted) forward();
    options.signal?.addEventListener("abort", forward, { once: true });
    const done = this.#executeClaimed(claim, controller, options.onProgress);
    this.#active = { task: claim.task, controller, done };
    try {
      return await done;
    } finally {
      this.#active = null;
      options.signal?.removeEventListener("abort", forward);
    }
  }

  async #executeClaimed(
    claim: Claim,
    controller: AbortController,
    onProgress: ((progress: RunProgress) => void) | undefined,
  ): Promise<RunReport> {
    const definition = this.#definitions.get(claim.task)!;
    const trace = [claim.reason, `claimed by ${this.owner} (lease ${claim.generation})`];
    if (claim.recovered) trace.push(`took over from a dead run: ${claim.recovered.message}`);
    this.#ctx.log.info("task started", { task: claim.task, run: claim.runId, why: claim.reason });
    let volume = 0;
    let total: number | null = null;
    const clock = this.#clock;
    const writes = this.#ctx.writes;
    const run: TaskRun = {
      ctx: this.#ctx,
      clock,
      signal: controller.signal,
      param: claim.param ?? definition.param?.default ?? null,
      taskName: claim.task,
      runId: claim.runId,
      async log(message) {
        const at = clock.now();
        await writes.run((db) =>
          appendRunLine(db, {
            runId: claim.runId,
            at,
            elapsedMs: at.getTime() - claim.startedAt.getTime(),
            volume,
            message,
          })
        );
        onProgress?.({ volume, total, message });
      },
      addVolume(n = 1) {
        volume += n;
        onProgress?.({ volume, total });
      },
      get volume() {
        return volume;
      },
      setTotal(n) {
        total = n;
        onProgress?.({ volume, total });
      },
    };

    const beating = new AbortController();
    const heartbeats = this.#heartbeats(claim, () => volume, beating.signal, controller);
    let status: Exclude<RunStatus, "running">;
    let message: string;
    try {
      const outcome = checkOutcome(await definition.run(run));
      status = outcome.result;
      message = outcome.message ?? defaultMessage(outcome.result);
    } catch (error) {
      const stopped = controller.signal.aborted;
      status = stopped ? "aborted" : "error";
      message = stopped
        ? `aborted: ${messageOf(controller.signal.reason)} (${messageOf(error)})`
        : messageOf(error);
    }
    beating.abort();
    await heartbeats;
    trace.push(`${status}: ${message} (${volume} item${volume === 1 ? "" : "s"})`);
    const endedAt = this.#clock.now();
    let nextRunAt: string | null = null;
    try {
      const finished = await this.#ctx.writes.run((db) =>
        finishRun(db, claim, this.owner, {
          status,
          message,
          volume,
          endedAt,
          nextRunAt: (row) =>
            nextRunAfter(
              frequencyOf(row),
              windowOf(row),
              { startedAt: claim.startedAt, endedAt, status },
              this.#moreDelayMs,
            ),
        })
      );
      nextRunAt = finished.nextRunAt;
      trace.push(
        finished.released
          ? `next run at ${nextRunAt}`
          : "the lease had been lost: this run's end was not recorded over the recovery",
      );
    } catch (error) {
      trace.push(`could not record the end (the lease will expire): ${messageOf(error)}`);
      this.#ctx.log.error("task end not recorded", { task: claim.task, reason: messageOf(error) });
    }
    const fields = {
      task: claim.task,
      run: claim.runId,
      status,
      volume,
      ms: endedAt.getTime() - claim.startedAt.getTime(),
      message,
    };
    if (status === "error") this.#ctx.log.error("task failed", fields);
    else this.#ctx.log.info("task ended", fields);
    return {
      task: claim.task,
      runId: claim.runId,
      trigger: claim.trigger,
      status,
      startedAt: claim.startedAt.toISOString(),
      endedAt: endedAt.toISOString(),
      durationMs: endedAt.getTime() - claim.startedAt.getTime(),
      volume,
      message,
      nextRunAt,
      trace,
    };
  }

  /** Extends the lease every third of its length until `stop`; aborts the task if it is lost. */
  async #heartbeats(
    claim: Claim,
    volume: () => number,
    stop: AbortSignal,
    task: AbortController,
  ): Promise<void> {
    while (!stop.aborted) {
      await this.#clock.sleep(this.leaseMs / 3, stop);
      if (stop.aborted) return;
      try {
        const kept = await this.#ctx.writes.run((db) =>
          heartbeat(db, claim, this.owner, this.#clock.now(), this.leaseMs, volume())
        );
        if (!kept) {
          this.#ctx.log.error("task lease lost", { task: claim.task, run: claim.runId });
          task.abort(new LeaseLost(claim.task));
          return;
        }
      } catch (error) {
        // The next beat may succeed before the lease runs out.
        this.#ctx.log.warn("task heartbeat failed", {
          task: claim.task,
          reason: messageOf(error),
        });
      }
    }
  }
}

function checkOutcome(outcome: TaskOutcome): TaskOutcome {
  if (!outcome || !["done", "more", "nothing"].includes(outcome.result)) {
    throw new Error(
      `the task returned ${JSON.stringify(outcome)}, not {result: done|more|nothing}`,
    );
  }
  return outcome;
}

function defaultMessage(result: TaskOutcome["result"]): string {
  return result === "done"
    ? "completed, fully processed"
    : result === "more"
    ? "completed, partially processed"
    : "completed, nothing to do";
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function defaultOwner(): string {
  let host = "host";
  try {
    host = Deno.hostname();
  } catch {
    // No --allow-sys: the pid and the random part still tell processes apart.
  }
  const random = crypto.getRandomValues(new Uint8Array(4));
  return `${host}:${Deno.pid}:${[...random].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
}
