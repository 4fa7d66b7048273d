/**
 * Starting and stopping the server: open the database (migrating it), start the decode
 * workers, listen. Used by `inventory serve` and by the end-to-end tests.
 *
 * @module
 */

import { rawHashLookup } from "./store/raw_hashes.ts";
import type { ServerConfig } from "./config.ts";
import type { ServerContext } from "./context.ts";
import { migrateToLatest } from "./db/migrate.ts";
import type { Database } from "./db/schema.ts";
import { type DataLock, tryLockDataDir } from "./db/data_lock.ts";
import { checkIntegrity } from "./db/integrity.ts";
import { openSqlite } from "./db/sqlite.ts";
import {
  type BackupsBeside,
  checkDataDirWritable,
  damaged,
  inspectDatabaseFile,
  openFailure,
  setAside,
  StartupError,
} from "./db/startup.ts";
import { createApp } from "./http/app.ts";
import { listen } from "./http/listener.ts";
import { type Decoder, inlineDecoder, workerDecoder } from "./ingest/decoder_pool.ts";
import { createLogger, type Logger } from "./log.ts";
import { WriteQueue } from "./store/write_queue.ts";
import { WriterLock } from "./db/writer_lock.ts";
import { EventLoopMonitor } from "./event_loop.ts";
import { RegistryThread } from "./registry/registry_thread.ts";
import { startCheckpointer } from "./db/checkpointer.ts";
import { type SchedulerSetup, startScheduler } from "./tasks/start.ts";
import { backupsDir, listBackups } from "./tasks/builtin/backup.ts";

/** The data-directory lock each open context holds (released by closeContext). */
const dataLocks = new WeakMap<ServerContext, DataLock>();

/** Options of {@linkcode openContext}. */
export interface OpenContextOptions {
  log?: Logger;
  decoder?: "inline" | "workers";
  now?: () => Date;
  /** Checkpoint the WAL from a worker instead of at COMMIT (long-running processes). */
  backgroundCheckpoints?: boolean;
  /** Start afresh where the database is missing, empty or damaged (`serve --init`). */
  init?: boolean;
  /** Run `PRAGMA quick_check` first, waiting for it this long at most (`serve`). */
  integrityBudgetMs?: number;
  /** Run registry synchronisations in a worker thread (long-running processes). */
  registryThread?: boolean;
}

/**
 * Opens the data directory's database and builds a context (no HTTP). Refuses, with a
 * {@link StartupError}, a directory that cannot be written, a database that is missing or empty
 * while backups exist, or damaged (see db/startup.ts).
 */
export async function openContext(
  config: ServerConfig,
  options: OpenContextOptions = {},
): Promise<ServerContext> {
  const log = options.log ?? createLogger();
  checkDataDirWritable(config.dataDir);
  const lock = tryLockDataDir(config.dataDir, false);
  if (!lock) {
    throw new StartupError(
      "in-use",
      `${config.dataDir} is being restored (inventory db restore); try again once it is done`,
    );
  }
  try {
    const ctx = await openLocked(config, options, log);
    dataLocks.set(ctx, lock);
    return ctx;
  } catch (error) {
    lock.release();
    throw error;
  }
}

async function openLocked(
  config: ServerConfig,
  options: OpenContextOptions,
  log: Logger,
): Promise<ServerContext> {
  const path = config.databasePath;
  const dir = backupsDir(config.dataDir);
  const backups: BackupsBeside = { dir, names: listBackups(dir) };
  let state;
  try {
    state = inspectDatabaseFile(path, backups, { init: options.init ?? false });
  } catch (error) {
    throw error instanceof StartupError ? error : openFailure(error, path, backups) ?? error;
  }
  if (state === "present" && options.integrityBudgetMs !== undefined) {
    await checkAtStart(path, backups, options.integrityBudgetMs, options.init ?? false, log);
  } else if (state === "none" && options.init) {
    log.info("--init: starting with an empty database", { path });
  }
  let opened;
  try {
    opened = openSqlite<Database>(path, { durability: config.durability });
    await migrateToLatest(opened.db);
  } catch (error) {
    opened?.raw.close();
    throw openFailure(error, path, backups) ?? error;
  }
  const { db, raw } = opened;
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
  // Two threads write the file: they take turns through one lock (see writer_lock.ts).
  const lock = options.registryThread ? WriterLock.create() : undefined;
  const registry = lock
    ? new RegistryThread({
      path,
      durability: config.durability,
      checkpointAtCommit: checkpointer === null,
      lock,
    })
    : null;
  return {
    config,
    db,
    raw,
    checkpointer,
    registry,
    writes: new WriteQueue(db, lock ? { lock } : {}),
    decoder,
    log,
    now: options.now ?? (() => new Date()),
    // Only `startServer` starts one, when asked: tests and one-shot commands run no tasks.
    scheduler: null,
    eventLoop: null,
  };
}

/**
 * The start-up `quick_check`: damage refuses the start (or, with `init`, sets the file aside);
 * past the budget the start goes on and the verdict is logged when it comes.
 */
async function checkAtStart(
  path: string,
  backups: BackupsBeside,
  budgetMs: number,
  init: boolean,
  log: Logger,
): Promise<void> {
  const outcome = await checkIntegrity(path, budgetMs);
  if (!outcome.finished) {
    log.warn("integrity check: still running after the start budget; serving meanwhile", {
      budgetMs,
    });
    void outcome.later.then((late) => {
      if (late.sound) log.info("integrity check: ok", { ms: late.ms });
      else {log.error("integrity check failed", {
          reason: damaged(path, late.problem, backups).message,
        });}
    });
    return;
  }
  if (outcome.verdict.sound) {
    log.info("integrity check: ok", { ms: outcome.ms });
    if (init) log.info("--init ignored: the database is sound", { path });
    return;
  }
  if (!init) throw damaged(path, outcome.verdict.problem, backups);
  const kept = setAside(path, new Date());
  log.warn("--init: the damaged database is set aside; starting with an empty one", {
    kept: kept ?? "-",
    reason: outcome.verdict.problem,
  });
}

/** Closes a context: the running task finishes or checkpoints, then pending writes finish. */
export async function closeContext(ctx: ServerContext): Promise<void> {
  await ctx.scheduler?.stop();
  await ctx.registry?.close();
  await ctx.writes.drain();
  ctx.decoder.close();
  await ctx.checkpointer?.stop();
  await ctx.db.destroy();
  dataLocks.get(ctx)?.release();
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
    /** `serve --init`: start afresh where the database is missing, empty or damaged. */
    init?: boolean;
    /** Check the database first (`config.startCheckSeconds` bounds the wait; 0: no check). */
    integrityCheck?: boolean;
  } = {},
): Promise<RunningServer> {
  const budget = options.integrityCheck && config.startCheckSeconds > 0
    ? { integrityBudgetMs: config.startCheckSeconds * 1000 }
    : {};
  const ctx = await openContext(config, {
    decoder: "workers",
    backgroundCheckpoints: true,
    registryThread: true,
    ...budget,
    ...(options.init ? { init: true } : {}),
    ...(options.log ? { log: options.log } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  ctx.eventLoop = new EventLoopMonitor().start((ms) =>
    ctx.log.warn("event loop held", {
      ms,
      hint: "a request or task ran this long without yielding",
    })
  );
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
    await ctx.scheduler?.stop();
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
      ctx.eventLoop?.stop();
      await closeContext(ctx);
    },
  };
}
