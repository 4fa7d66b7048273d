import assert from "node:assert/strict";
import { MemoryThrottle } from "./memory_throttle.ts";

const POLICY = { freeFailures: 3, windowMs: 60_000, maxDelayMs: 10_000 };

Deno.test("memory throttle: free failures, doubling waits, cleared by a success", () => {
  const throttle = new MemoryThrottle(POLICY);
  let now = 1_000_000;
  for (let i = 0; i < 3; i++) {
    assert.equal(throttle.waitSeconds("a", now), 0);
    throttle.fail("a", now);
  }
  assert.equal(throttle.waitSeconds("a", now), 2);
  assert.equal(throttle.waitSeconds("b", now), 0, "other keys are not affected");
  now += 2000;
  assert.equal(throttle.waitSeconds("a", now), 0);
  throttle.fail("a", now);
  assert.equal(throttle.waitSeconds("a", now), 4);
  throttle.clear("a");
  assert.equal(throttle.waitSeconds("a", now), 0);
});

Deno.test("memory throttle: failures age out of the window; the map stays bounded", () => {
  const throttle = new MemoryThrottle(POLICY, 2);
  const now = 1_000_000;
  for (let i = 0; i < 5; i++) throttle.fail("a", now);
  assert.ok(throttle.waitSeconds("a", now) > 0);
  assert.equal(throttle.waitSeconds("a", now + POLICY.windowMs + 1), 0);
  for (let i = 0; i < 5; i++) throttle.fail("x", now);
  for (let i = 0; i < 5; i++) throttle.fail("y", now);
  for (let i = 0; i < 5; i++) throttle.fail("z", now);
  assert.equal(throttle.waitSeconds("x", now), 0, "the least recently failed key was forgotten");
  assert.ok(throttle.waitSeconds("z", now) > 0);
});
