/**
 * Starting and stopping the server: open the database (migrating it), start the decode
 * workers, listen. Used by `inventory serve` and by the end-to-end tests.
 *
 * @module
 */

import { mkdirSync } from "node:fs";
import { rawHashLookup } from "./store/raw_hashes.ts";
import type { ServerConfig } from "./config.ts";
import type { ServerContext } from "./context.ts";
import { migrateToLatest } from "./db/migrate.ts";
import type { Database } from "./db/schema.ts";
import { openSqlite } from "./db/sqlite.ts";
import { createApp } from "./http/app.ts";
import { type Decoder, inlineDecoder, workerDecoder } from "./ingest/decoder_pool.ts";
import { createLogger, type Logger } from "./log.ts";
import { WriteQueue } from "./store/write_queue.ts";
import { startCheckpointer } from "./db/checkpointer.ts";

/** Opens the data directory's database and builds a context (no HTTP). */
export async function openContext(
  config: ServerConfig,
  options: {
    log?: Logger;
    decoder?: "inline" | "workers";
    now?: () => Date;
    /** Checkpoint the WAL from a worker instead of at COMMIT (long-running processes). */
    backgroundCheckpoints?: boolean;
  } = {},
): Promise<ServerContext> {
  mkdirSync(config.dataDir, { recursive: true });
  const { db, raw } = openSqlite<Database>(config.databasePath, { durability: config.durability });
  await migrateToLatest(db);
  const limits = { maxBodyBytes: config.maxBodyBytes, maxInflatedBytes: config.maxInflatedBytes };
  const decoder: Decoder = options.decoder === "workers"
    ? workerDecoder(limits, config.decodeWorkers, config.databasePath)
    : inlineDecoder(limits, rawHashLookup(raw));
  const checkpointer = options.backgroundCheckpoints
    ? startCheckpointer(raw, config.databasePath)
    : null;
  return {
    config,
    db,
    raw,
    checkpointer,
    writes: new WriteQueue(db),
    decoder,
    log: options.log ?? createLogger(),
    now: options.now ?? (() => new Date()),
  };
}

/** Closes a context: pending writes finish first. */
export async function closeContext(ctx: ServerContext): Promise<void> {
  await ctx.writes.drain();
  ctx.decoder.close();
  await ctx.checkpointer?.stop();
  await ctx.db.destroy();
}

/** A running server. */
export interface RunningServer {
  ctx: ServerContext;
  url: string;
  /** Stops accepting, finishes in-flight requests and writes, closes the database. */
  close(): Promise<void>;
}

/** Starts the HTTP(S) server described by `config`. */
export async function startServer(
  config: ServerConfig,
  options: { log?: Logger; onListen?: (url: string) => void } = {},
): Promise<RunningServer> {
  const ctx = await openContext(config, {
    decoder: "workers",
    backgroundCheckpoints: true,
    ...(options.log ? { log: options.log } : {}),
  });
  const app = createApp(ctx);
  const tls = config.tlsCert && config.tlsKey
    ? { cert: await Deno.readTextFile(config.tlsCert), key: await Deno.readTextFile(config.tlsKey) }
    : {};
  let url = "";
  const server = Deno.serve({
    hostname: config.hostname,
    port: config.port,
    ...tls,
    onListen: ({ hostname, port }) => {
      const host = hostname.includes(":") ? `[${hostname}]` : hostname;
      url = `${config.tlsCert ? "https" : "http"}://${host}:${port}`;
      options.onListen?.(url);
    },
  }, (request, info) => app.fetch(request, { ip: remoteIp(info.remoteAddr) }));
  await Promise.resolve();
  return {
    ctx,
    get url() {
      return url;
    },
    close: async () => {
      await server.shutdown();
      await closeContext(ctx);
    },
  };
}

function remoteIp(addr: Deno.Addr): string {
  return "hostname" in addr ? addr.hostname : "local";
}
