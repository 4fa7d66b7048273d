/**
 * The HTTP application: the OCS endpoint, the API, the console, and a small health check.
 *
 * @module
 */

import { Hono, type MiddlewareHandler } from "hono";
import type { ServerContext } from "../context.ts";
import { apiError, apiRoutes } from "./api_routes.ts";
import { consoleNotFound, consoleRoutes } from "./console_routes.tsx";
import { FormTooLargeError } from "./csrf.ts";
import type { AppEnv } from "./env.ts";
import { messageOf } from "./errors.ts";
import { ocsRoutes } from "./ocs_route.ts";

/** Options of {@linkcode createApp}. */
export interface AppOptions {
  /**
   * Start the slow dashboard aggregates at once, so the first visitor after a start finds them
   * counted (`inventory serve`; tests leave it off: nothing runs behind their back).
   */
  warmCaches?: boolean;
}

/** Builds the app for `ctx`; serve it with `app.fetch(request, { ip })`. */
export function createApp(ctx: ServerContext, options: AppOptions = {}): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use(serverTiming);
  app.route("/", ocsRoutes(ctx));
  app.route("/api/v1", apiRoutes(ctx));
  app.get("/healthz", (c) => c.json({ ok: true }));
  app.route("/", consoleRoutes(ctx, options));
  app.notFound((c) =>
    c.req.path.startsWith("/api/") ? apiError(404, "No such API route") : consoleNotFound(c)
  );
  app.onError((error, c) => {
    // A handler reading its form itself (a bearer-token request skips the CSRF read).
    if (error instanceof FormTooLargeError) {
      return c.req.path.startsWith("/api/")
        ? apiError(413, error.message)
        : c.text(`${error.message}\n`, 413);
    }
    ctx.log.error("unhandled", { path: c.req.path, reason: messageOf(error) });
    return c.req.path.startsWith("/api/")
      ? apiError(500, "Internal error")
      : c.text("Internal error\n", 500);
  });
  return app;
}

/**
 * `Server-Timing: app;dur=…`: the time the app spent on a request (routing, queries, rendering),
 * so benchmarks and browsers' developer tools can tell server time from the network.
 */
const serverTiming: MiddlewareHandler<AppEnv> = async (c, next) => {
  const started = performance.now();
  await next();
  const ms = (performance.now() - started).toFixed(1);
  try {
    c.res.headers.append("server-timing", `app;dur=${ms}`);
  } catch {
    // A response with immutable headers (none of ours today) goes out without the figure.
  }
};
