/**
 * Automatic actions: state, runs, logs, run now, settings.
 *
 * @module
 */

import { Hono } from "hono";
import type { ServerContext } from "../context.ts";
import type { AppEnv } from "./env.ts";

/** Automatic actions: state, runs, logs, run now, settings. */
export function consoleTasksRoutes(_ctx: ServerContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  return app;
}
