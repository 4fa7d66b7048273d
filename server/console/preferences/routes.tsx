/**
 * `/preferences`: the signed-in user's language, time zone and CSV separator.
 *
 * @module
 */

import { Hono } from "hono";
import { setPreferences } from "../../auth/users.ts";
import type { ServerContext } from "../../context.ts";
import { readForm } from "../../http/csrf.ts";
import type { AppEnv } from "../../http/env.ts";
import { authOf, requireSignedIn } from "../../http/guards.ts";
import { seeOther, sendPage } from "../../http/html.ts";
import { i18nOf } from "../../http/i18n.ts";
import { checkPreferences, formOfPreferences } from "./form.ts";
import { PreferencesPage } from "./view.tsx";

/** The preferences routes. */
export function preferencesRoutes(ctx: ServerContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const guard = requireSignedIn(ctx);

  app.get("/preferences", guard, (c) => {
    const { principal, session } = authOf(c);
    const saved = c.req.query("notice") === "saved";
    return sendPage(
      c,
      <PreferencesPage
        principal={principal}
        csrfToken={session?.csrfToken ?? ""}
        form={formOfPreferences(principal.preferences)}
        notice={saved ? { kind: "success", text: i18nOf(c).t.preferences.saved } : null}
      />,
    );
  });

  app.post("/preferences", guard, async (c) => {
    const { principal, session } = authOf(c);
    const posted = await readForm(c) ?? new URLSearchParams();
    const form = {
      locale: posted.get("locale") ?? "",
      timeZone: posted.get("time_zone") ?? "",
      csvSeparator: posted.get("csv_separator") ?? "auto",
    };
    const checked = checkPreferences(form, i18nOf(c).t);
    if (!checked.ok) {
      return sendPage(
        c,
        <PreferencesPage
          principal={principal}
          csrfToken={session?.csrfToken ?? ""}
          form={form}
          notice={{ kind: "error", text: checked.error }}
        />,
        400,
      );
    }
    await ctx.writes.run((db) => setPreferences(db, principal.userId, checked.preferences));
    ctx.log.info("preferences changed", { user: principal.login });
    return seeOther(c, "/preferences?notice=saved");
  });

  return app;
}
