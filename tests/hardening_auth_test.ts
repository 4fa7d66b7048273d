/**
 * Issue 11, over real HTTP: the page after sign-in never leaves the site; a stranger guessing at
 * `admin` from one address does not lock out the real admin on another; agents' HTTP Basic auth
 * is throttled the same way; the first admin's one-time password lives in a 0600 file until the
 * first sign-in, never in the output or the log.
 *
 * @module
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { createTestUser, formSignIn } from "./_helpers/auth.ts";
import { formSignInFrom, requestFrom } from "./_helpers/from_address.ts";
import { spawnServe } from "./_helpers/serve_process.ts";
import { startTestServer } from "./_helpers/server.ts";

const PASSWORD = "a long test password";

Deno.test("next after sign-in: only a same-origin path, control characters refused", async (t) => {
  const server = await startTestServer();
  try {
    const alice = await createTestUser(server.server.ctx, "alice", "readonly", "all", {
      password: PASSWORD,
    });
    const hostile = [
      "/\t/evil.example/x",
      "/\n/evil.example/x",
      "/\r\nset-cookie: x=1",
      "//evil.example/x",
      "/\\evil.example/x",
      "https://evil.example/x",
    ];
    for (const next of hostile) {
      await t.step(`sign-in form with next=${JSON.stringify(next)} → /`, async () => {
        const { response } = await formSignIn(server.url, "alice", PASSWORD, { next });
        assert.equal(response.status, 303);
        assert.equal(response.headers.get("location"), "/");
      });
      await t.step(`signed in, GET /login?next=${JSON.stringify(next)} → /`, async () => {
        const response = await fetch(
          `${server.url}/login?${new URLSearchParams({ next })}`,
          { headers: { cookie: alice.cookie }, redirect: "manual" },
        );
        await response.body?.cancel();
        assert.equal(response.status, 303);
        assert.equal(response.headers.get("location"), "/");
      });
    }
    await t.step("the sign-in page does not carry a hostile next either", async () => {
      const page = await fetch(`${server.url}/login?next=/%09/evil.example/x`);
      assert.doesNotMatch(await page.text(), /evil\.example/);
    });
    await t.step("a local path with a query still works", async () => {
      const { response } = await formSignIn(server.url, "alice", PASSWORD, {
        next: "/computers?search=a b",
      });
      assert.equal(response.headers.get("location"), "/computers?search=a%20b");
    });
  } finally {
    await server.stop();
  }
});

Deno.test("a stranger guessing at admin from one address does not lock out the real admin on another", async () => {
  const server = await startTestServer();
  try {
    await createTestUser(server.server.ctx, "admin", "admin", "all", { password: PASSWORD });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      statuses.push((await formSignInFrom("127.0.0.2", server.url, "admin", `guess ${i}`)).status);
    }
    assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429, 429, 429]);
    // Even the right password is not checked from the stranger's address now…
    const stranger = await formSignInFrom("127.0.0.2", server.url, "admin", PASSWORD);
    assert.equal(stranger.status, 429);
    assert.match(stranger.text, /for this account from your address/);
    // …while the real admin signs in from theirs.
    const owner = await formSignInFrom("127.0.0.3", server.url, "admin", PASSWORD);
    assert.equal(owner.status, 303, owner.text.slice(0, 300));
    assert.match(owner.headers.get("set-cookie") ?? "", /inv_session=/);
  } finally {
    await server.stop();
  }
});

Deno.test("one address guessing at many logins is throttled, whatever the login", async () => {
  const server = await startTestServer();
  try {
    await createTestUser(server.server.ctx, "alice", "readonly", "all", { password: PASSWORD });
    for (let i = 0; i < 20; i++) {
      const response = await formSignInFrom("127.0.0.4", server.url, `user${i}`, "guess");
      assert.equal(response.status, 401);
    }
    const next = await formSignInFrom("127.0.0.4", server.url, "alice", PASSWORD);
    assert.equal(next.status, 429);
    assert.match(next.text, /for your address/);
    const elsewhere = await formSignInFrom("127.0.0.5", server.url, "alice", PASSWORD);
    assert.equal(elsewhere.status, 303);
  } finally {
    await server.stop();
  }
});

Deno.test("agent Basic auth: a guesser is throttled on its address; agents elsewhere still report", async () => {
  const server = await startTestServer({ agentUser: "agent", agentPassword: "s3cret pass" });
  try {
    const prolog = (deviceId: string) =>
      `<?xml version="1.0" encoding="UTF-8" ?>\n<REQUEST><DEVICEID>${deviceId}</DEVICEID>` +
      `<QUERY>PROLOG</QUERY></REQUEST>\n`;
    const post = (from: string, password: string, deviceId: string) =>
      requestFrom(from, `${server.url}/ocsinventory`, {
        method: "POST",
        headers: {
          "user-agent": "OCS-NG_unified_unix_agent_v2.10.0",
          "content-type": "application/xml",
          authorization: `Basic ${btoa(`agent:${password}`)}`,
        },
        body: prolog(deviceId),
      });
    // Today's server checked 300 guesses in a fraction of a second; now the guesser gets 5.
    const statuses = new Map<number, number>();
    for (let i = 0; i < 300; i++) {
      const { status } = await post("127.0.0.6", `guess ${i}`, "guesser-2026-11-21-08-00-00");
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
    assert.deepEqual(Object.fromEntries(statuses), { 401: 5, 429: 295 });
    const throttled = await post("127.0.0.6", "s3cret pass", "guesser-2026-11-21-08-00-00");
    assert.equal(throttled.status, 429, "not even the right password is checked while throttled");
    assert.ok(Number(throttled.headers.get("retry-after")) > 0);
    const agent = await post("127.0.0.7", "s3cret pass", "real-agent-2026-11-21-08-00-00");
    assert.equal(agent.status, 200, agent.text);
  } finally {
    await server.stop();
  }
});

Deno.test("first start: the one-time password is in a 0600 file, not in the output; sign-in deletes it", async () => {
  const dataDir = await Deno.makeTempDir({ prefix: "inventory-first-start-" });
  const server = await spawnServe(dataDir, ["--no-scheduler"]);
  try {
    const file = (await server.waitForOutput(/one-time password is in (\S+)/))[1]!;
    assert.equal(file, join(dataDir, "first-admin-password.txt"));
    assert.equal(Deno.statSync(file).mode! & 0o777, 0o600);
    const password = Deno.readTextFileSync(file).trim();
    assert.match(password, /^[\w-]{20}$/);
    assert.equal(server.stdout().includes(password), false, "not printed");
    assert.equal(server.log().includes(password), false, "not logged");
    assert.match(
      server.log(),
      /passwordFile=\S*first-admin-password\.txt/,
      "the log names the file",
    );
    const wrong = await formSignIn(server.url, "admin", "not the password");
    assert.equal(wrong.response.status, 401);
    assert.ok(Deno.statSync(file).isFile, "kept until admin signs in");
    const { response } = await formSignIn(server.url, "admin", password);
    assert.equal(response.status, 303);
    assert.equal(response.headers.get("location"), "/password");
    assert.throws(() => Deno.statSync(file), Deno.errors.NotFound);
  } finally {
    await server.stop();
    await Deno.remove(dataDir, { recursive: true });
  }
});
