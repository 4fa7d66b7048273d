/**
 * Signing in and out, and changing one's password. The sign-in form has no session to carry a
 * CSRF token, so it uses a double-submit cookie (`inv_login`) and the Origin checks.
 *
 * @module
 */

import { type Context, Hono } from "hono";
import {
  checkPasswordPolicy,
  hashPassword,
  MIN_PASSWORD_LENGTH,
  PasswordPolicyError,
} from "../auth/password.ts";
import { newSecret, sameSecret } from "../auth/secrets.ts";
import {
  createSession,
  deleteSession,
  deleteUserSessions,
  pruneSessions,
} from "../auth/sessions.ts";
import { FIRST_ADMIN_LOGIN, forgetFirstPassword } from "../auth/first_start.ts";
import { signIn } from "../auth/sign_in.ts";
import { setPasswordHash } from "../auth/users.ts";
import type { ServerContext } from "../context.ts";
import type { Notice } from "../../ui/components.tsx";
import { LoginPage } from "../../ui/pages/login.tsx";
import { PasswordPage } from "../../ui/pages/password.tsx";
import { authenticate } from "./request_auth.ts";
import { checkSameOrigin, CSRF_FIELD, FormTooLargeError, readForm } from "./csrf.ts";
import type { AppEnv } from "./env.ts";
import { authOf, requireSignedIn } from "./guards.ts";
import { sendPage } from "./html.ts";
import { i18nOf } from "./i18n.ts";
import type { Messages } from "../../ui/i18n/messages.ts";
import { safeNext } from "./safe_next.ts";
import {
  clearLoginCookie,
  clearSessionCookie,
  loginCookie,
  setLoginCookie,
  setSessionCookie,
} from "./session_cookie.ts";

/** The sign-in, sign-out and password routes. */
export function consoleAuthRoutes(ctx: ServerContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  const loginPage = (
    c: Context<AppEnv>,
    options: {
      status?: 200 | 401 | 403 | 413 | 429;
      login?: string;
      next?: string;
      notice?: Notice;
    },
    headers: Record<string, string> = {},
  ) => {
    const token = newSecret();
    setLoginCookie(ctx, c, token);
    return sendPage(
      c,
      <LoginPage
        csrfToken={token}
        login={options.login}
        next={options.next === "/" ? undefined : options.next}
        notice={options.notice}
      />,
      options.status ?? 200,
      headers,
    );
  };

  app.get("/login", async (c) => {
    const next = safeNext(c.req.query("next"));
    const auth = await authenticate(ctx, c);
    if ("principal" in auth && auth.session) return c.redirect(next, 303);
    const { t } = i18nOf(c);
    const notice: Notice | undefined = c.req.query("signed_out") !== undefined
      ? { kind: "success", text: t.auth.signedOut }
      : c.req.query("ended") !== undefined
      ? { kind: "info", text: t.auth.sessionEnded }
      : undefined;
    return loginPage(c, { next, ...(notice ? { notice } : {}) });
  });

  app.post("/login", async (c) => {
    let form: URLSearchParams;
    try {
      form = await readForm(c) ?? new URLSearchParams();
    } catch (error) {
      if (!(error instanceof FormTooLargeError)) throw error;
      return loginPage(c, { status: 413, notice: { kind: "error", text: error.message } });
    }
    const login = form.get("login") ?? "";
    const next = safeNext(form.get("next"));
    const expected = loginCookie(c);
    const sent = form.get(CSRF_FIELD) ?? "";
    const origin = checkSameOrigin(c);
    if (!origin.ok || !expected || !sent || !sameSecret(sent, expected)) {
      ctx.log.warn("sign-in refused", {
        ip: c.env.ip,
        reason: origin.ok ? "missing or wrong form token" : origin.reason,
      });
      return loginPage(c, {
        status: 403,
        login,
        next,
        notice: { kind: "error", text: i18nOf(c).t.auth.formExpired },
      });
    }
    const outcome = await signIn(
      ctx,
      { login, password: form.get("password") ?? "", ip: c.env.ip },
      ctx.now(),
    );
    if (!outcome.ok) {
      ctx.log.warn("sign-in failed", {
        login: login.slice(0, 64),
        ip: c.env.ip,
        reason: outcome.reason,
        trace: outcome.trace.join("; "),
      });
      const throttled = outcome.reason === "throttled";
      return loginPage(
        c,
        {
          status: throttled ? 429 : 401,
          login,
          next,
          notice: { kind: "error", text: signInMessage(i18nOf(c).t, outcome) },
        },
        throttled ? { "retry-after": String(outcome.retryAfterSeconds ?? 1) } : {},
      );
    }
    const opened = ctx.now();
    const session = await ctx.writes.run(async (db) => {
      // Housekeeping: sessions past their end are refused anyway; drop them as others arrive.
      await pruneSessions(db, opened);
      return await createSession(db, outcome.userId, opened, {
        ip: c.env.ip,
        userAgent: c.req.header("user-agent") ?? "",
      });
    });
    ctx.log.info("signed in", { user: outcome.login, ip: c.env.ip });
    if (outcome.login === FIRST_ADMIN_LOGIN && await forgetFirstPassword(ctx.config.dataDir)) {
      ctx.log.info("first sign-in: deleted the one-time password file", { user: outcome.login });
    }
    setSessionCookie(ctx, c, session, opened);
    clearLoginCookie(ctx, c);
    return c.redirect(outcome.mustChangePassword ? "/password" : next, 303);
  });

  app.post("/logout", requireSignedIn(ctx, { duringPasswordChange: true }), async (c) => {
    const { principal, session } = authOf(c);
    if (session) await ctx.writes.run((db) => deleteSession(db, session.tokenHash));
    clearSessionCookie(ctx, c);
    ctx.log.info("signed out", { user: principal.login, ip: c.env.ip });
    return c.redirect("/login?signed_out=1", 303);
  });

  app.get("/password", requireSignedIn(ctx, { duringPasswordChange: true }), (c) => {
    const { principal, session } = authOf(c);
    return sendPage(c, <PasswordPage principal={principal} csrfToken={session?.csrfToken ?? ""} />);
  });

  app.post("/password", requireSignedIn(ctx, { duringPasswordChange: true }), async (c) => {
    const { principal, session } = authOf(c);
    const form = await readForm(c) ?? new URLSearchParams();
    const current = form.get("current") ?? "";
    const fresh = form.get("new") ?? "";
    const { t } = i18nOf(c);
    const again = (text: string, status: 400 | 401 | 429 = 400) =>
      sendPage(
        c,
        <PasswordPage
          principal={principal}
          csrfToken={session?.csrfToken ?? ""}
          notice={{ kind: "error", text }}
        />,
        status,
      );
    const check = await signIn(
      ctx,
      { login: principal.login, password: current, ip: c.env.ip },
      ctx.now(),
    );
    if (!check.ok) {
      return check.reason === "throttled"
        ? again(signInMessage(t, check), 429)
        : again(t.auth.currentWrong, 401);
    }
    if (fresh !== (form.get("confirm") ?? "")) return again(t.auth.passwordsDiffer);
    if (fresh === current) return again(t.auth.passwordSame);
    try {
      checkPasswordPolicy(fresh, principal.login);
    } catch (error) {
      if (error instanceof PasswordPolicyError) return again(policyMessage(t, fresh));
      throw error;
    }
    const hash = await hashPassword(fresh);
    await ctx.writes.run(async (db) => {
      await setPasswordHash(db, principal.userId, hash, false);
      // Other sessions may belong to whoever knew the old password.
      await deleteUserSessions(db, principal.userId, session?.tokenHash);
    });
    ctx.log.info("password changed", { user: principal.login, ip: c.env.ip });
    return c.redirect("/?notice=password-changed", 303);
  });

  return app;
}

/** A refused sign-in, in the reader's language. */
function signInMessage(
  t: Messages,
  outcome: {
    reason: "throttled" | "bad-credentials" | "disabled";
    message: string;
    retryAfterSeconds?: number;
  },
): string {
  // throttle.ts names who is held back in its message: this login from here, or this address.
  const byAddress = !outcome.message.includes("this account");
  return outcome.reason === "throttled"
    ? t.auth.throttled(outcome.retryAfterSeconds ?? 1, byAddress)
    : outcome.reason === "disabled"
    ? t.auth.accountDisabledSignIn
    : t.auth.wrongCredentials;
}

/** Why a new password breaks the policy (password.ts's rules), in the reader's language. */
function policyMessage(t: Messages, password: string): string {
  const length = [...password].length;
  return length < MIN_PASSWORD_LENGTH
    ? t.auth.passwordTooShort(MIN_PASSWORD_LENGTH)
    : length > 1024
    ? t.auth.passwordTooLong
    : t.auth.passwordHasLogin;
}
