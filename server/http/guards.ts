/**
 * Route guards: every page and API route that is not public starts with one. A guard resolves
 * the principal (bearer token or session cookie), checks CSRF on state-changing cookie requests,
 * holds console users to a pending password change, and checks the route's right. It refuses in
 * the route's language: JSON `{status, message, data}` under /api, a page or a redirect elsewhere.
 *
 * Each guard carries its requirement (see {@link guardInfo}), so tests can walk Hono's route list
 * and check that every route is guarded and refuses whoever lacks the right.
 *
 * @module
 */

import type { Context, MiddlewareHandler } from "hono";
import { decide, type Requirement, type Right } from "../auth/rights.ts";
import type { ServerContext } from "../context.ts";
import { MessagePage } from "../../ui/pages/message.tsx";
import { apiError } from "./api_error.ts";
import { checkCsrf, isSafeMethod, UPLOAD_BODIES_CAP } from "./csrf.ts";
import type { AppEnv } from "./env.ts";
import { sendPage } from "./html.ts";
import { i18nOf } from "./i18n.ts";
import type { Messages } from "../../ui/i18n/messages.ts";
import { authenticate, type RequestAuth } from "./request_auth.ts";
import { clearSessionCookie } from "./session_cookie.ts";

const GUARD = Symbol.for("inventory.guard");

/** What a guard demands. */
export interface GuardInfo {
  /** Null: any signed-in user. */
  requirement: Requirement | null;
  /** Reachable while the password must be changed (the password page, sign-out). */
  duringPasswordChange: boolean;
}

/** A guard middleware, tagged with what it demands. */
export type Guard = MiddlewareHandler<AppEnv> & { [GUARD]: GuardInfo };

/** What a handler's guard demands, when the handler is a guard. */
export function guardInfo(handler: unknown): GuardInfo | undefined {
  return (handler as Partial<Guard> | null)?.[GUARD];
}

/** Lets through principals that hold `right` (over every entity with `allEntities`). */
export function requireRight(
  ctx: ServerContext,
  right: Right,
  options: { allEntities?: boolean } = {},
): Guard {
  return makeGuard(ctx, {
    requirement: { right, ...(options.allEntities ? { allEntities: true } : {}) },
    duringPasswordChange: false,
  });
}

/** Lets through any signed-in principal (own tokens, own password, sign-out). */
export function requireSignedIn(
  ctx: ServerContext,
  options: { duringPasswordChange?: boolean } = {},
): Guard {
  return makeGuard(ctx, {
    requirement: null,
    duringPasswordChange: options.duringPasswordChange ?? false,
  });
}

/** The request's principal; only valid behind a guard. */
export function authOf(c: Context<AppEnv>): RequestAuth {
  const auth = c.get("auth");
  if (!auth) throw new Error(`No principal on ${c.req.path}: the route has no guard`);
  return auth;
}

function makeGuard(ctx: ServerContext, info: GuardInfo): Guard {
  const guard: MiddlewareHandler<AppEnv> = async (c, next) => {
    const api = c.req.path.startsWith("/api/");
    const auth = await authenticate(ctx, c);
    if (!("principal" in auth)) {
      const reason = auth.credential === "none" ? null : auth.reason;
      ctx.log.debug("access refused", { path: c.req.path, status: 401, reason: reason ?? "-" });
      if (api) {
        return apiError(
          401,
          reason ?? "Authentication required: send an API token (Authorization: Bearer …)",
          {},
          { "www-authenticate": 'Bearer realm="inventory"' },
        );
      }
      if (auth.credential === "session") clearSessionCookie(ctx, c);
      if (isSafeMethod(c.req.method)) {
        const back = c.req.path + new URL(c.req.url).search;
        const query = new URLSearchParams(back === "/" ? {} : { next: back });
        if (reason) query.set("ended", "1");
        return c.redirect(query.size > 0 ? `/login?${query}` : "/login", 303);
      }
      const { t } = i18nOf(c);
      return sendPage(
        c,
        MessagePage({
          title: t.common.signInFirst,
          message: reason ? sessionReason(t, reason) : t.common.notSignedIn,
          principal: null,
          link: { href: "/login", label: t.common.signIn },
        }),
        401,
      );
    }
    const { principal, session } = auth;
    const refuse = (
      message: string,
      data: Record<string, unknown>,
      options: { status?: 403 | 413; consoleMessage?: string } = {},
    ) => {
      const status = options.status ?? 403;
      const { t } = i18nOf(c);
      ctx.log.info("access refused", {
        path: c.req.path,
        status,
        user: principal.login,
        reason: message,
      });
      return api ? apiError(status, message, data) : sendPage(
        c,
        MessagePage({
          title: status === 413 ? t.common.formTooLarge : t.common.notAllowed,
          message: options.consoleMessage ?? message,
          principal,
          csrfToken: session?.csrfToken ?? "",
          link: { href: "/", label: t.common.backToDashboard },
        }),
        status,
      );
    };
    // Rights first: a body (an upload may weigh 128 MiB) is read only for whoever may send it.
    if (session && principal.mustChangePassword && !info.duringPasswordChange) {
      if (!api && isSafeMethod(c.req.method)) return c.redirect("/password", 303);
      return refuse("Change your password first", { reason: "must change password" }, {
        consoleMessage: i18nOf(c).t.common.changePasswordFirst,
      });
    }
    if (info.requirement) {
      const decision = decide(principal, info.requirement);
      if (!decision.allowed) {
        const message = decision.refusedFor === "scope"
          ? `Your profile is limited to some entities; this needs "${info.requirement.right}" over every entity`
          : `Your profile does not allow this (needs "${info.requirement.right}")`;
        const { t } = i18nOf(c);
        return refuse(message, { right: info.requirement.right, trace: decision.trace }, {
          consoleMessage: decision.refusedFor === "scope"
            ? t.common.scopeTooNarrow(info.requirement.right)
            : t.common.rightMissing(info.requirement.right),
        });
      }
    }
    if (session && !isSafeMethod(c.req.method)) {
      // Console uploads (no JavaScript) carry the token as a multipart field; the API's
      // multipart route reads its own body, so there the header stays the only way.
      const csrf = await checkCsrf(
        c,
        session.csrfToken,
        api ? {} : { maxMultipartBytes: ctx.config.maxBodyBytes * UPLOAD_BODIES_CAP },
      );
      if (!csrf.ok && csrf.tooLarge) {
        return refuse(csrf.reason, { reason: "too large" }, { status: 413 });
      }
      if (!csrf.ok) {
        return refuse(
          api
            ? `CSRF check failed: ${csrf.reason}; send the X-CSRF-Token header or use a token`
            : "This form has expired or came from another site. Reload the page and try again.",
          { reason: csrf.reason },
          { consoleMessage: i18nOf(c).t.common.formExpired },
        );
      }
    }
    await next();
  };
  return Object.assign(guard, { [GUARD]: info });
}

/** A session refusal (request_auth.ts's English reasons) in the reader's language. */
function sessionReason(t: Messages, reason: string): string {
  const known: Record<string, string> = {
    "Your session has ended": t.auth.sessionGone,
    "Your session ended after a period of inactivity": t.auth.sessionIdle,
    "Your session has expired": t.auth.sessionExpired,
    "This account is disabled": t.auth.accountDisabled,
  };
  return known[reason] ?? reason;
}
