import assert from "node:assert/strict";
import { withContext } from "../../tests/_helpers/context.ts";
import type { ServerContext } from "../context.ts";
import { ensureFirstAdmin } from "./first_start.ts";
import { CURRENT_PARAMS, hashPassword } from "./password.ts";
import { BAD_CREDENTIALS, signIn } from "./sign_in.ts";
import { createUser, findUser, setDisabled } from "./users.ts";

const PASSWORD = "a fine password";

async function alice(ctx: ServerContext, passwordHash?: string) {
  return await createUser(ctx.db, {
    login: "alice",
    passwordHash: passwordHash ?? await hashPassword(PASSWORD),
    mustChangePassword: false,
    profile: "readonly",
    entityScope: "all",
  }, ctx.now());
}

Deno.test("the right password signs in and records it; a wrong or unknown one does not", async () => {
  await withContext(async (ctx) => {
    const id = await alice(ctx);
    const at = { ip: "192.0.2.1" };
    const ok = await signIn(ctx, { login: " Alice", password: PASSWORD, ...at }, ctx.now());
    assert.equal(ok.ok, true);
    assert.equal(ok.ok && ok.userId, id);
    assert.equal((await findUser(ctx.db, id))?.last_login_at, ctx.now().toISOString());

    const wrong = await signIn(ctx, { login: "alice", password: "nope", ...at }, ctx.now());
    const unknown = await signIn(ctx, { login: "nobody", password: PASSWORD, ...at }, ctx.now());
    for (const outcome of [wrong, unknown]) {
      assert.equal(outcome.ok, false);
      assert.equal(!outcome.ok && outcome.message, BAD_CREDENTIALS);
    }
    assert.deepEqual(wrong.trace.at(-1), "wrong password");
    assert.deepEqual(unknown.trace.at(-1), "no such login");
    const attempts = await ctx.db.selectFrom("login_attempts").select(["login", "succeeded"])
      .orderBy("id").execute();
    assert.deepEqual(attempts.map((a) => `${a.login}:${a.succeeded}`), [
      "alice:1",
      "alice:0",
      "nobody:0",
    ]);
  });
});

Deno.test("a disabled user is told so only with the right password", async () => {
  await withContext(async (ctx) => {
    const id = await alice(ctx);
    await createUser(ctx.db, {
      login: "admin",
      passwordHash: null,
      mustChangePassword: false,
      profile: "admin",
      entityScope: "all",
    }, ctx.now());
    await setDisabled(ctx.db, id, true);
    const right = await signIn(ctx, { login: "alice", password: PASSWORD, ip: "x" }, ctx.now());
    assert.equal(!right.ok && right.reason, "disabled");
    const wrong = await signIn(ctx, { login: "alice", password: "guess", ip: "x" }, ctx.now());
    assert.equal(!wrong.ok && wrong.reason, "bad-credentials");
  });
});

Deno.test("after 5 failures even the right password waits, and is not checked", async () => {
  await withContext(async (ctx, clock) => {
    await alice(ctx);
    for (let i = 0; i < 5; i++) {
      await signIn(ctx, { login: "alice", password: `guess ${i}`, ip: "192.0.2.1" }, ctx.now());
    }
    const throttled = await signIn(
      ctx,
      { login: "alice", password: PASSWORD, ip: "192.0.2.1" },
      ctx.now(),
    );
    assert.equal(!throttled.ok && throttled.reason, "throttled");
    assert.equal(!throttled.ok && throttled.retryAfterSeconds, 2);
    clock.advance(2000);
    const ok = await signIn(
      ctx,
      { login: "alice", password: PASSWORD, ip: "192.0.2.1" },
      ctx.now(),
    );
    assert.equal(ok.ok, true);
  });
});

Deno.test("a hash with weaker parameters is replaced at sign-in", async () => {
  await withContext(async (ctx) => {
    const id = await alice(ctx, await hashPassword(PASSWORD, { N: 1024, r: 8, p: 1 }));
    const outcome = await signIn(ctx, { login: "alice", password: PASSWORD, ip: "x" }, ctx.now());
    assert.match(outcome.trace.at(-1)!, /re-hashed/);
    const stored = (await findUser(ctx.db, id))?.password_hash ?? "";
    assert.ok(stored.startsWith(`scrypt$N=${CURRENT_PARAMS.N},`), stored);
    assert.equal(
      (await signIn(ctx, { login: "alice", password: PASSWORD, ip: "x" }, ctx.now())).ok,
      true,
    );
  });
});

Deno.test("first start creates one admin with a one-time password, once", async () => {
  await withContext(async (ctx) => {
    const first = await ensureFirstAdmin(ctx, ctx.now());
    assert.ok(first);
    assert.equal(first.login, "admin");
    assert.equal(await ensureFirstAdmin(ctx, ctx.now()), null);
    const outcome = await signIn(ctx, { ...first, ip: "x" }, ctx.now());
    assert.equal(outcome.ok && outcome.mustChangePassword, true);
  });
});
