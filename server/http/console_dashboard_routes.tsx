/**
 * The dashboard (the console's home page): figures of the computers the principal may see.
 * Counts are read live (indexed passes, tens of milliseconds at 100,000 computers); the software
 * charts (top, and outside the base OS) are cached a minute per entity scope (dashboard_cache.ts).
 *
 * @module
 */

import { Hono } from "hono";
import { entityIdsVisibleTo } from "../auth/entity_scope.ts";
import { can } from "../auth/rights.ts";
import type { ServerContext } from "../context.ts";
import { deviceFigures, fleetFigures, taskHealth } from "../registry/dashboard.ts";
import { type SoftwareCharts, softwareCharts } from "../registry/dashboard_software.ts";
import { AggregateCache, scopeKey } from "../registry/dashboard_cache.ts";
import { loadSettings } from "../registry/settings.ts";
import type { Notice } from "../../ui/components.tsx";
import { DashboardPage } from "../../ui/pages/dashboard.tsx";
import type { AppEnv } from "./env.ts";
import { messageOf } from "./errors.ts";
import { authOf, requireRight } from "./guards.ts";
import { sendPage } from "./html.ts";
import { i18nOf } from "./i18n.ts";
import type { Messages } from "../../ui/i18n/messages.ts";

const DASHBOARD_NOTICES: Record<string, (t: Messages) => Notice> = {
  "password-changed": (t) => ({ kind: "success", text: t.auth.passwordChanged }),
};

/** "Not seen for N days" when the registry has no stale threshold (staleDays 0). */
export const DEFAULT_NOT_SEEN_DAYS = 30;
/** How long a software top is served before it is recounted. */
const SOFTWARE_TTL_MS = 60_000;
/** Below this many computers in scope the page always waits for the count (it is quick). */
const ALWAYS_WAIT_BELOW = 20_000;
/** Above it, the page waits this long, then shows the count as under way. */
const SOFTWARE_WAIT_MS = 200;

/** The dashboard route, `/`. */
export function consoleDashboardRoutes(
  ctx: ServerContext,
  options: { warmCaches?: boolean } = {},
): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const softwareCache = new AggregateCache<SoftwareCharts>({
    ttlMs: SOFTWARE_TTL_MS,
    maxEntries: 64,
    now: ctx.now,
    onError: (key, error) =>
      ctx.log.error("dashboard software count failed", { scope: key, reason: messageOf(error) }),
  });

  if (options.warmCaches) {
    // The whole fleet's software top, counted in the background (in slices) right after a start.
    void softwareCache.read(scopeKey("all"), () => softwareCharts(ctx.db, "all"), 0);
  }

  app.get("/", requireRight(ctx, "read"), async (c) => {
    const { principal, session } = authOf(c);
    const scope = await entityIdsVisibleTo(ctx.db, principal);
    const settings = await loadSettings(ctx.db);
    const staleDays = settings.staleDays > 0 ? settings.staleDays : DEFAULT_NOT_SEEN_DAYS;
    const fleet = await fleetFigures(ctx.db, scope, ctx.now(), staleDays);
    const devices = await deviceFigures(ctx.db, scope);
    const installed = fleet.computers + fleet.trashed;
    const software = await softwareCache.read(
      scopeKey(scope),
      () => softwareCharts(ctx.db, scope),
      installed < ALWAYS_WAIT_BELOW ? Infinity : SOFTWARE_WAIT_MS,
    );
    const tasks = can(principal, "tasks") ? await taskHealth(ctx.db) : null;
    return sendPage(
      c,
      <DashboardPage
        principal={principal}
        csrfToken={session?.csrfToken ?? ""}
        notice={DASHBOARD_NOTICES[c.req.query("notice") ?? ""]?.(i18nOf(c).t)}
        data={{ fleet, devices, software, tasks, scoped: scope !== "all" }}
      />,
    );
  });
  return app;
}
