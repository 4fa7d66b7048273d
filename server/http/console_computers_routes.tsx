/**
 * The computers list, its CSV export and bulk actions, and the trash.
 *
 * @module
 */

import { Hono } from "hono";
import type { ServerContext } from "../context.ts";
import type { AppEnv } from "./env.ts";

/** The computers list, its CSV export and bulk actions, and the trash. */
export function consoleComputersRoutes(_ctx: ServerContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  return app;
}
