/**
 * The console: its stylesheet and every area's routes, each route behind a guard (guards.ts).
 *
 * @module
 */

import { type Context, Hono } from "hono";
import type { ServerContext } from "../context.ts";
import { MessagePage } from "../../ui/pages/message.tsx";
import { renderDocument } from "../../ui/render.ts";
import { CONSOLE_CSS } from "../../ui/styles.ts";
import { consoleAuthRoutes } from "./console_auth_routes.tsx";
import { consoleComputerRoutes } from "./console_computer_routes.tsx";
import { consoleComputersRoutes } from "./console_computers_routes.tsx";
import { consoleDashboardRoutes } from "./console_dashboard_routes.tsx";
import { consoleDevicesRoutes } from "./console_devices_routes.tsx";
import { devicePagesRoutes } from "../console/devices/routes.tsx";
import { consoleRulesRoutes } from "./console_rules_routes.tsx";
import { consoleSettingsRoutes } from "./console_settings_routes.tsx";
import { consoleSoftwareRoutes } from "./console_software_routes.tsx";
import { consoleTasksRoutes } from "./console_tasks_routes.tsx";
import { consoleSourcesRoutes } from "../console/sources/routes.tsx";
import { consoleTokensRoutes } from "./console_tokens_routes.tsx";
import { consoleUsersRoutes } from "./console_users_routes.tsx";
import { eventsRoutes } from "../console/events/routes.tsx";
import { historyRoutes } from "../console/history/routes.tsx";
import { preferencesRoutes } from "../console/preferences/routes.tsx";
import { savedSearchesRoutes } from "../console/saved_searches/routes.tsx";
import { treesRoutes } from "../console/trees/routes.tsx";
import type { AppOptions } from "./app.ts";
import type { AppEnv } from "./env.ts";
import { PAGE_HEADERS } from "./html.ts";
import { i18nOf } from "./i18n.ts";

/** The console routes, mounted at `/`. */
export function consoleRoutes(ctx: ServerContext, options: AppOptions = {}): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get("/assets/console.css", (c) =>
    c.body(CONSOLE_CSS, 200, {
      "content-type": "text/css; charset=utf-8",
      "cache-control": "public, max-age=3600",
      "x-content-type-options": "nosniff",
    }));

  // Each area in its own file; a computer's page takes numeric ids only (/computers/:id{[0-9]+}),
  // so it never shadows /computers.csv or /computers/bulk.
  app.route("/", consoleDashboardRoutes(ctx, options));
  app.route("/", consoleComputersRoutes(ctx));
  app.route("/", consoleComputerRoutes(ctx));
  app.route("/", consoleDevicesRoutes(ctx));
  app.route("/", devicePagesRoutes(ctx));
  app.route("/", consoleSoftwareRoutes(ctx));
  app.route("/", consoleRulesRoutes(ctx));
  app.route("/", consoleTasksRoutes(ctx));
  app.route("/", consoleSourcesRoutes(ctx));
  app.route("/", consoleSettingsRoutes(ctx));
  app.route("/", consoleAuthRoutes(ctx));
  app.route("/", consoleUsersRoutes(ctx));
  app.route("/", consoleTokensRoutes(ctx));
  app.route("/", preferencesRoutes(ctx));
  app.route("/", eventsRoutes(ctx));
  app.route("/", historyRoutes(ctx));
  app.route("/", savedSearchesRoutes(ctx));
  app.route("/", treesRoutes(ctx));
  return app;
}

/** The console's 404 page (no principal lookup: a missing page reveals nothing). */
export function consoleNotFound(c: Context<AppEnv>): Response {
  const language = i18nOf(c);
  const { t } = language;
  const page = (
    <MessagePage
      title={t.common.notFoundTitle}
      message={t.common.notFoundMessage}
      principal={null}
      link={{ href: "/", label: t.common.goToDashboard }}
    />
  );
  return new Response(renderDocument(page, language), {
    status: 404,
    headers: {
      ...PAGE_HEADERS,
      "content-type": "text/html; charset=utf-8",
      "content-language": language.locale,
    },
  });
}
