/**
 * A real server context (migrated SQLite file in a temporary directory) with a clock the test
 * moves, for unit tests of modules that read and write the database.
 *
 * @module
 */

import { defaultConfig } from "../../server/config.ts";
import type { ServerContext } from "../../server/context.ts";
import { createLogger } from "../../server/log.ts";
import { closeContext, openContext } from "../../server/serve.ts";

/** A clock that only moves when told. */
export interface TestClock {
  now(): Date;
  /** Moves the clock forward by `ms`. */
  advance(ms: number): void;
}

/** A clock starting at `start`. */
export function testClock(start = new Date("2026-11-21T08:00:00Z")): TestClock {
  let time = start.getTime();
  return {
    now: () => new Date(time),
    advance: (ms) => {
      time += ms;
    },
  };
}

/** Runs `fn` on a fresh context whose clock is `clock`; closes and removes it afterwards. */
export async function withContext<T>(
  fn: (ctx: ServerContext, clock: TestClock) => Promise<T>,
  clock: TestClock = testClock(),
): Promise<T> {
  const dataDir = await Deno.makeTempDir({ prefix: "inventory-unit-" });
  const ctx = await openContext(defaultConfig(dataDir), {
    decoder: "inline",
    log: createLogger({ write: () => {} }),
    now: clock.now,
  });
  try {
    return await fn(ctx, clock);
  } finally {
    await closeContext(ctx);
    await Deno.remove(dataDir, { recursive: true }).catch(() => {});
  }
}

/** Adds an entity under `parentId` (the root, id 1, exists after the migrations). */
export async function addEntity(
  ctx: ServerContext,
  id: number,
  parentId: number,
  name: string,
): Promise<void> {
  const parent = await ctx.db.selectFrom("entities").select(["completename", "level"])
    .where("id", "=", parentId).executeTakeFirstOrThrow();
  await ctx.db.insertInto("entities").values({
    id,
    parent_id: parentId,
    name,
    completename: `${parent.completename} > ${name}`,
    level: parent.level + 1,
  }).execute();
}
