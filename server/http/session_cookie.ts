/**
 * The console's cookies: `inv_session` (the session token) and `inv_login` (the sign-in form's
 * CSRF token, before any session exists). Both HttpOnly, SameSite=Lax, and Secure when the server
 * runs TLS.
 *
 * @module
 */

import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { ServerContext } from "../context.ts";
import type { AppEnv } from "./env.ts";

/** The session cookie's name. */
export const SESSION_COOKIE = "inv_session";
/** The sign-in form's double-submit cookie. */
export const LOGIN_COOKIE = "inv_login";
/** How long a sign-in form stays valid. */
const LOGIN_FORM_SECONDS = 60 * 60;

function attributes(ctx: ServerContext) {
  return {
    httpOnly: true,
    sameSite: "Lax" as const,
    secure: ctx.config.tlsCert !== null,
  };
}

/** Sets the session cookie until the session's absolute end (`now`: when it was opened). */
export function setSessionCookie(
  ctx: ServerContext,
  c: Context<AppEnv>,
  session: { token: string; expiresAt: Date },
  now: Date,
): void {
  const { token, expiresAt } = session;
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - now.getTime()) / 1000));
  setCookie(c, SESSION_COOKIE, token, { ...attributes(ctx), path: "/", maxAge });
}

/** Removes the session cookie. */
export function clearSessionCookie(ctx: ServerContext, c: Context<AppEnv>): void {
  deleteCookie(c, SESSION_COOKIE, { ...attributes(ctx), path: "/" });
}

/** Sets the sign-in form's token cookie. */
export function setLoginCookie(ctx: ServerContext, c: Context<AppEnv>, token: string): void {
  setCookie(c, LOGIN_COOKIE, token, {
    ...attributes(ctx),
    path: "/login",
    maxAge: LOGIN_FORM_SECONDS,
  });
}

/** The sign-in form's token cookie, if any. */
export function loginCookie(c: Context<AppEnv>): string | undefined {
  return getCookie(c, LOGIN_COOKIE);
}

/** Removes the sign-in form's cookie (after a successful sign-in). */
export function clearLoginCookie(ctx: ServerContext, c: Context<AppEnv>): void {
  deleteCookie(c, LOGIN_COOKIE, { ...attributes(ctx), path: "/login" });
}
