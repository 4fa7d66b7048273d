/**
 * For the console's end-to-end tests: `inventory serve` as a child process on a fresh data
 * directory, the test's own context on the same database (to seed users and read what the server
 * stored), a real Chromium, and agents posting to the server as they would. Everything is closed
 * and removed afterwards, whatever the test did.
 *
 * @module
 */

import type { Browser } from "playwright-core";
import { encodeBody } from "../../protocol/mod.ts";
import { defaultConfig } from "../../server/config.ts";
import type { ServerContext } from "../../server/context.ts";
import { createLogger } from "../../server/log.ts";
import { closeContext, openContext } from "../../server/serve.ts";
import { launchBrowser } from "./browser.ts";
import { type ServeProcess, spawnServe } from "./serve_process.ts";

/** The user agent the OCS route expects from a Unix agent. */
export const AGENT_USER_AGENT = "OCS-NG_unified_unix_agent_v2.10.0";

/** What an end-to-end console test gets. */
export interface ServedConsole {
  dataDir: string;
  server: ServeProcess;
  /** The server's base URL. */
  url: string;
  /** A context on the server's database, in this process. */
  ctx: ServerContext;
  browser: Browser;
}

/**
 * Runs `fn` against a served console. `prepare` runs on the fresh database before the server
 * starts (with a user already there, the server makes no first admin).
 */
export async function withServedConsole(
  name: string,
  fn: (world: ServedConsole) => Promise<void>,
  prepare?: (ctx: ServerContext, dataDir: string) => Promise<void>,
): Promise<void> {
  const dataDir = await Deno.makeTempDir({ prefix: `inventory-${name}-` });
  const ctx = await openContext(defaultConfig(dataDir), {
    log: createLogger({ write: () => {} }),
  });
  let server: ServeProcess | undefined;
  let browser: Browser | undefined;
  try {
    await prepare?.(ctx, dataDir);
    server = await spawnServe(dataDir);
    browser = await launchBrowser();
    await fn({ dataDir, server, url: server.url, ctx, browser });
  } finally {
    await browser?.close();
    await closeContext(ctx);
    await server?.stop();
    await Deno.remove(dataDir, { recursive: true }).catch(() => {});
  }
}

/** Posts an agent request (`xml`, zlib-compressed as agents send it) to the OCS route. */
export async function agentPost(url: string, xml: string): Promise<Response> {
  return await fetch(`${url}/ocsinventory`, {
    method: "POST",
    headers: { "content-type": "application/x-compress", "user-agent": AGENT_USER_AGENT },
    body: encodeBody(xml, "zlib"),
  });
}

/**
 * Waits (up to `timeoutMs`) until the served process has imported the device `deviceid` (the
 * registry synchronisation follows ingestion); resolves to its computer's id.
 */
export async function waitForComputer(
  { ctx, server }: Pick<ServedConsole, "ctx" | "server">,
  deviceid: string,
  timeoutMs = 30_000,
): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const link = await ctx.db.selectFrom("computer_links").select("computer_id")
      .where("deviceid", "=", deviceid).executeTakeFirst();
    if (link) return link.computer_id;
    if (Date.now() > deadline) throw new Error(`${deviceid} not imported:\n${server.log()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
