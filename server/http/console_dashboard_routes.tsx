/**
 * The dashboard (the console's home page).
 *
 * @module
 */

import { Hono } from "hono";
import type { ServerContext } from "../context.ts";
import type { Notice } from "../../ui/components.tsx";
import { DashboardPage } from "../../ui/pages/dashboard.tsx";
import type { AppEnv } from "./env.ts";
import { authOf, requireRight } from "./guards.ts";
import { sendPage } from "./html.ts";

const DASHBOARD_NOTICES: Record<string, Notice> = {
  "password-changed": { kind: "success", text: "Your password is changed." },
};

/** The dashboard route, `/`. */
export function consoleDashboardRoutes(ctx: ServerContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
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
  return app;
}
