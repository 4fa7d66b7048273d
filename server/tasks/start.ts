/**
 * Building the scheduler of a server process from its configuration.
 *
 * @module
 */

import type { ServerContext } from "../context.ts";
import { devicesWithWork } from "../registry/batch.ts";
import { type Clock, systemClock } from "./clock.ts";
import { taskDefinitions } from "./builtin/mod.ts";
import type { TaskDefinition } from "./definition.ts";
import { Scheduler } from "./runner.ts";

/** What a process may change about its scheduler (tests mostly). */
export interface SchedulerSetup {
  /** @default the built-in tasks (plus test tasks when INVENTORY_TEST_TASKS=1) */
  tasks?: readonly TaskDefinition[];
  /** @default the system clock reading `ctx.now` */
  clock?: Clock;
}

/** A scheduler for `ctx` on its configured lease, not started. */
export function createScheduler(ctx: ServerContext, setup: SchedulerSetup = {}): Scheduler {
  return new Scheduler({
    ctx,
    clock: setup.clock ?? systemClock(ctx.now),
    tasks: setup.tasks ?? taskDefinitions(),
    leaseMs: ctx.config.taskLeaseSeconds * 1000,
  });
}

/** Creates the scheduler, stores its tasks, starts its loop and hangs it on `ctx`. */
export async function startScheduler(
  ctx: ServerContext,
  setup: SchedulerSetup = {},
): Promise<Scheduler> {
  const scheduler = createScheduler(ctx, setup);
  await scheduler.init();
  scheduler.start();
  ctx.scheduler = scheduler;
  // Devices stored but not synchronised when the last process stopped (or was killed) go to the
  // registry now, not at the next period.
  if (scheduler.taskNames.includes("sync-registry") && (await devicesWithWork(ctx.db, 1)).length) {
    scheduler.trigger("sync-registry");
  }
  ctx.log.info("scheduler started", {
    owner: scheduler.owner,
    tasks: scheduler.taskNames.join(","),
    leaseSeconds: ctx.config.taskLeaseSeconds,
  });
  return scheduler;
}
