/**
 * Users, tokens and sessions for tests, made through the real auth functions on a real database
 * (no password hashing unless a password is asked for: it costs ~60 ms).
 *
 * @module
 */

import assert from "node:assert/strict";
import { createApiToken } from "../../server/auth/api_tokens.ts";
import { hashPassword } from "../../server/auth/password.ts";
import type { EntityScope, ProfileName } from "../../server/auth/rights.ts";
import { createSession } from "../../server/auth/sessions.ts";
import { createUser } from "../../server/auth/users.ts";
import type { ServerContext } from "../../server/context.ts";
import { runCli } from "./cli.ts";

/** A user made for a test, with an API token and a console session. */
export interface TestUser {
  userId: number;
  login: string;
  /** `Authorization: Bearer` value. */
  token: string;
  /** `Cookie` header value of a live session. */
  cookie: string;
  /** That session's CSRF token. */
  csrfToken: string;
  password: string | null;
}

/** Creates a user with `profile` over `entityScope`, a token and a session. */
export async function createTestUser(
  ctx: ServerContext,
  login: string,
  profile: ProfileName,
  entityScope: EntityScope = "all",
  options: { password?: string; mustChangePassword?: boolean } = {},
): Promise<TestUser> {
  const passwordHash = options.password ? await hashPassword(options.password) : null;
  const now = ctx.now();
  return await ctx.writes.run(async (db) => {
    const userId = await createUser(db, {
      login,
      passwordHash,
      mustChangePassword: options.mustChangePassword ?? false,
      profile,
      entityScope,
    }, now);
    const { token } = await createApiToken(db, userId, `${login} test token`, now);
    const session = await createSession(db, userId, now);
    return {
      userId,
      login,
      token,
      cookie: `inv_session=${session.token}`,
      csrfToken: session.csrfToken,
      password: options.password ?? null,
    };
  });
}

/** `init` with the bearer token added. */
export function withToken(token: string, init: RequestInit = {}): RequestInit {
  const headers = new Headers(init.headers);
  headers.set("authorization", `Bearer ${token}`);
  return { ...init, headers };
}

/**
 * An admin API token for a server running in another process (or not running): made with the
 * CLI against its data directory, as an operator would.
 */
export async function cliAdminToken(
  dataDir: string,
  options: { entry?: string; cwd?: string } = {},
): Promise<string> {
  const login = `api-${crypto.randomUUID().slice(0, 8)}`;
  const added = await runCli(
    ["users", "add", login, "--profile", "admin", "--no-password", "--data", dataDir],
    options,
  );
  assert.equal(added.code, 0, added.stderr);
  const created = await runCli(
    ["users", "token", "create", login, "--name", "tests", "--json", "--data", dataDir],
    options,
  );
  assert.equal(created.code, 0, created.stderr);
  return JSON.parse(created.stdout).token;
}

/** The `name=value` of a `Set-Cookie` for `name` in `response`, or undefined. */
export function cookieFrom(response: Response, name: string): string | undefined {
  const line = response.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
  return line?.split(";")[0];
}

/** Signs in through the console's form, as a browser without JavaScript does. */
export async function formSignIn(
  baseUrl: string,
  login: string,
  password: string,
  options: { client?: Deno.HttpClient; next?: string } = {},
): Promise<{ response: Response; cookie: string | undefined }> {
  const client = options.client ? { client: options.client } : {};
  const page = await fetch(`${baseUrl}/login`, client);
  const html = await page.text();
  const loginCookie = cookieFrom(page, "inv_login");
  const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  assert.ok(loginCookie && csrf, "the sign-in page sets its cookie and embeds the same token");
  const response = await fetch(`${baseUrl}/login`, {
    ...client,
    method: "POST",
    redirect: "manual",
    headers: { cookie: loginCookie, origin: baseUrl },
    body: new URLSearchParams({
      _csrf: csrf,
      login,
      password,
      ...(options.next ? { next: options.next } : {}),
    }),
  });
  await response.body?.cancel();
  return { response, cookie: cookieFrom(response, "inv_session") };
}
