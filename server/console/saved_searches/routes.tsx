/**
 * `/searches`: save the computers list's current search, open a saved one (a redirect to the
 * list with its query), delete one's own.
 *
 * @module
 */

import { Hono } from "hono";
import { deleteSavedSearch, findSavedSearch, saveSearch } from "../../auth/saved_searches.ts";
import type { ServerContext } from "../../context.ts";
import { FILTER_PARAMS } from "../../http/computers_filter.ts";
import { readForm } from "../../http/csrf.ts";
import type { AppEnv } from "../../http/env.ts";
import { authOf, requireRight } from "../../http/guards.ts";
import { seeOther } from "../../http/html.ts";
import { i18nOf } from "../../http/i18n.ts";
import { sendMessage } from "../../http/message_page.tsx";
import { checkSavedSearch } from "./form.ts";

/** What a saved search keeps: the computers list's filter, sort, columns and page size. */
const LIST_PARAMS: ReadonlySet<string> = new Set([...FILTER_PARAMS, "cols", "per_page"]);

/** The saved searches routes. */
export function savedSearchesRoutes(ctx: ServerContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const guard = requireRight(ctx, "read");
  const notFound = (c: Parameters<typeof sendMessage>[0]) => {
    const { t } = i18nOf(c);
    return sendMessage(c, 404, {
      title: t.savedSearches.notFound,
      message: t.savedSearches.noSuchSearch,
      link: { href: "/computers", label: t.computersList.backToList },
    });
  };

  app.post("/searches", guard, async (c) => {
    const { principal } = authOf(c);
    const form = await readForm(c) ?? new URLSearchParams();
    const checked = checkSavedSearch(form, LIST_PARAMS, i18nOf(c).t);
    if (!checked.ok) {
      return sendMessage(c, 400, {
        title: i18nOf(c).t.savedSearches.notSaved,
        message: checked.error,
        link: { href: "/computers", label: i18nOf(c).t.computersList.backToList },
      });
    }
    await ctx.writes.run((db) =>
      saveSearch(db, { userId: principal.userId, ...checked }, ctx.now())
    );
    const back = checked.query ? `${checked.query}&` : "";
    return seeOther(c, `/computers?${back}notice=search-saved`);
  });

  app.get("/searches/:id{[0-9]+}", guard, async (c) => {
    const { principal } = authOf(c);
    const search = await findSavedSearch(ctx.db, principal.userId, Number(c.req.param("id")));
    if (!search) return notFound(c);
    return c.redirect(search.query ? `/computers?${search.query}` : "/computers", 303);
  });

  app.post("/searches/:id{[0-9]+}/delete", guard, async (c) => {
    const { principal } = authOf(c);
    const deleted = await ctx.writes.run((db) =>
      deleteSavedSearch(db, principal.userId, Number(c.req.param("id")))
    );
    if (!deleted) return notFound(c);
    return seeOther(c, "/computers?notice=search-deleted");
  });

  return app;
}
