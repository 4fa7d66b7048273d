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
import { listen } from "./http/listener.ts";
import { type Decoder, inlineDecoder, workerDecoder } from "./ingest/decoder_pool.ts";
import { createLogger, type Logger } from "./log.ts";
import { WriteQueue } from "./store/write_queue.ts";
import { startCheckpointer } from "./db/checkpointer.ts";
import { type SchedulerSetup, startScheduler } from "./tasks/start.ts";

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
  const limits = {
    maxBodyBytes: config.maxBodyBytes,
    maxInflatedBytes: config.maxInflatedBytes,
    inventory: {
      maxFieldBytes: config.maxFieldBytes,
      maxSectionEntries: config.maxSectionEntries,
      maxInventoryBytes: config.maxInventoryBytes,
      maxInflateRatio: config.maxInflateRatio,
    },
  };
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
    // Only `startServer` starts one, when asked: tests and one-shot commands run no tasks.
    scheduler: null,
  };
}

/** Closes a context: the running task finishes or checkpoints, then pending writes finish. */
export async function closeContext(ctx: ServerContext): Promise<void> {
  await ctx.scheduler?.stop();
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
  options: {
    log?: Logger;
    onListen?: (url: string) => void;
    /** The clock (tests of session expiry and sign-in throttling substitute their own). */
    now?: () => Date;
    /**
     * Run the automatic actions in this process (and only if `config.scheduler` agrees). Off
     * unless asked, so tests and embedders opt in; `inventory serve` asks.
     */
    scheduler?: boolean | SchedulerSetup;
    /** Start the console's slow aggregates at once (see AppOptions). */
    warmCaches?: boolean;
  } = {},
): Promise<RunningServer> {
  const ctx = await openContext(config, {
    decoder: "workers",
    backgroundCheckpoints: true,
    ...(options.log ? { log: options.log } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  if (options.scheduler && config.scheduler) {
    await startScheduler(ctx, options.scheduler === true ? {} : options.scheduler);
  }
  const app = createApp(ctx, { warmCaches: options.warmCaches ?? false });
  const tls = config.tlsCert && config.tlsKey
    ? { cert: await Deno.readTextFile(config.tlsCert), key: await Deno.readTextFile(config.tlsKey) }
    : null;
  let server;
  try {
    server = await listen(
      { ...config, tls, log: ctx.log },
      (request, ip) => app.fetch(request, { ip }),
    );
  } catch (error) {
    await closeContext(ctx);
    throw error;
  }
  options.onListen?.(server.url);
  return {
    ctx,
    url: server.url,
    close: async () => {
      // In-flight requests and the running task finish side by side.
      await Promise.all([server.shutdown(), ctx.scheduler?.stop()]);
      await closeContext(ctx);
    },
  };
}
