/**
 * `GET /api/v1/metrics`: how the process is doing, for monitoring and the benchmarks. The event
 * loop's delay histogram is cumulative since the start (subtract two readings for a period).
 *
 * @module
 */

import { Hono } from "hono";
import type { ServerContext } from "../../context.ts";
import { DELAY_BUCKETS_MS, delayQuantile } from "../../event_loop.ts";
import type { AppEnv } from "../env.ts";
import { requireRight } from "../guards.ts";

/** The metrics routes. */
export function metricsApi(ctx: ServerContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get("/metrics", requireRight(ctx, "read"), (c) => {
    const memory = Deno.memoryUsage();
    const loop = ctx.eventLoop?.snapshot() ?? null;
    return c.json({
      rssMb: Math.round(memory.rss / 1e5) / 10,
      heapUsedMb: Math.round(memory.heapUsed / 1e5) / 10,
      registryWorker: ctx.registry !== null,
      eventLoop: loop && {
        samples: loop.count,
        maxMs: loop.maxMs,
        sumMs: loop.sumMs,
        p50Ms: delayQuantile(0.5, loop),
        p99Ms: delayQuantile(0.99, loop),
        buckets: loop.buckets.map((count, i) => ({ le: DELAY_BUCKETS_MS[i] ?? null, count })),
      },
    });
  });
  return app;
}
