/** Unit tests of the dashboard's aggregate cache: fresh, stale-while-revalidate, waiting, errors. */

import assert from "node:assert/strict";
import { AggregateCache, scopeKey } from "./dashboard_cache.ts";

function clock() {
  let t = Date.parse("2026-11-21T10:00:00Z");
  return { now: () => new Date(t), advance: (ms: number) => t += ms };
}

/** A computation the test finishes by hand. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

Deno.test("scope keys ignore order", () => {
  assert.equal(scopeKey("all"), "all");
  assert.equal(scopeKey([3, 1, 2]), "1,2,3");
  assert.equal(scopeKey([]), "");
});

Deno.test("a fresh value is served without recomputing; a stale one at once, then refreshed", async () => {
  const time = clock();
  const cache = new AggregateCache<number>({ ttlMs: 60_000, maxEntries: 4, now: time.now });
  let calls = 0;
  const compute = () => Promise.resolve(++calls);
  assert.deepEqual(await cache.read("all", compute, Infinity), {
    state: "ready",
    value: 1,
    computedAt: time.now(),
    stale: false,
  });
  time.advance(59_000);
  assert.equal((await cache.read("all", compute, Infinity) as { value: number }).value, 1);
  assert.equal(calls, 1);
  time.advance(2_000);
  const stale = await cache.read("all", compute, Infinity);
  assert.equal(stale.state === "ready" && stale.stale && stale.value, 1, "the old value, at once");
  await cache.settle();
  assert.equal(calls, 2);
  const fresh = await cache.read("all", compute, Infinity);
  assert.equal(fresh.state === "ready" && !fresh.stale && fresh.value, 2);
});

Deno.test("concurrent readers share one computation; a slow one reports itself under way", async () => {
  const time = clock();
  const cache = new AggregateCache<string>({ ttlMs: 60_000, maxEntries: 4, now: time.now });
  const slow = deferred<string>();
  let calls = 0;
  const compute = () => {
    calls++;
    return slow.promise;
  };
  const [a, b] = await Promise.all([
    cache.read("k", compute, 5),
    cache.read("k", compute, 5),
  ]);
  assert.equal(calls, 1);
  assert.deepEqual(a, { state: "computing", startedAt: time.now() });
  assert.deepEqual(b, a);
  slow.resolve("done");
  await cache.settle();
  const ready = await cache.read("k", compute, 5);
  assert.equal(ready.state === "ready" && ready.value, "done");
  assert.equal(calls, 1);
});

Deno.test("a failed computation is reported, logged, and tried again by the next read", async () => {
  const time = clock();
  const errors: string[] = [];
  const cache = new AggregateCache<number>({
    ttlMs: 60_000,
    maxEntries: 4,
    now: time.now,
    onError: (key, error) => errors.push(`${key}: ${(error as Error).message}`),
  });
  const failed = await cache.read("k", () => Promise.reject(new Error("disk I/O")), Infinity);
  assert.deepEqual(failed, { state: "failed", message: "disk I/O" });
  assert.deepEqual(errors, ["k: disk I/O"]);
  const retried = await cache.read("k", () => Promise.resolve(7), Infinity);
  assert.equal(retried.state === "ready" && retried.value, 7);
});

Deno.test("the oldest idle keys go beyond maxEntries", async () => {
  const time = clock();
  const cache = new AggregateCache<number>({ ttlMs: 60_000, maxEntries: 2, now: time.now });
  for (const key of ["a", "b", "c"]) await cache.read(key, () => Promise.resolve(1), Infinity);
  assert.equal(cache.size, 2);
  let recomputed = false;
  await cache.read("a", () => {
    recomputed = true;
    return Promise.resolve(2);
  }, Infinity);
  assert.ok(recomputed, "a was evicted");
});
