/**
 * What the CLI, the API and the console do with sources, in one place: test a source (connect,
 * schema, TRACE_DELETED) and record what the test found.
 *
 * @module
 */

import type { ServerContext } from "../context.ts";
import { checkOcs, type OcsCheck } from "./ocs/check.ts";
import { connectOcs, type OcsTarget, parseOcsUrl, SourceError } from "./ocs/connection.ts";
import { type SourceRow, sourceTarget } from "./store.ts";

/** Connects to `target` and checks it; throws a SourceError naming the fix. */
export async function testTarget(target: OcsTarget): Promise<OcsCheck> {
  const conn = await connectOcs(target);
  try {
    return await checkOcs(conn, target.database);
  } finally {
    await conn.close();
  }
}

/**
 * Tests a source before it is stored: the URL with its password, a typed password, or the
 * environment variable named (which must be set in this process).
 */
export async function testNewSource(
  url: string,
  secret: { password?: string; passwordEnv?: string },
): Promise<OcsCheck> {
  const parsed = parseOcsUrl(url);
  const password = secret.passwordEnv
    ? Deno.env.get(secret.passwordEnv)
    : secret.password || parsed.password;
  if (secret.passwordEnv && password === undefined) {
    throw new SourceError(`$${secret.passwordEnv} is not set: export it where the server runs`);
  }
  return await testTarget({ ...parsed.target, password: password ?? "" });
}

/** Tests a stored source and records the outcome on it; rethrows the failure. */
export async function testSource(ctx: ServerContext, row: SourceRow): Promise<OcsCheck> {
  try {
    const check = await testTarget(sourceTarget(row, ctx.config.dataDir));
    await ctx.writes.run((db) =>
      db.updateTable("sources").set({ ocs_version: check.version }).where("id", "=", row.id)
        .execute()
    );
    return check;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await ctx.writes.run((db) =>
      db.updateTable("sources").set({ last_status: "error", last_message: message })
        .where("id", "=", row.id).execute()
    ).catch(() => {});
    throw error;
  }
}
