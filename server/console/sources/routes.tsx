/**
 * The console's OCS sources (right "settings"): list and add (tested first, refused with the
 * one-line reason), one source with its last errors, test and sync now. The sync waits for the
 * run: the first one of a large OCS database is better run with `inventory sources sync`.
 *
 * @module
 */

import { type Context, Hono } from "hono";
import type { ServerContext } from "../../context.ts";
import { readForm } from "../../http/csrf.ts";
import type { AppEnv } from "../../http/env.ts";
import { authOf, requireRight } from "../../http/guards.ts";
import { seeOther, sendPage } from "../../http/html.ts";
import { csvDownload } from "../../http/csv_download.ts";
import { sendMessage } from "../../http/message_page.tsx";
import { SourceError } from "../../sources/ocs/connection.ts";
import { summary, syncSource } from "../../sources/ocs/sync.ts";
import { testNewSource, testSource } from "../../sources/service.ts";
import {
  addSource,
  findSource,
  listSources,
  sourceErrors,
  sourceView,
} from "../../sources/store.ts";
import type { Notice } from "../../../ui/components.tsx";
import { EMPTY_FORM, type SourceFormState, SourcePage, SourcesPage } from "./view.tsx";

/** The `/sources` console routes. */
export function consoleSourcesRoutes(ctx: ServerContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const guard = requireRight(ctx, "settings");

  const list = async (
    c: Context<AppEnv>,
    extra: { form?: SourceFormState; error?: string; notice?: Notice } = {},
  ) => {
    const { principal, session } = authOf(c);
    return sendPage(
      c,
      <SourcesPage
        principal={principal}
        csrfToken={session?.csrfToken ?? ""}
        notice={extra.notice ??
          (c.req.query("notice") === "removed"
            ? { kind: "success", text: "Source removed." }
            : null)}
        sources={await listSources(ctx.db)}
        form={extra.form ?? EMPTY_FORM}
        {...(extra.error ? { formError: extra.error } : {})}
      />,
      extra.error ? 400 : 200,
    );
  };

  app.get("/sources", guard, (c) => list(c));

  app.get("/sources.csv", guard, (c) =>
    csvDownload(c, ctx.now(), {
      name: "sources",
      header: (language) => language.t.settings.sourcesCsvHeaders,
      pages: async function* (language) {
        const k = language.t.settings;
        yield (await listSources(ctx.db)).map((s) => [
          s.name,
          s.url,
          s.enabled ? k.yes : k.no,
          String(s.counts.computers),
          language.dateTime(s.lastSyncAt),
          s.lastStatus ?? "",
          s.lastMessage ?? "",
          ...[
            s.counts.imported,
            s.counts.updated,
            s.counts.trashed,
            s.counts.merged,
            s.counts.refused,
            s.counts.errors,
          ].map(String),
        ]);
      },
    }));

  app.post("/sources", guard, async (c) => {
    const form = await readForm(c);
    const state: SourceFormState = {
      name: form?.get("name")?.trim() ?? "",
      url: form?.get("url")?.trim() ?? "",
      passwordEnv: form?.get("password_env")?.trim() ?? "",
      entity: form?.get("entity")?.trim() ?? "",
      tagLocation: form?.get("tag_location") === "yes",
    };
    const password = form?.get("password") ?? "";
    try {
      await testNewSource(
        state.url,
        state.passwordEnv ? { passwordEnv: state.passwordEnv } : { password },
      );
      const row = await addSource(ctx.db, ctx.config.dataDir, {
        name: state.name,
        kind: "ocs",
        url: state.url,
        ...(password && !state.passwordEnv ? { password } : {}),
        ...(state.passwordEnv ? { passwordEnv: state.passwordEnv } : {}),
        options: { entity: state.entity || null, tagLocation: state.tagLocation },
      }, ctx.now());
      ctx.log.info("source added", { source: row.name, by: authOf(c).principal.login });
      return seeOther(c, `/sources/${encodeURIComponent(row.name)}?notice=added`);
    } catch (error) {
      if (!(error instanceof SourceError)) throw error;
      return list(c, { form: state, error: error.message });
    }
  });

  const NOTICES: Record<string, Notice> = {
    added: { kind: "success", text: "Source added; it is synchronised every minute." },
  };

  const detail = async (
    c: Context<AppEnv>,
    notice?: Notice,
  ) => {
    const row = await findSource(ctx.db, c.req.param("name") ?? "");
    if (!row) {
      return sendMessage(c, 404, {
        title: "No such source",
        message: `There is no source "${c.req.param("name")}".`,
        link: { href: "/sources", label: "All sources" },
      });
    }
    const { principal, session } = authOf(c);
    const view = await sourceView(ctx.db, row);
    const entity = view.options.entityId === null
      ? null
      : (await ctx.db.selectFrom("entities").select("completename")
        .where("id", "=", view.options.entityId).executeTakeFirst())?.completename ?? null;
    return sendPage(
      c,
      <SourcePage
        principal={principal}
        csrfToken={session?.csrfToken ?? ""}
        notice={notice ?? NOTICES[c.req.query("notice") ?? ""] ?? null}
        source={view}
        entityName={entity}
        errors={await sourceErrors(ctx.db, row.id, 50)}
      />,
    );
  };

  app.get("/sources/:name", guard, (c) => detail(c));

  app.post("/sources/:name/test", guard, async (c) => {
    const row = await findSource(ctx.db, c.req.param("name"));
    if (!row) return detail(c);
    try {
      const check = await testSource(ctx, row);
      return detail(c, {
        kind: "success",
        text: `OK: OCS schema ${check.version}, ${check.computers} computers, TRACE_DELETED on.`,
      });
    } catch (error) {
      if (!(error instanceof SourceError)) throw error;
      return detail(c, { kind: "error", text: error.message });
    }
  });

  app.post("/sources/:name/sync", guard, async (c) => {
    const row = await findSource(ctx.db, c.req.param("name"));
    if (!row) return detail(c);
    try {
      const result = await syncSource(ctx, row);
      return detail(c, { kind: "success", text: `Synchronised: ${summary(result)}.` });
    } catch (error) {
      if (!(error instanceof SourceError)) throw error;
      return detail(c, { kind: "error", text: error.message });
    }
  });

  return app;
}
