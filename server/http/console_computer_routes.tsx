/**
 * One computer's page: everything it is made of, its edit form and locks.
 *
 * @module
 */

import { Hono } from "hono";
import type { ServerContext } from "../context.ts";
import type { AppEnv } from "./env.ts";

/** One computer's page: everything it is made of, its edit form and locks. */
export function consoleComputerRoutes(_ctx: ServerContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  return app;
}
