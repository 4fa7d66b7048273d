import assert from "node:assert/strict";
import { withContext } from "../../tests/_helpers/context.ts";
import {
  addressKey,
  backoffMs,
  checkThrottle,
  IP_POLICY,
  LOGIN_POLICY,
  recordAttempt,
} from "./throttle.ts";

Deno.test("backoff: free failures, then doubling waits up to the cap", () => {
  const waits = [0, 4, 5, 6, 7, 13, 14, 40].map((n) => backoffMs(n, LOGIN_POLICY));
  assert.deepEqual(waits, [0, 0, 2000, 4000, 8000, 512_000, 900_000, 900_000]);
});

Deno.test("a login is throttled after 5 failures from one address, with the wait in the message", async () => {
  await withContext(async (ctx, clock) => {
    for (let i = 0; i < 5; i++) {
      assert.equal((await checkThrottle(ctx.db, "alice", "192.0.2.1", ctx.now())).allowed, true);
      await recordAttempt(ctx.db, "alice", "192.0.2.1", false, ctx.now());
      clock.advance(100);
    }
    const refused = await checkThrottle(ctx.db, "alice", "192.0.2.1", ctx.now());
    assert.equal(refused.allowed, false);
    if (refused.allowed) return;
    assert.equal(refused.by, "login");
    assert.equal(refused.retryAfterSeconds, 2);
    assert.equal(
      refused.message,
      "Too many failed sign-ins for this account from your address. Try again in 2 seconds.",
    );
    // The same login from another address, and other logins, are not affected.
    assert.equal((await checkThrottle(ctx.db, "alice", "192.0.2.9", ctx.now())).allowed, true);
    assert.equal((await checkThrottle(ctx.db, "bob", "192.0.2.1", ctx.now())).allowed, true);
    // After the wait, one more try is allowed.
    clock.advance(2000);
    assert.equal((await checkThrottle(ctx.db, "alice", "192.0.2.1", ctx.now())).allowed, true);
    await recordAttempt(ctx.db, "alice", "192.0.2.1", false, ctx.now());
    const longer = await checkThrottle(ctx.db, "alice", "192.0.2.1", ctx.now());
    assert.equal(!longer.allowed && longer.retryAfterSeconds, 4);
  });
});

Deno.test("a success clears the (login, address) count; failures age out of the window", async () => {
  await withContext(async (ctx, clock) => {
    for (let i = 0; i < 5; i++) await recordAttempt(ctx.db, "alice", "ip", false, ctx.now());
    assert.equal((await checkThrottle(ctx.db, "alice", "ip", ctx.now())).allowed, false);
    clock.advance(LOGIN_POLICY.windowMs + 1);
    assert.equal((await checkThrottle(ctx.db, "alice", "ip", ctx.now())).allowed, true);
    for (let i = 0; i < 5; i++) await recordAttempt(ctx.db, "alice", "ip", false, ctx.now());
    clock.advance(2000);
    await recordAttempt(ctx.db, "alice", "ip", true, ctx.now());
    clock.advance(1);
    await recordAttempt(ctx.db, "alice", "ip", false, ctx.now());
    assert.equal((await checkThrottle(ctx.db, "alice", "ip", ctx.now())).allowed, true);
  });
});

Deno.test("a stranger's failures do not lock the login out for its owner elsewhere", async () => {
  await withContext(async (ctx, clock) => {
    // A few wrong tries every few minutes, all day: the stranger locks only themselves out.
    for (let i = 0; i < 50; i++) {
      await recordAttempt(ctx.db, "admin", "203.0.113.66", false, ctx.now());
      clock.advance(60_000);
    }
    assert.equal((await checkThrottle(ctx.db, "admin", "203.0.113.66", ctx.now())).allowed, false);
    assert.equal((await checkThrottle(ctx.db, "admin", "192.0.2.10", ctx.now())).allowed, true);
  });
});

Deno.test("addresses are counted as IPv4, or by their IPv6 /64", () => {
  assert.equal(addressKey("192.0.2.1"), "192.0.2.1");
  assert.equal(addressKey("::ffff:192.0.2.1"), "192.0.2.1");
  assert.equal(addressKey("2001:db8:1:2:aaaa::1"), "2001:db8:1:2::/64");
  assert.equal(addressKey("2001:0db8:0001:0002:ffff:1:2:3"), "2001:db8:1:2::/64");
  assert.equal(addressKey("2001:db8::1"), "2001:db8:0:0::/64");
  assert.equal(addressKey("::1"), "0:0:0:0::/64");
  assert.equal(addressKey("fe80::1%eth0"), "fe80:0:0:0::/64");
  assert.equal(addressKey("local"), "local");
});

Deno.test("an address guessing many logins is throttled, whatever the login", async () => {
  await withContext(async (ctx) => {
    for (let i = 0; i < IP_POLICY.freeFailures; i++) {
      await recordAttempt(ctx.db, `user${i}`, "198.51.100.7", false, ctx.now());
    }
    // Its own successful sign-in does not reset the address's count.
    await recordAttempt(ctx.db, "mallory", "198.51.100.7", true, ctx.now());
    const refused = await checkThrottle(ctx.db, "fresh", "198.51.100.7", ctx.now());
    assert.equal(refused.allowed, false);
    if (refused.allowed) return;
    assert.equal(refused.by, "ip");
    assert.match(refused.message, /for your address/);
    assert.equal((await checkThrottle(ctx.db, "fresh", "198.51.100.8", ctx.now())).allowed, true);
  });
});
