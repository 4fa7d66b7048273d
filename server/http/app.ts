/**
 * The HTTP application: the OCS endpoint, the API, the console, and a small health check.
 *
 * @module
 */

import { Hono } from "hono";
import type { ServerContext } from "../context.ts";
import { apiError, apiRoutes } from "./api_routes.ts";
import { consoleNotFound, consoleRoutes } from "./console_routes.tsx";
import type { AppEnv } from "./env.ts";
import { messageOf } from "./errors.ts";
import { ocsRoutes } from "./ocs_route.ts";

/** Builds the app for `ctx`; serve it with `app.fetch(request, { ip })`. */
export function createApp(ctx: ServerContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.route("/", ocsRoutes(ctx));
  app.route("/api/v1", apiRoutes(ctx));
  app.get("/healthz", (c) => c.json({ ok: true }));
  app.route("/", consoleRoutes(ctx));
  app.notFound((c) =>
    c.req.path.startsWith("/api/") ? apiError(404, "No such API route") : consoleNotFound()
  );
  app.onError((error, c) => {
    ctx.log.error("unhandled", { path: c.req.path, reason: messageOf(error) });
    return c.req.path.startsWith("/api/")
      ? apiError(500, "Internal error")
      : c.text("Internal error\n", 500);
  });
  return app;
}
