/**
 * The devices inbox: not imported and pending devices, their traces, and offline upload.
 *
 * @module
 */

import { Hono } from "hono";
import type { ServerContext } from "../context.ts";
import type { AppEnv } from "./env.ts";

/** The devices inbox: not imported and pending devices, their traces, and offline upload. */
export function consoleDevicesRoutes(_ctx: ServerContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  return app;
}
