import assert from "node:assert/strict";
import { withContext } from "../../tests/_helpers/context.ts";
import type { ServerContext } from "../context.ts";
import { hashSecret } from "./secrets.ts";
import {
  createSession,
  DEFAULT_SESSION_LIMITS,
  deleteSession,
  deleteUserSessions,
  resolveSession,
} from "./sessions.ts";
import { createUser } from "./users.ts";

const MINUTE = 60_000;

function user(ctx: ServerContext, login = "alice") {
  return createUser(ctx.db, {
    login,
    passwordHash: null,
    mustChangePassword: false,
    profile: "readonly",
    entityScope: "all",
  }, ctx.now());
}

Deno.test("a session opens from its token; only the token's hash is stored", async () => {
  await withContext(async (ctx) => {
    const id = await user(ctx);
    const session = await createSession(ctx.db, id, ctx.now(), { ip: "192.0.2.1" });
    const rows = await ctx.db.selectFrom("sessions").selectAll().execute();
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.token_hash, hashSecret(session.token));
    assert.ok(!JSON.stringify(rows).includes(session.token));
    const resolved = await resolveSession(ctx.db, session.token, ctx.now());
    assert.ok(resolved.ok);
    assert.equal(resolved.session.userId, id);
    assert.equal(resolved.session.csrfToken, session.csrfToken);
    assert.deepEqual(await resolveSession(ctx.db, "forged", ctx.now()), {
      ok: false,
      reason: "unknown",
    });
  });
});

Deno.test("a session ends after the idle time without requests", async () => {
  await withContext(async (ctx, clock) => {
    const session = await createSession(ctx.db, await user(ctx), ctx.now());
    clock.advance(DEFAULT_SESSION_LIMITS.idleMs - MINUTE);
    assert.ok((await resolveSession(ctx.db, session.token, ctx.now())).ok, "activity refreshes");
    clock.advance(DEFAULT_SESSION_LIMITS.idleMs - MINUTE);
    assert.ok((await resolveSession(ctx.db, session.token, ctx.now())).ok, "still active");
    clock.advance(DEFAULT_SESSION_LIMITS.idleMs);
    assert.deepEqual(await resolveSession(ctx.db, session.token, ctx.now()), {
      ok: false,
      reason: "idle",
    });
    // Deleted, not just refused.
    assert.deepEqual(await ctx.db.selectFrom("sessions").selectAll().execute(), []);
  });
});

Deno.test("a session ends at its absolute limit, however active", async () => {
  await withContext(async (ctx, clock) => {
    const session = await createSession(ctx.db, await user(ctx), ctx.now());
    const steps = DEFAULT_SESSION_LIMITS.absoluteMs / (30 * MINUTE);
    for (let i = 1; i < steps; i++) {
      clock.advance(30 * MINUTE);
      assert.ok((await resolveSession(ctx.db, session.token, ctx.now())).ok, `step ${i}`);
    }
    clock.advance(30 * MINUTE);
    assert.deepEqual(await resolveSession(ctx.db, session.token, ctx.now()), {
      ok: false,
      reason: "expired",
    });
  });
});

Deno.test("logout ends one session; a password change ends the others", async () => {
  await withContext(async (ctx) => {
    const id = await user(ctx);
    const [a, b, c] = [
      await createSession(ctx.db, id, ctx.now()),
      await createSession(ctx.db, id, ctx.now()),
      await createSession(ctx.db, id, ctx.now()),
    ];
    await deleteSession(ctx.db, hashSecret(a.token));
    assert.equal((await resolveSession(ctx.db, a.token, ctx.now())).ok, false);
    await deleteUserSessions(ctx.db, id, hashSecret(b.token));
    assert.equal((await resolveSession(ctx.db, b.token, ctx.now())).ok, true);
    assert.equal((await resolveSession(ctx.db, c.token, ctx.now())).ok, false);
  });
});
