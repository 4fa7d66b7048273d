/**
 * The software catalogue: search, versions, and the computers that have it.
 *
 * @module
 */

import { Hono } from "hono";
import type { ServerContext } from "../context.ts";
import type { AppEnv } from "./env.ts";

/** The software catalogue: search, versions, and the computers that have it. */
export function consoleSoftwareRoutes(_ctx: ServerContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  return app;
}
