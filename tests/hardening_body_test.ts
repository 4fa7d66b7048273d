/**
 * Issue 11, over real HTTP: a console upload is refused on rights before its body is read (a
 * client without the right cannot make the server take 128 MiB), and console forms have their
 * own small cap, answered 413.
 *
 * @module
 */

import assert from "node:assert/strict";
import { findUser } from "../server/auth/users.ts";
const MAX_FORM_BYTES = 64 * 1024; // server/http/csrf.ts
import { cookieFrom, createTestUser } from "./_helpers/auth.ts";
import { startTestServer } from "./_helpers/server.ts";

/**
 * Sends `head` and the first `sent` bytes of a body announced much larger, then reads until the
 * response's status line arrives (or `timeoutMs`): a server that reads the body first never
 * answers.
 */
async function statusBeforeBody(
  url: string,
  head: string,
  sent: Uint8Array,
  timeoutMs = 20_000,
): Promise<number | "no answer"> {
  const { hostname, port } = new URL(url);
  const connection = await Deno.connect({ hostname, port: Number(port) });
  try {
    await connection.write(new TextEncoder().encode(head));
    await connection.write(sent);
    const buffer = new Uint8Array(4096);
    const timer = new Promise<"no answer">((r) => setTimeout(() => r("no answer"), timeoutMs));
    let text = "";
    for (;;) {
      const read = await Promise.race([connection.read(buffer), timer]);
      if (read === "no answer" || read === null) return "no answer";
      text += new TextDecoder().decode(buffer.subarray(0, read));
      const status = /^HTTP\/1\.1 (\d{3})/.exec(text);
      if (status) return Number(status[1]);
    }
  } finally {
    connection.close();
  }
}

Deno.test("a console upload without the right is refused before its body is read", async () => {
  const server = await startTestServer();
  try {
    const reader = await createTestUser(server.server.ctx, "reader", "readonly");
    const boundary = "----inventory-test";
    const start = new TextEncoder().encode(
      `--${boundary}\r\ncontent-disposition: form-data; name="_csrf"\r\n\r\n${reader.csrfToken}` +
        `\r\n--${boundary}\r\ncontent-disposition: form-data; name="files"; filename="a.ocs"\r\n` +
        `content-type: application/octet-stream\r\n\r\n`,
    );
    const announced = 100 * 1024 * 1024;
    const head = `POST /devices/upload HTTP/1.1\r\nhost: ${new URL(server.url).host}\r\n` +
      `cookie: ${reader.cookie}\r\norigin: ${server.url}\r\n` +
      `content-type: multipart/form-data; boundary=${boundary}\r\n` +
      `content-length: ${announced}\r\n\r\n`;
    // 100 MiB announced, a few hundred bytes sent: the refusal must not wait for the rest.
    assert.equal(await statusBeforeBody(server.url, head, start), 403);
  } finally {
    await server.stop();
  }
});

Deno.test("console forms have their own cap: 413 past it, nothing changed", async () => {
  const server = await startTestServer();
  const ctx = server.server.ctx;
  try {
    const admin = await createTestUser(ctx, "boss", "admin");
    const victim = await createTestUser(ctx, "victim", "readonly");
    const padding = "x".repeat(MAX_FORM_BYTES);
    const disable = await fetch(`${server.url}/users/${victim.userId}/disable`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie: admin.cookie, origin: server.url },
      body: new URLSearchParams({ _csrf: admin.csrfToken, padding }),
    });
    assert.equal(disable.status, 413);
    assert.match(await disable.text(), /over the 64 KiB limit of console forms/);
    assert.equal((await findUser(ctx.db, victim.userId))?.disabled, 0);

    const page = await fetch(`${server.url}/login`);
    await page.body?.cancel();
    const signIn = await fetch(`${server.url}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie: cookieFrom(page, "inv_login")!, origin: server.url },
      body: new URLSearchParams({ login: "boss", password: padding }),
    });
    assert.equal(signIn.status, 413);
    assert.match(await signIn.text(), /over the 64 KiB limit/);

    // Under the cap the same form goes through.
    const small = await fetch(`${server.url}/users/${victim.userId}/disable`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie: admin.cookie, origin: server.url },
      body: new URLSearchParams({ _csrf: admin.csrfToken, padding: "x".repeat(1000) }),
    });
    await small.body?.cancel();
    assert.equal(small.status, 303);
  } finally {
    await server.stop();
  }
});
