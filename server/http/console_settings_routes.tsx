/**
 * The settings page (right "settings"): agent communication, applied live to the next agent
 * request (runtime_settings.ts), and the registry options (registry/settings.ts). A refused form
 * answers 400 with what was typed and a message per input.
 *
 * @module
 */

import { type Context, Hono } from "hono";
import type { ServerContext } from "../context.ts";
import { loadSettings, saveSetting } from "../registry/settings.ts";
import {
  type AgentField,
  AgentSettingError,
  agentSettings,
  agentSources,
  pinnedBy,
  resetAgentSettings,
  saveAgentSettings,
} from "../runtime_settings.ts";
import type { Notice } from "../../ui/components.tsx";
import { SettingsPage, type SettingsPageProps } from "../../ui/pages/settings.tsx";
import { readForm } from "./csrf.ts";
import type { AppEnv } from "./env.ts";
import { authOf, requireRight } from "./guards.ts";
import { seeOther, sendPage } from "./html.ts";
import { i18nOf } from "./i18n.ts";
import type { Messages } from "../../ui/i18n/messages.ts";
import {
  agentFormFrom,
  agentFormState,
  type FieldErrors,
  readAgentForm,
  readRegistryForm,
  registryFormFrom,
  registryFormState,
} from "./settings_form.ts";
import { listSharedMacs, MacError, markMacGeneric } from "../registry/shared_macs.ts";

/** The notice a `?notice=` names, in the reader's language. */
function noticeOf(t: Messages, key: string | undefined): Notice | undefined {
  const text = t.settings.notices[key ?? ""];
  return text ? { kind: key === "unchanged" ? "info" : "success", text } : undefined;
}

/** The `/settings` routes. */
export function consoleSettingsRoutes(ctx: ServerContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const guard = requireRight(ctx, "settings");

  const page = async (
    c: Context<AppEnv>,
    overrides: {
      agent?: Pick<SettingsPageProps["agent"], "state" | "errors">;
      registry?: Pick<SettingsPageProps["registry"], "state" | "errors">;
      notice?: Notice | null;
      status?: 200 | 400;
    } = {},
  ) => {
    const { principal, session } = authOf(c);
    const live = agentSettings(ctx);
    const states = await ctx.db.selectFrom("states").select("name").orderBy("name").execute();
    return sendPage(
      c,
      <SettingsPage
        principal={principal}
        csrfToken={session?.csrfToken ?? ""}
        notice={overrides.notice}
        agent={{
          state: agentFormState(live),
          errors: {},
          ...overrides.agent,
          sources: agentSources(ctx),
          authOn: live.credentials !== null,
        }}
        sharedMacs={await listSharedMacs(ctx.db, { limit: 50, offset: 0 })}
        registry={{
          state: registryFormState(await loadSettings(ctx.db)),
          errors: {},
          ...overrides.registry,
          states: states.map((s) => s.name),
        }}
      />,
      overrides.status ?? 200,
    );
  };

  app.get(
    "/settings",
    guard,
    (c) => page(c, { notice: noticeOf(i18nOf(c).t, c.req.query("notice")) }),
  );

  app.post("/settings/agents", guard, async (c) => {
    const form = await readForm(c) ?? new URLSearchParams();
    const state = agentFormFrom(form);
    const pinned = (field: AgentField) => pinnedBy(ctx.config, field) !== null;
    const { changes, errors } = readAgentForm(
      state,
      form.get("password") ?? "",
      agentSettings(ctx),
      ctx.config,
      pinned,
    );
    const refuse = (refused: FieldErrors<AgentField>) =>
      page(c, { agent: { state, errors: refused }, status: 400 });
    if (Object.keys(errors).length > 0) return refuse(errors);
    if (Object.keys(changes).length === 0) return seeOther(c, "/settings?notice=unchanged");
    try {
      await ctx.writes.run((db) => saveAgentSettings(db, ctx.config, changes));
    } catch (error) {
      if (!(error instanceof AgentSettingError)) throw error;
      return refuse({ [error.field]: error.message });
    }
    ctx.log.info("agent settings changed", {
      by: authOf(c).principal.login,
      // Which settings, never the password.
      fields: Object.keys(changes).join(","),
    });
    return seeOther(c, "/settings?notice=agents");
  });

  app.post("/settings/agents/reset", guard, async (c) => {
    const sources = agentSources(ctx);
    const fields = (Object.keys(sources) as AgentField[]).filter((f) =>
      sources[f].from === "console"
    );
    await ctx.writes.run((db) => resetAgentSettings(db, fields));
    ctx.log.info("agent settings reset", {
      by: authOf(c).principal.login,
      fields: fields.join(","),
    });
    return seeOther(c, "/settings?notice=reset");
  });

  app.post("/settings/registry", guard, async (c) => {
    const form = await readForm(c) ?? new URLSearchParams();
    const state = registryFormFrom(form);
    const { changes, errors } = readRegistryForm(state, await loadSettings(ctx.db));
    if (Object.keys(errors).length > 0) {
      return page(c, { registry: { state, errors }, status: 400 });
    }
    const keys = Object.keys(changes) as (keyof typeof changes)[];
    if (keys.length === 0) return seeOther(c, "/settings?notice=unchanged");
    // One transaction: the options change together or not at all.
    await ctx.writes.run(async (db) => {
      for (const key of keys) await saveSetting(db, key, changes[key]);
    });
    ctx.log.info("registry settings changed", {
      by: authOf(c).principal.login,
      fields: keys.join(","),
    });
    return seeOther(c, "/settings?notice=registry");
  });

  app.post("/settings/shared-macs/generic", guard, async (c) => {
    const form = await readForm(c) ?? new URLSearchParams();
    const mac = form.get("mac") ?? "";
    try {
      await ctx.writes.run((db) => markMacGeneric(db, mac));
    } catch (error) {
      if (!(error instanceof MacError)) throw error;
      return page(c, { notice: { kind: "error", text: error.message }, status: 400 });
    }
    ctx.log.info("MAC moved to the generic MACs", { by: authOf(c).principal.login, mac });
    return seeOther(c, "/settings?notice=generic-mac");
  });

  return app;
}
