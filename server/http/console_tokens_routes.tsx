/**
 * The personal API tokens page: any signed-in user manages their own tokens. A new token is
 * shown once, on the page answering the form.
 *
 * @module
 */

import { type Context, Hono } from "hono";
import { createApiToken, listApiTokens, revokeApiToken } from "../auth/api_tokens.ts";
import type { ServerContext } from "../context.ts";
import type { Notice } from "../../ui/components.tsx";
import { TokensPage } from "../../ui/pages/tokens.tsx";
import { readForm } from "./csrf.ts";
import type { AppEnv } from "./env.ts";
import { authOf, requireSignedIn } from "./guards.ts";
import { sendPage } from "./html.ts";
import { i18nOf } from "./i18n.ts";
import type { Messages } from "../../ui/i18n/messages.ts";

/** The notice a `?notice=` names, in the reader's language. */
function noticeOf(t: Messages, key: string | undefined): Notice | undefined {
  const text = t.tokens.notices[key ?? ""];
  return text ? { kind: key === "not-found" ? "error" : "success", text } : undefined;
}

/** The longest lifetime a token can be given, in days. */
const MAX_TOKEN_DAYS = 3650;

/** The `/tokens` routes. */
export function consoleTokensRoutes(ctx: ServerContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const guard = requireSignedIn(ctx);

  const page = async (
    c: Context<AppEnv>,
    extra: { notice?: Notice | null; created?: { name: string; token: string } } = {},
    status: 200 | 400 = 200,
  ) => {
    const { principal, session } = authOf(c);
    return sendPage(
      c,
      <TokensPage
        principal={principal}
        csrfToken={session?.csrfToken ?? ""}
        tokens={await listApiTokens(ctx.db, principal.userId)}
        notice={extra.notice}
        created={extra.created}
      />,
      status,
    );
  };

  app.get(
    "/tokens",
    guard,
    (c) => page(c, { notice: noticeOf(i18nOf(c).t, c.req.query("notice")) }),
  );

  app.post("/tokens", guard, async (c) => {
    const { principal } = authOf(c);
    const form = await readForm(c) ?? new URLSearchParams();
    const name = (form.get("name") ?? "").trim();
    const days = (form.get("days") ?? "").trim();
    const { t } = i18nOf(c);
    if (name === "") return page(c, { notice: { kind: "error", text: t.tokens.nameIt } }, 400);
    if (days !== "" && (!/^\d+$/.test(days) || Number(days) < 1 || Number(days) > MAX_TOKEN_DAYS)) {
      return page(c, {
        notice: { kind: "error", text: t.tokens.daysWhole(MAX_TOKEN_DAYS) },
      }, 400);
    }
    const now = ctx.now();
    const expires = days === "" ? null : new Date(now.getTime() + Number(days) * 86_400_000);
    const created = await ctx.writes.run((db) =>
      createApiToken(db, principal.userId, name, now, expires)
    );
    ctx.log.info("api token created", { user: principal.login, token: created.id });
    return page(c, { created: { name: created.name, token: created.token } });
  });

  app.post("/tokens/:id/revoke", guard, async (c) => {
    const { principal } = authOf(c);
    const id = c.req.param("id");
    const revoked = /^\d+$/.test(id) &&
      await ctx.writes.run((db) => revokeApiToken(db, Number(id), principal.userId));
    if (revoked) ctx.log.info("api token revoked", { user: principal.login, token: id });
    return c.redirect(`/tokens?notice=${revoked ? "revoked" : "not-found"}`, 303);
  });

  return app;
}
