/**
 * The rules: every collection, the editor, the test with its trace, export and import.
 *
 * @module
 */

import { Hono } from "hono";
import type { ServerContext } from "../context.ts";
import type { AppEnv } from "./env.ts";

/** The rules: every collection, the editor, the test with its trace, export and import. */
export function consoleRulesRoutes(_ctx: ServerContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  return app;
}
