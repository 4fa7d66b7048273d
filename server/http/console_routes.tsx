/**
 * The console: its stylesheet, the dashboard, sign-in and password, users, API tokens. Later
 * pages mount here too, each route behind a guard (guards.ts).
 *
 * @module
 */

import { Hono } from "hono";
import type { ServerContext } from "../context.ts";
import type { Notice } from "../../ui/components.tsx";
import { DashboardPage } from "../../ui/pages/dashboard.tsx";
import { MessagePage } from "../../ui/pages/message.tsx";
import { renderDocument } from "../../ui/render.ts";
import { CONSOLE_CSS } from "../../ui/styles.ts";
import { consoleAuthRoutes } from "./console_auth_routes.tsx";
import { consoleTokensRoutes } from "./console_tokens_routes.tsx";
import { consoleUsersRoutes } from "./console_users_routes.tsx";
import type { AppEnv } from "./env.ts";
import { authOf, requireRight } from "./guards.ts";
import { PAGE_HEADERS, sendPage } from "./html.ts";

const DASHBOARD_NOTICES: Record<string, Notice> = {
  "password-changed": { kind: "success", text: "Your password is changed." },
};

/** The console routes, mounted at `/`. */
export function consoleRoutes(ctx: ServerContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get("/assets/console.css", (c) =>
    c.body(CONSOLE_CSS, 200, {
      "content-type": "text/css; charset=utf-8",
      "cache-control": "public, max-age=3600",
      "x-content-type-options": "nosniff",
    }));

  app.get("/", requireRight(ctx, "read"), (c) => {
    const { principal, session } = authOf(c);
    return sendPage(
      c,
      <DashboardPage
        principal={principal}
        csrfToken={session?.csrfToken ?? ""}
        notice={DASHBOARD_NOTICES[c.req.query("notice") ?? ""]}
      />,
    );
  });

  app.route("/", consoleAuthRoutes(ctx));
  app.route("/", consoleUsersRoutes(ctx));
  app.route("/", consoleTokensRoutes(ctx));
  return app;
}

/** The console's 404 page (no principal lookup: a missing page reveals nothing). */
export function consoleNotFound(): Response {
  const page = (
    <MessagePage
      title="Page not found"
      message="There is no page at this address."
      principal={null}
      link={{ href: "/", label: "Go to the dashboard" }}
    />
  );
  return new Response(renderDocument(page), {
    status: 404,
    headers: { ...PAGE_HEADERS, "content-type": "text/html; charset=utf-8" },
  });
}
