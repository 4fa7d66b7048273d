/**
 * The HTTP(S) listener in front of the app: connection hygiene against idle, slow and
 * overwhelming clients.
 *
 * Why node:http and not `Deno.serve` (measured on Deno 2.9.6, see tests/connections_test.ts):
 * - `Deno.serve` has no header, body or keep-alive timeout: a connection that sends nothing, or
 *   half a header, or one body byte a second, is held forever; and it has no connection cap.
 *   When accept() fails with EMFILE ("Too many open files") its accept loop rejects a promise
 *   nobody catches and the process exits (reproduced with `ulimit -n 256` and 400 connections).
 * - Deno's node:http server enforces `headersTimeout` and `requestTimeout` (answering 408 and
 *   closing, checked every `connectionsCheckingInterval`), `keepAliveTimeout`, and
 *   `maxConnections` (excess sockets are accepted and closed at once). EMFILE does not end the
 *   process either, but its accept loop then stops for good (the port stays open, nothing is
 *   answered): so the connection cap is kept below the open-file limit (see
 *   `effectiveMaxConnections`), and a watchdog listens anew should accept() stop anyway (a burst
 *   of excess sockets, accepted faster than they are closed, can still exhaust descriptors).
 *   With `ulimit -n 256` and 1,500 connection attempts the server stays up and answers again
 *   within seconds of the burst. Its
 *   cost: about 0.3 ms more per tiny request than `Deno.serve` (~0.43 vs 0.13 ms on 2 cores),
 *   nothing measurable on 2 MB bodies, i.e. noise next to an inventory.
 * - A hand-written accept loop in front of `Deno.serve` would need a second descriptor per
 *   connection (a proxy) and its own HTTP parsing for the header timeout.
 *
 * @module
 */

import { createServer as createHttpServer, type Server } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { Socket } from "node:net";
import { getRequestListener } from "@hono/node-server";
import type { Logger } from "../log.ts";

/** The connection limits (seconds, count), from the configuration. */
export interface ConnectionLimits {
  /** A request's headers must arrive within this many seconds of its first byte. */
  headerTimeoutSeconds: number;
  /** Its body must then arrive within this many seconds. */
  bodyTimeoutSeconds: number;
  /** An idle keep-alive connection is closed after this many seconds. */
  idleTimeoutSeconds: number;
  /** Connections beyond this many are closed as soon as accepted. */
  maxConnections: number;
}

/** What {@linkcode listen} needs. */
export interface ListenOptions extends ConnectionLimits {
  hostname: string;
  port: number;
  tls: { cert: string; key: string } | null;
  log: Logger;
}

/** A listening server. */
export interface Listening {
  url: string;
  /** Stops accepting, lets in-flight requests finish, closes idle connections. */
  shutdown(): Promise<void>;
}

/** Serves `handle` (the app's fetch) on `options.hostname:port`; resolves once listening. */
export function listen(
  options: ListenOptions,
  handle: (request: Request, ip: string) => Response | Promise<Response>,
): Promise<Listening> {
  const { log } = options;
  const listener = getRequestListener(
    (request, env) => handle(request, clientIp(env.incoming.socket.remoteAddress)),
    { overrideGlobalObjects: false },
  );
  const headersMs = options.headerTimeoutSeconds * 1000;
  // Node's timers are checked on an interval: make it fine enough for short timeouts.
  const serverOptions = {
    connectionsCheckingInterval: Math.max(100, Math.min(1000, headersMs / 4)),
    // requestTimeout runs from the request's first byte to its last body byte.
    requestTimeout: headersMs + options.bodyTimeoutSeconds * 1000,
    headersTimeout: headersMs,
    keepAliveTimeout: options.idleTimeoutSeconds * 1000,
  };
  const server: Server = options.tls
    ? createHttpsServer({ ...serverOptions, ...options.tls }, listener)
    : createHttpServer(serverOptions, listener);
  server.maxConnections = effectiveMaxConnections(options.maxConnections, openFileLimit(), log);
  watchConnections(server, log);
  const idle = trackIdleSockets(server);
  let stopWatchdog = () => {};
  return new Promise((resolve, reject) => {
    const failed = (error: Error) => reject(error);
    server.once("error", failed);
    server.listen(options.port, options.hostname, () => {
      server.off("error", failed);
      // After start, an error of the listening socket is logged, never thrown.
      server.on("error", (error) => log.error("listener", { reason: error.message }));
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : options.port;
      const host = options.hostname.includes(":") ? `[${options.hostname}]` : options.hostname;
      stopWatchdog = acceptWatchdog(server, options.hostname, port, log);
      resolve({
        url: `${options.tls ? "https" : "http"}://${host}:${port}`,
        shutdown: () => {
          stopWatchdog();
          return shutdown(server, idle);
        },
      });
    });
  });
}

/**
 * Descriptors kept for everything but client connections: the database and its WAL, the decode
 * workers' read-only connections, backups, alert deliveries (the server uses ~50 at rest).
 */
export const RESERVED_DESCRIPTORS = 128;

/**
 * The connection cap in force: the configured one, lowered so that connections plus the
 * reserved descriptors fit in the open-file limit (an excess socket needs a descriptor to be
 * accepted and closed; running out stops Deno's accept loop).
 */
export function effectiveMaxConnections(
  configured: number,
  fileLimit: number | null,
  log?: Logger,
): number {
  if (fileLimit === null || configured + RESERVED_DESCRIPTORS <= fileLimit) return configured;
  const lowered = Math.max(1, fileLimit - RESERVED_DESCRIPTORS);
  log?.warn("max-connections lowered to fit the open-file limit", {
    configured,
    limit: fileLimit,
    connections: lowered,
  });
  return lowered;
}

/** The soft RLIMIT_NOFILE as Deno left it (it raises it to the hard limit), or null if unknown. */
function openFileLimit(): number | null {
  try {
    const limits = Deno.readTextFileSync("/proc/self/limits");
    const match = /^Max open files\s+(\d+|unlimited)/m.exec(limits);
    if (!match || match[1] === "unlimited") return null;
    return Number(match[1]);
  } catch {
    return null; // not Linux: the configured cap stands
  }
}

/** How often the accept loop is checked, and how long a probe may take to be accepted. */
const PROBE_EVERY_MS = 5_000;
const PROBE_WAIT_MS = 2_000;

/**
 * Keeps the accept loop alive. Should accept() fail anyway (descriptors taken by something else
 * than connections), Deno's loop stops for good; every few seconds the server connects to
 * itself, and when that connection is not accepted in time twice in a row, the listening socket
 * is opened anew (established connections are kept).
 */
function acceptWatchdog(server: Server, hostname: string, port: number, log: Logger): () => void {
  let accepted = 0;
  const count = () => accepted++;
  // Deno's compatibility layer closes sockets over the cap without a "drop" event.
  server.on("connection", count);
  let stopped = false;
  let misses = 0;
  const probeHost = hostname === "0.0.0.0" ? "127.0.0.1" : hostname === "::" ? "::1" : hostname;
  const internals = server as unknown as { _connections: number };
  const probe = async () => {
    // At the cap a probe is closed unseen: saturated is not stopped (timeouts free slots).
    if (internals._connections >= server.maxConnections) return;
    const before = accepted;
    // With a full backlog the connect itself hangs: only an accept (or a drop) tells.
    let failed = false;
    Deno.connect({ hostname: probeHost, port }).then(
      (conn) => setTimeout(() => conn.close(), PROBE_WAIT_MS),
      () => failed = true, // no descriptor here either, or refused: try again next time
    );
    const waited = performance.now();
    await new Promise((r) => setTimeout(r, PROBE_WAIT_MS));
    // A busy event loop (a long registry sync) delays accepts too: only a timely miss counts.
    const late = performance.now() - waited > PROBE_WAIT_MS + 500;
    if (stopped || failed || late || accepted > before) {
      misses = 0;
      return;
    }
    if (++misses < 2) return;
    misses = 0;
    log.warn("listener", { reason: "accept() stopped (too many open files?): listening anew" });
    relisten(server, port, hostname);
  };
  const timer = setInterval(() => {
    probe().catch((error) => log.error("listener", { reason: String(error) }));
  }, PROBE_EVERY_MS);
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}

/**
 * Closes only the listening socket and opens a new one. `server.close()` would also stop the
 * timeout checks and close idle connections; the handle is net.Server's own (`_handle`), which
 * `listen()` recreates when it is null.
 */
function relisten(server: Server, port: number, hostname: string): void {
  const internals = server as unknown as { _handle: { close(): void } | null };
  try {
    internals._handle?.close();
  } catch {
    // Already closed.
  }
  internals._handle = null;
  server.listen(port, hostname);
}

/** Logs client errors without letting any of them reach the process. */
function watchConnections(server: Server, log: Logger): void {
  server.on("clientError", (error: Error & { code?: string }, socket: Socket) => {
    if (error.code === "ERR_HTTP_REQUEST_TIMEOUT") {
      log.debug("timeout", { ip: clientIp(socket.remoteAddress), reason: "request too slow" });
      closeWith(socket, "408 Request Timeout");
    } else if (error.code === "ECONNRESET" || !socket.writable) {
      socket.destroy();
    } else {
      log.debug("refused", { ip: clientIp(socket.remoteAddress), reason: error.message });
      closeWith(socket, "400 Bad Request");
    }
  });
  // TLS handshakes that fail (port scanners, wrong CA) are the client's problem.
  server.on("tlsClientError", (_error: Error, socket: Socket) => socket.destroy());
}

function closeWith(socket: Socket, status: string): void {
  if (socket.writable) {
    socket.end(`HTTP/1.1 ${status}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
  } else socket.destroy();
}

/** In-flight requests finish; a keep-alive connection is closed as soon as it is idle. */
function shutdown(server: Server, idle: () => Socket[]): Promise<void> {
  return new Promise((resolve) => {
    const closeIdle = () => {
      server.closeIdleConnections();
      // Deno's node:http leaves a connection that never sent a request open (a client's spare
      // connection): close it too, or the shutdown waits for its request timeout.
      for (const socket of idle()) socket.destroy();
    };
    const sweep = setInterval(closeIdle, 100);
    server.close(() => {
      clearInterval(sweep);
      resolve();
    });
    closeIdle();
  });
}

/** Tracks each connection's requests in flight; returns those with none. */
function trackIdleSockets(server: Server): () => Socket[] {
  const inFlight = new Map<Socket, number>();
  server.on("connection", (socket: Socket) => {
    inFlight.set(socket, 0);
    socket.once("close", () => inFlight.delete(socket));
  });
  server.on(
    "request",
    (request: { socket: Socket }, response: { once(e: string, f: () => void): void }) => {
      const socket = request.socket;
      inFlight.set(socket, (inFlight.get(socket) ?? 0) + 1);
      let counted = true;
      const done = () => {
        if (!counted) return;
        counted = false;
        if (inFlight.has(socket)) inFlight.set(socket, inFlight.get(socket)! - 1);
      };
      response.once("finish", done);
      response.once("close", done);
    },
  );
  return () => [...inFlight].filter(([, n]) => n === 0).map(([socket]) => socket);
}

/** An IPv4 client seen through a dual-stack socket is shown as IPv4. */
function clientIp(address: string | undefined): string {
  if (!address) return "local";
  return address.startsWith("::ffff:") ? address.slice(7) : address;
}
