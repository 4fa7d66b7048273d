/**
 * Starts and stops the checkpoint worker (`checkpoint_worker.ts`) for one database file.
 *
 * @module
 */

import type { DatabaseSync } from "node:sqlite";
import type { CheckpointStart } from "./checkpoint_worker.ts";

/** A running checkpointer. */
export interface Checkpointer {
  /** Stops the worker, then checkpoints and truncates the WAL on `raw`. */
  stop(): Promise<void>;
}

/** The worker script: this folder's file from source, the bundle itself else (see main.ts). */
function workerUrl(): URL {
  return import.meta.url.endsWith(".ts")
    ? new URL("./checkpoint_worker.ts", import.meta.url)
    : new URL(Deno.mainModule);
}

/**
 * Moves WAL checkpoints of `path` to a worker: the writer connection `raw` stops checkpointing
 * at COMMIT. The WAL file is truncated back to at most 64 MiB after checkpoints.
 */
export function startCheckpointer(raw: DatabaseSync, path: string, intervalMs = 200): Checkpointer {
  raw.exec("PRAGMA wal_autocheckpoint = 0");
  raw.exec(`PRAGMA journal_size_limit = ${64 * 1024 * 1024}`);
  const worker = new Worker(workerUrl(), { type: "module", name: "checkpoint" });
  const start: CheckpointStart = { path, intervalMs };
  worker.postMessage(start);
  return {
    async stop() {
      const stopped = new Promise<void>((resolve) => {
        worker.onmessage = () => resolve();
        setTimeout(resolve, 2000); // a worker stuck on a lock must not hold the shutdown
      });
      worker.postMessage("stop");
      await stopped;
      worker.terminate();
      if (raw.isOpen) {
        try {
          raw.exec("PRAGMA wal_checkpoint(TRUNCATE)");
        } catch {
          // Another process may be reading: the next start checkpoints instead.
        }
      }
    },
  };
}
