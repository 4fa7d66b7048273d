/**
 * The settings page: agent communication and registry options.
 *
 * @module
 */

import { Hono } from "hono";
import type { ServerContext } from "../context.ts";
import type { AppEnv } from "./env.ts";

/** The settings page: agent communication and registry options. */
export function consoleSettingsRoutes(_ctx: ServerContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  return app;
}
