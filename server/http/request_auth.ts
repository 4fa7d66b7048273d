/**
 * Who a request comes from: a bearer API token (`Authorization: Bearer inv_…`) or the console's
 * session cookie. A bearer header, when present, is the only credential looked at.
 *
 * @module
 */

import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import { resolveApiToken } from "../auth/api_tokens.ts";
import type { Principal } from "../auth/rights.ts";
import { type ActiveSession, resolveSession } from "../auth/sessions.ts";
import { loadPrincipal } from "../auth/users.ts";
import type { ServerContext } from "../context.ts";
import type { AppEnv } from "./env.ts";
import { SESSION_COOKIE } from "./session_cookie.ts";

/** An authenticated request. */
export interface RequestAuth {
  principal: Principal;
  /** The console session, when the cookie authenticated the request. */
  session: ActiveSession | null;
}

/** Why no principal: no credential at all, or one that was refused. */
export type AuthFailure = { credential: "none" } | {
  credential: "token" | "session";
  reason: string;
};

/** Resolves (once per request) who is asking. */
export async function authenticate(
  ctx: ServerContext,
  c: Context<AppEnv>,
): Promise<RequestAuth | AuthFailure> {
  const cached = c.get("auth");
  if (cached) return cached;
  const result = await resolve(ctx, c);
  if ("principal" in result) c.set("auth", result);
  return result;
}

async function resolve(ctx: ServerContext, c: Context<AppEnv>): Promise<RequestAuth | AuthFailure> {
  const now = ctx.now();
  const authorization = c.req.header("authorization");
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  if (bearer) {
    const token = await resolveApiToken(ctx.db, bearer[1]!, now);
    if (!token.ok) {
      return {
        credential: "token",
        reason: token.reason === "expired"
          ? "The API token has expired"
          : "Unknown or revoked API token",
      };
    }
    const principal = await loadPrincipal(ctx.db, token.userId, "token");
    if (!principal) {
      return { credential: "token", reason: "The token's user is disabled or has no profile" };
    }
    return { principal, session: null };
  }
  const cookie = getCookie(c, SESSION_COOKIE);
  if (!cookie) return { credential: "none" };
  const session = await resolveSession(ctx.db, cookie, now);
  if (!session.ok) {
    return {
      credential: "session",
      reason: session.reason === "unknown"
        ? "Your session has ended"
        : session.reason === "idle"
        ? "Your session ended after a period of inactivity"
        : "Your session has expired",
    };
  }
  const principal = await loadPrincipal(ctx.db, session.session.userId, "session");
  if (!principal) return { credential: "session", reason: "This account is disabled" };
  return { principal, session: session.session };
}
