/**
 * The security layer over real HTTP(S): session cookie attributes with and without TLS, CSRF
 * refusals, sign-in throttling, session expiry, API tokens and their revocation, the forced
 * password change.
 *
 * @module
 */

import assert from "node:assert/strict";
import { findUser } from "../server/auth/users.ts";
import { DEFAULT_SESSION_LIMITS } from "../server/auth/sessions.ts";
import { createApiToken } from "../server/auth/api_tokens.ts";
import { cookieFrom, createTestUser, formSignIn, withToken } from "./_helpers/auth.ts";
import { makeCertificates } from "./_helpers/certs.ts";
import { testClock } from "./_helpers/context.ts";
import { startTestServer } from "./_helpers/server.ts";

const PASSWORD = "a long test password";

Deno.test("the session cookie is HttpOnly, SameSite=Lax, Path=/, not Secure over HTTP", async () => {
  const server = await startTestServer();
  try {
    await createTestUser(server.server.ctx, "alice", "readonly", "all", { password: PASSWORD });
    const { response } = await formSignIn(server.url, "alice", PASSWORD, { next: "/tokens" });
    assert.equal(response.status, 303);
    assert.equal(response.headers.get("location"), "/tokens");
    const line = response.headers.getSetCookie().find((c) => c.startsWith("inv_session="));
    assert.ok(line);
    const attributes = line.split(/;\s*/).slice(1);
    assert.deepEqual(attributes.sort(), ["HttpOnly", "Max-Age=43200", "Path=/", "SameSite=Lax"]);
  } finally {
    await server.stop();
  }
});

Deno.test("under TLS the session cookie is also Secure", async () => {
  const dir = await Deno.makeTempDir({ prefix: "inventory-auth-tls-" });
  const certs = await makeCertificates(dir);
  const server = await startTestServer({ tlsCert: certs.cert, tlsKey: certs.key });
  const client = Deno.createHttpClient({ caCerts: [await Deno.readTextFile(certs.ca)] });
  try {
    assert.match(server.url, /^https:/);
    await createTestUser(server.server.ctx, "alice", "readonly", "all", { password: PASSWORD });
    const { response } = await formSignIn(server.url, "alice", PASSWORD, { client });
    const line = response.headers.getSetCookie().find((c) => c.startsWith("inv_session="));
    assert.ok(line);
    assert.deepEqual(line.split(/;\s*/).slice(1).sort(), [
      "HttpOnly",
      "Max-Age=43200",
      "Path=/",
      "SameSite=Lax",
      "Secure",
    ]);
  } finally {
    client.close();
    await server.stop();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("form posts without the session's CSRF token, or from another site, are refused", async (t) => {
  const server = await startTestServer();
  const ctx = server.server.ctx;
  try {
    const admin = await createTestUser(ctx, "boss", "admin");
    const victim = await createTestUser(ctx, "victim", "readonly");
    const disable = (headers: Record<string, string>, form: Record<string, string>) =>
      fetch(`${server.url}/users/${victim.userId}/disable`, {
        method: "POST",
        redirect: "manual",
        headers: { cookie: admin.cookie, ...headers },
        body: new URLSearchParams(form),
      });
    const cases: [string, Record<string, string>, Record<string, string>][] = [
      ["no token", {}, {}],
      ["a wrong token", {}, { _csrf: victim.csrfToken }],
      ["another origin", { origin: "https://evil.example" }, { _csrf: admin.csrfToken }],
      ["a cross-site fetch", { "sec-fetch-site": "cross-site" }, { _csrf: admin.csrfToken }],
    ];
    for (const [label, headers, form] of cases) {
      await t.step(`${label} → 403, nothing changed`, async () => {
        const response = await disable(headers, form);
        assert.equal(response.status, 403);
        assert.match(await response.text(), /expired or came from another site/);
        assert.equal((await findUser(ctx.db, victim.userId))?.disabled, 0);
      });
    }
    await t.step("the right token from the same origin → done", async () => {
      const response = await disable(
        { origin: server.url, "sec-fetch-site": "same-origin" },
        { _csrf: admin.csrfToken },
      );
      await response.body?.cancel();
      assert.equal(response.status, 303);
      assert.equal((await findUser(ctx.db, victim.userId))?.disabled, 1);
    });
    await t.step("sign-out needs the token too", async () => {
      const response = await fetch(`${server.url}/logout`, {
        method: "POST",
        redirect: "manual",
        headers: { cookie: admin.cookie },
      });
      await response.body?.cancel();
      assert.equal(response.status, 403);
      const page = await fetch(`${server.url}/`, { headers: { cookie: admin.cookie } });
      await page.body?.cancel();
      assert.equal(page.status, 200, "still signed in");
    });
    await t.step("sign-in needs its form token", async () => {
      const response = await fetch(`${server.url}/login`, {
        method: "POST",
        body: new URLSearchParams({ login: "boss", password: PASSWORD }),
      });
      assert.equal(response.status, 403);
      assert.match(await response.text(), /sign-in form expired/);
    });
    await t.step(
      "API writes with the cookie need X-CSRF-Token; with a token they do not",
      async () => {
        const patch = (headers: Record<string, string>) =>
          fetch(`${server.url}/api/v1/devices/nope`, {
            method: "PATCH",
            headers: { "content-type": "application/json", ...headers },
            body: JSON.stringify({ tag: "X" }),
          });
        const cookieOnly = await patch({ cookie: admin.cookie });
        assert.equal(cookieOnly.status, 403);
        assert.match((await cookieOnly.json()).message, /CSRF/);
        const withHeader = await patch({ cookie: admin.cookie, "x-csrf-token": admin.csrfToken });
        assert.equal(withHeader.status, 404, "past the checks: no such device");
        await withHeader.body?.cancel();
        const bearer = await patch({ authorization: `Bearer ${admin.token}` });
        assert.equal(bearer.status, 404);
        await bearer.body?.cancel();
      },
    );
  } finally {
    await server.stop();
  }
});

Deno.test("sign-in is throttled with a clear message, and works again after the wait", async () => {
  const clock = testClock();
  const server = await startTestServer({}, { now: clock.now });
  try {
    await createTestUser(server.server.ctx, "alice", "readonly", "all", { password: PASSWORD });
    for (let i = 0; i < 5; i++) {
      const { response } = await formSignIn(server.url, "alice", `wrong ${i}`);
      assert.equal(response.status, 401);
    }
    const page = await fetch(`${server.url}/login`);
    const loginCookie = cookieFrom(page, "inv_login")!;
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
    const throttled = await fetch(`${server.url}/login`, {
      method: "POST",
      headers: { cookie: loginCookie },
      body: new URLSearchParams({ _csrf: csrf, login: "alice", password: PASSWORD }),
    });
    assert.equal(throttled.status, 429);
    assert.equal(throttled.headers.get("retry-after"), "2");
    assert.match(
      await throttled.text(),
      /Too many failed sign-ins for this account from your address\. Try again in 2 seconds\./,
    );
    assert.equal(cookieFrom(throttled, "inv_session"), undefined);
    clock.advance(2000);
    const { response, cookie } = await formSignIn(server.url, "alice", PASSWORD);
    assert.equal(response.status, 303);
    assert.ok(cookie);
  } finally {
    await server.stop();
  }
});

Deno.test("an idle session is ended: back to the sign-in page, cookie cleared", async () => {
  const clock = testClock();
  const server = await startTestServer({}, { now: clock.now });
  try {
    const alice = await createTestUser(server.server.ctx, "alice", "readonly");
    const before = await fetch(`${server.url}/tokens`, { headers: { cookie: alice.cookie } });
    await before.body?.cancel();
    assert.equal(before.status, 200);
    clock.advance(DEFAULT_SESSION_LIMITS.idleMs);
    const after = await fetch(`${server.url}/tokens`, {
      headers: { cookie: alice.cookie },
      redirect: "manual",
    });
    await after.body?.cancel();
    assert.equal(after.status, 303);
    assert.equal(after.headers.get("location"), "/login?next=%2Ftokens&ended=1");
    assert.match(cookieFrom(after, "inv_session") ?? "", /^inv_session=$/);
  } finally {
    await server.stop();
  }
});

Deno.test("API tokens: accepted, then refused once revoked, expired, or their user disabled", async (t) => {
  const clock = testClock();
  const server = await startTestServer({}, { now: clock.now });
  const ctx = server.server.ctx;
  const devices = (token: string) => fetch(`${server.url}/api/v1/devices`, withToken(token));
  const expectRefused = async (token: string, message: RegExp) => {
    const response = await devices(token);
    assert.equal(response.status, 401);
    const body = await response.json();
    assert.equal(body.status, 401);
    assert.match(body.message, message);
  };
  try {
    const alice = await createTestUser(ctx, "alice", "readonly");
    await t.step("a valid token reads", async () => {
      const response = await devices(alice.token);
      assert.equal(response.status, 200);
      assert.equal((await response.json()).total, 0);
    });
    await t.step("revoked from the tokens page", async () => {
      const page = await fetch(`${server.url}/tokens`, { headers: { cookie: alice.cookie } });
      const id = /action="\/tokens\/(\d+)\/revoke"/.exec(await page.text())?.[1];
      assert.ok(id);
      const revoke = await fetch(`${server.url}/tokens/${id}/revoke`, {
        method: "POST",
        redirect: "manual",
        headers: { cookie: alice.cookie },
        body: new URLSearchParams({ _csrf: alice.csrfToken }),
      });
      await revoke.body?.cancel();
      assert.equal(revoke.headers.get("location"), "/tokens?notice=revoked");
      await expectRefused(alice.token, /Unknown or revoked/);
    });
    await t.step("expired", async () => {
      const { token } = await ctx.writes.run((db) =>
        createApiToken(
          db,
          alice.userId,
          "day",
          clock.now(),
          new Date(clock.now().getTime() + 60_000),
        )
      );
      assert.equal((await devices(token)).status, 200);
      clock.advance(60_000);
      await expectRefused(token, /expired/);
    });
    await t.step("its user disabled", async () => {
      const bob = await createTestUser(ctx, "bob", "readonly");
      await ctx.db.updateTable("users").set({ disabled: 1 }).where("id", "=", bob.userId).execute();
      await expectRefused(bob.token, /disabled/);
    });
    await t.step("garbage and other schemes", async () => {
      await expectRefused("inv_garbage", /Unknown or revoked/);
      const basic = await fetch(`${server.url}/api/v1/devices`, {
        headers: { authorization: `Basic ${btoa("a:b")}` },
      });
      assert.equal(basic.status, 401);
      await basic.body?.cancel();
    });
  } finally {
    await server.stop();
  }
});

Deno.test("with a one-time password every page leads to the password change first", async () => {
  const server = await startTestServer();
  try {
    const alice = await createTestUser(server.server.ctx, "alice", "admin", "all", {
      password: PASSWORD,
      mustChangePassword: true,
    });
    const { response, cookie } = await formSignIn(server.url, "alice", PASSWORD);
    assert.equal(response.headers.get("location"), "/password");
    for (const path of ["/", "/users", "/tokens"]) {
      const page = await fetch(`${server.url}${path}`, {
        headers: { cookie: cookie! },
        redirect: "manual",
      });
      await page.body?.cancel();
      assert.equal(page.headers.get("location"), "/password", path);
    }
    // Tokens are another credential: they keep working.
    const api = await fetch(`${server.url}/api/v1/devices`, withToken(alice.token));
    assert.equal(api.status, 200);
    await api.body?.cancel();
  } finally {
    await server.stop();
  }
});

Deno.test("sign-in goes back only to a local path", async () => {
  const server = await startTestServer();
  try {
    await createTestUser(server.server.ctx, "alice", "readonly", "all", { password: PASSWORD });
    for (
      const [next, expected] of [
        ["/users?x=1", "/users?x=1"],
        ["//evil.example/", "/"],
        ["https://evil.example/", "/"],
        ["/\\evil.example", "/"],
      ]
    ) {
      const { response } = await formSignIn(server.url, "alice", PASSWORD, { next });
      assert.equal(response.headers.get("location"), expected, next);
    }
  } finally {
    await server.stop();
  }
});

Deno.test("an admin's password reset shows a one-time password and ends the user's sessions", async () => {
  const server = await startTestServer();
  const ctx = server.server.ctx;
  try {
    const admin = await createTestUser(ctx, "boss", "admin");
    const bob = await createTestUser(ctx, "bob", "readonly");
    const reset = await fetch(`${server.url}/users/${bob.userId}/password`, {
      method: "POST",
      headers: { cookie: admin.cookie },
      body: new URLSearchParams({ _csrf: admin.csrfToken }),
    });
    assert.equal(reset.status, 200);
    const oneTime = /data-testid="one-time-password">([^<]+)</.exec(await reset.text())?.[1];
    assert.match(oneTime ?? "", /^[\w-]{20}$/);
    const old = await fetch(`${server.url}/`, {
      headers: { cookie: bob.cookie },
      redirect: "manual",
    });
    await old.body?.cancel();
    assert.equal(old.status, 303, "bob's session is over");
    const { response } = await formSignIn(server.url, "bob", oneTime!);
    assert.equal(response.headers.get("location"), "/password");
  } finally {
    await server.stop();
  }
});
