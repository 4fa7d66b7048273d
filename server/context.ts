/**
 * Everything a request handler needs, built once by `serve.ts` and passed explicitly (no
 * globals), so tests can build one on a temporary data directory.
 *
 * @module
 */

import type { DatabaseSync } from "node:sqlite";
import type { Kysely } from "kysely";
import type { ServerConfig } from "./config.ts";
import type { Checkpointer } from "./db/checkpointer.ts";
import type { Database } from "./db/schema.ts";
import type { Decoder } from "./ingest/decoder_pool.ts";
import type { EventLoopMonitor } from "./event_loop.ts";
import type { Logger } from "./log.ts";
import type { RegistryThread } from "./registry/registry_thread.ts";
import type { WriteQueue } from "./store/write_queue.ts";
import type { Scheduler } from "./tasks/runner.ts";

/** The running server's parts. */
export interface ServerContext {
  config: ServerConfig;
  db: Kysely<Database>;
  raw: DatabaseSync;
  /** The background WAL checkpointer, when this process runs one. */
  checkpointer: Checkpointer | null;
  writes: WriteQueue<Database>;
  decoder: Decoder;
  log: Logger;
  /** The clock; tests substitute their own. */
  now: () => Date;
  /**
   * The automatic-actions runner, when this process runs one (`inventory serve` without
   * `--no-scheduler`); null elsewhere. `ctx.scheduler?.trigger("sync")` asks for a run soon.
   */
  scheduler: Scheduler | null;
  /**
   * The registry worker, when this process runs one (`startServer`): registry synchronisations
   * then run off the main thread. Null elsewhere: they run in the caller's thread.
   */
  registry: RegistryThread | null;
  /** The main thread's event-loop delay, sampled in a running server; null elsewhere. */
  eventLoop: EventLoopMonitor | null;
}
