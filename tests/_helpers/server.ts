/**
 * Starting a real server (HTTP on a random loopback port) on a temporary data directory, with a
 * logger that keeps its lines for assertions.
 *
 * @module
 */

import type { ServerConfig } from "../../server/config.ts";
import { defaultConfig } from "../../server/config.ts";
import { createLogger, type Logger } from "../../server/log.ts";
import { type RunningServer, startServer } from "../../server/serve.ts";
import { createTestUser, withToken } from "./auth.ts";

/** A server started for a test. */
export interface TestServer {
  server: RunningServer;
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  url: string;
  log: Logger;
  dataDir: string;
  config: ServerConfig;
  /** An admin API token (user "test-admin-…", no password): `/api/v1` needs one. */
  token: string;
  /** `init` with the admin token's `Authorization` header added. */
  authorized(init?: RequestInit): RequestInit;
  /** Stops the server and removes the data directory (unless `keepData`). */
  stop(options?: { keepData?: boolean }): Promise<void>;
}

/** Starts a server on a fresh temporary data directory (or `dataDir`), port 0 on 127.0.0.1. */
export async function startTestServer(
  overrides: Partial<ServerConfig> = {},
  options: { dataDir?: string; now?: () => Date } = {},
): Promise<TestServer> {
  const dataDir = options.dataDir ?? await Deno.makeTempDir({ prefix: "inventory-test-" });
  const log = createLogger({ keep: 500, write: () => {} });
  const config = defaultConfig(dataDir, {
    hostname: "127.0.0.1",
    port: 0,
    decodeWorkers: 2,
    ...overrides,
  });
  const server = await startServer(config, { log, ...(options.now ? { now: options.now } : {}) });
  // A fresh login each start: restarts on the same data directory must not collide.
  const admin = `test-admin-${crypto.randomUUID().slice(0, 8)}`;
  const { token } = await createTestUser(server.ctx, admin, "admin");
  let stopped = false;
  return {
    server,
    url: server.url,
    log,
    dataDir,
    config,
    token,
    authorized: (init) => withToken(token, init),
    async stop({ keepData = false } = {}) {
      if (stopped) return;
      stopped = true;
      await server.close();
      if (!keepData) await Deno.remove(dataDir, { recursive: true }).catch(() => {});
    },
  };
}

/** One HTTP exchange seen by a {@link RecordingProxy}: the bytes both ways, as on the wire. */
export interface RecordedExchange {
  method: string;
  path: string;
  userAgent: string;
  requestBody: Uint8Array;
  /** The request's and the reply's Content-Type ("" when absent). */
  requestType: string;
  replyType: string;
  status: number;
  replyBody: Uint8Array;
}

/** A transparent HTTP forwarder that keeps every exchange, to see exactly what a real agent sent. */
export interface RecordingProxy {
  /** Base URL to give the agent, e.g. `http://127.0.0.1:41235`. */
  url: string;
  exchanges: RecordedExchange[];
  close(): Promise<void>;
}

/**
 * Starts a recording proxy on a random loopback port forwarding to `target` (a base URL). Bodies
 * pass byte for byte; only the headers an OCS exchange uses are forwarded.
 */
export function startRecordingProxy(target: string): RecordingProxy {
  const exchanges: RecordedExchange[] = [];
  const pick = (headers: Headers, names: string[]) => {
    const out = new Headers();
    for (const name of names) {
      const value = headers.get(name);
      if (value !== null) out.set(name, value);
    }
    return out;
  };
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (req) => {
    const { pathname, search } = new URL(req.url);
    const requestBody = new Uint8Array(await req.arrayBuffer());
    const hasBody = req.method !== "GET" && req.method !== "HEAD";
    const upstream = await fetch(target + pathname + search, {
      method: req.method,
      headers: pick(req.headers, [
        "user-agent",
        "content-type",
        "authorization",
        "pragma",
        "glpi-agent-id",
      ]),
      ...(hasBody ? { body: requestBody } : {}),
    });
    const replyBody = new Uint8Array(await upstream.arrayBuffer());
    exchanges.push({
      method: req.method,
      path: pathname,
      userAgent: req.headers.get("user-agent") ?? "",
      requestBody,
      requestType: req.headers.get("content-type") ?? "",
      replyType: upstream.headers.get("content-type") ?? "",
      status: upstream.status,
      replyBody,
    });
    return new Response(replyBody, {
      status: upstream.status,
      headers: pick(upstream.headers, ["content-type", "cache-control", "www-authenticate"]),
    });
  });
  return {
    url: `http://127.0.0.1:${server.addr.port}`,
    exchanges,
    close: () => server.shutdown(),
  };
}
