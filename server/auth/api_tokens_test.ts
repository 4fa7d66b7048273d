import assert from "node:assert/strict";
import { withContext } from "../../tests/_helpers/context.ts";
import type { ServerContext } from "../context.ts";
import { createApiToken, listApiTokens, resolveApiToken, revokeApiToken } from "./api_tokens.ts";
import { createUser } from "./users.ts";

const DAY = 86_400_000;

function user(ctx: ServerContext, login: string) {
  return createUser(ctx.db, {
    login,
    passwordHash: null,
    mustChangePassword: false,
    profile: "technician",
    entityScope: "all",
  }, ctx.now());
}

Deno.test("a token resolves to its user; lists show its prefix, never the token", async () => {
  await withContext(async (ctx, clock) => {
    const alice = await user(ctx, "alice");
    const created = await createApiToken(ctx.db, alice, "  scripts ", ctx.now());
    assert.match(created.token, /^inv_[\w-]{43}$/);
    assert.equal(created.name, "scripts");
    assert.deepEqual(await resolveApiToken(ctx.db, created.token, ctx.now()), {
      ok: true,
      userId: alice,
      tokenId: created.id,
    });
    clock.advance(5 * 60_000);
    await resolveApiToken(ctx.db, created.token, ctx.now());
    const [listed] = await listApiTokens(ctx.db, alice);
    assert.equal(listed?.prefix, created.token.slice(0, 10));
    assert.equal(listed?.lastUsedAt, ctx.now().toISOString());
    assert.equal(listed?.login, "alice");
    const stored = await ctx.db.selectFrom("api_tokens").selectAll().execute();
    assert.ok(!JSON.stringify(stored).includes(created.token));
  });
});

Deno.test("unknown, expired and revoked tokens are refused", async () => {
  await withContext(async (ctx, clock) => {
    const alice = await user(ctx, "alice");
    const bob = await user(ctx, "bob");
    const short = await createApiToken(
      ctx.db,
      alice,
      "short",
      ctx.now(),
      new Date(ctx.now().getTime() + DAY),
    );
    const kept = await createApiToken(ctx.db, alice, "kept", ctx.now());
    assert.deepEqual(await resolveApiToken(ctx.db, "inv_nope", ctx.now()), {
      ok: false,
      reason: "unknown",
    });
    assert.equal((await resolveApiToken(ctx.db, "not even the prefix", ctx.now())).ok, false);
    clock.advance(DAY);
    assert.deepEqual(await resolveApiToken(ctx.db, short.token, ctx.now()), {
      ok: false,
      reason: "expired",
    });
    // Another user cannot revoke it; its owner can.
    assert.equal(await revokeApiToken(ctx.db, kept.id, bob), false);
    assert.equal((await resolveApiToken(ctx.db, kept.token, ctx.now())).ok, true);
    assert.equal(await revokeApiToken(ctx.db, kept.id, alice), true);
    assert.equal((await resolveApiToken(ctx.db, kept.token, ctx.now())).ok, false);
    assert.deepEqual((await listApiTokens(ctx.db)).map((t) => t.name), ["short"]);
  });
});
