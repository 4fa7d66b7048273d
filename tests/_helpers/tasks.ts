/**
 * Scheduler tests: a real database in a temporary data directory, a fake clock, and small task
 * definitions built inline.
 *
 * @module
 */

import { defaultConfig, type ServerConfig } from "../../server/config.ts";
import type { ServerContext } from "../../server/context.ts";
import { createLogger } from "../../server/log.ts";
import { closeContext, openContext } from "../../server/serve.ts";
import { FakeClock } from "../../server/tasks/clock.ts";
import type {
  TaskDefaults,
  TaskDefinition,
  TaskOutcome,
  TaskParam,
  TaskRun,
} from "../../server/tasks/definition.ts";
import type { RunRecord } from "../../server/tasks/run_log.ts";
import { Scheduler, type SchedulerOptions } from "../../server/tasks/runner.ts";

/** Opens a context on a fresh data directory (or `dataDir`), runs `fn`, closes it. */
export async function withTaskContext(
  fn: (ctx: ServerContext, dataDir: string) => Promise<void>,
  options: { dataDir?: string; config?: Partial<ServerConfig>; clock?: FakeClock } = {},
): Promise<void> {
  const dataDir = options.dataDir ?? Deno.makeTempDirSync({ prefix: "inventory-tasks-" });
  const clock = options.clock;
  // No fsync per commit: these tests are about scheduling, and they commit a lot.
  const config = defaultConfig(dataDir, { durability: "normal", ...options.config });
  const ctx = await openContext(config, {
    log: createLogger({ write: () => {}, keep: 200 }),
    ...(clock ? { now: () => clock.now() } : {}),
  });
  try {
    await fn(ctx, dataDir);
  } finally {
    await closeContext(ctx);
  }
}

/** Opens another context on the same data directory (a second "process" in one test). */
export function openSecondContext(dataDir: string, clock: FakeClock): Promise<ServerContext> {
  return openContext(defaultConfig(dataDir, { durability: "normal" }), {
    log: createLogger({ write: () => {}, keep: 200 }),
    now: () => clock.now(),
  });
}

/** A task definition for tests. */
export function testTask(
  name: string,
  run: (run: TaskRun) => Promise<TaskOutcome> | TaskOutcome,
  defaults: Partial<TaskDefaults> = {},
  param?: TaskParam,
): TaskDefinition {
  return {
    name,
    description: `test task ${name}`,
    defaults: { frequency: "1h", enabled: true, ...defaults },
    ...(param ? { param } : {}),
    run: async (r) => await run(r),
  };
}

/** A scheduler on a fake clock (one is made when not given). */
export function fakeScheduler(
  ctx: ServerContext,
  tasks: TaskDefinition[],
  options: Partial<SchedulerOptions> & { clock?: FakeClock } = {},
): { scheduler: Scheduler; clock: FakeClock } {
  const clock = options.clock ?? new FakeClock();
  const scheduler = new Scheduler({
    ctx,
    clock,
    tasks,
    leaseMs: 60_000,
    triggerDelayMs: 1_000,
    moreDelayMs: 1_000,
    ...options,
  });
  return { scheduler, clock };
}

/** Advances `clock` to each next wake-up of `scheduler` until `until`, running what is due. */
export async function simulate(scheduler: Scheduler, clock: FakeClock, until: Date): Promise<void> {
  for (;;) {
    await scheduler.runPending();
    const wake = await scheduler.nextWakeAt();
    if (wake === null || wake >= until) break;
    await clock.advanceTo(wake);
  }
  if (clock.now() < until) await clock.advanceTo(until);
}

/** A task's runs, oldest first. */
export function runsOf(ctx: ServerContext, task: string): Promise<RunRecord[]> {
  return ctx.db.selectFrom("task_runs").selectAll().where("task", "=", task).orderBy("id")
    .execute();
}

/** Local time (tests about hours hold in any time zone). */
export function localTime(y: number, mo: number, d: number, h = 0, mi = 0): Date {
  return new Date(y, mo - 1, d, h, mi);
}

/** Waits (in real time) until `check` holds, polling; fails after `timeoutMs`. */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 5000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
