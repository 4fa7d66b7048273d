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
 *   `maxConnections` (excess sockets are closed at once); with `ulimit -n 256` and 1,000
 *   connection attempts it stays up, keeps accepting as descriptors free up, and times out the
 *   idle ones. Its cost: about 0.3 ms more per tiny request than `Deno.serve` (~0.43 vs
 *   0.13 ms on 2 cores), nothing measurable on 2 MB bodies, i.e. noise next to an inventory.
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
  server.maxConnections = options.maxConnections;
  watchConnections(server, log);
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
      resolve({
        url: `${options.tls ? "https" : "http"}://${host}:${port}`,
        shutdown: () => shutdown(server),
      });
    });
  });
}

/** Logs refusals and client errors without letting any of them reach the process. */
function watchConnections(server: Server, log: Logger): void {
  let dropped = 0;
  let reporting = false;
  server.on("drop", () => {
    // Bursts are reported once per 10 s, not once per socket.
    dropped++;
    if (reporting) return;
    reporting = true;
    const timer = setTimeout(() => {
      log.warn("refused", { reason: "too many connections", connections: dropped });
      dropped = 0;
      reporting = false;
    }, 10_000);
    timer.unref();
  });
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
function shutdown(server: Server): Promise<void> {
  return new Promise((resolve) => {
    const sweep = setInterval(() => server.closeIdleConnections(), 100);
    server.close(() => {
      clearInterval(sweep);
      resolve();
    });
    server.closeIdleConnections();
  });
}

/** An IPv4 client seen through a dual-stack socket is shown as IPv4. */
function clientIp(address: string | undefined): string {
  if (!address) return "local";
  return address.startsWith("::ffff:") ? address.slice(7) : address;
}
