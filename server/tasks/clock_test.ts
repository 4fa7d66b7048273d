import assert from "node:assert/strict";
import { FakeClock, systemClock } from "./clock.ts";

Deno.test("FakeClock ends sleeps in time order as it advances, and on abort", async () => {
  const clock = new FakeClock("2026-11-21T00:00:00Z");
  const woke: string[] = [];
  const a = clock.sleep(3000).then(() => woke.push(`a@${clock.now().toISOString()}`));
  const b = clock.sleep(1000).then(() => woke.push(`b@${clock.now().toISOString()}`));
  const controller = new AbortController();
  const c = clock.sleep(60_000, controller.signal).then(() => woke.push("c"));
  await clock.advance(500);
  assert.deepEqual(woke, []);
  await clock.advance(5000);
  await Promise.all([a, b]);
  assert.deepEqual(woke, ["b@2026-11-21T00:00:01.000Z", "a@2026-11-21T00:00:03.000Z"]);
  assert.equal(clock.now().toISOString(), "2026-11-21T00:00:05.500Z");
  controller.abort();
  await c;
  assert.deepEqual(woke.at(-1), "c");
  assert.equal(clock.pendingSleeps, 0);
});

Deno.test("systemClock sleeps for real and ends early on abort", async () => {
  const clock = systemClock();
  const started = performance.now();
  await clock.sleep(20);
  assert.ok(performance.now() - started >= 15);
  const controller = new AbortController();
  const long = clock.sleep(60_000, controller.signal);
  controller.abort();
  await long;
  assert.ok(performance.now() - started < 5000);
  const fixed = systemClock(() => new Date("2030-01-01T00:00:00Z"));
  assert.equal(fixed.now().toISOString(), "2030-01-01T00:00:00.000Z");
});
