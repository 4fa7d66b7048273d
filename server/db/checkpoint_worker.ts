/**
 * WAL checkpoints off the request path. SQLite's automatic checkpoint runs inside the COMMIT
 * that crosses the threshold, on the thread that commits: with inventories of ~4 MB per batch
 * that was ~0.9 ms of main-thread time per inventory (measured, BENCHMARKS.md). The writer
 * turns auto-checkpointing off and this worker, on its own connection, copies the WAL back into
 * the database in PASSIVE mode (never blocking the writer) whenever it has grown.
 *
 * @module
 */

import { DatabaseSync } from "node:sqlite";

/** What the main thread sends to start the worker. */
export interface CheckpointStart {
  path: string;
  /** How often to checkpoint; a PASSIVE checkpoint of a small WAL is cheap. */
  intervalMs: number;
}

/** Runs the checkpoint loop in this worker until it is terminated. */
export function startCheckpointWorker(): void {
  const scope = globalThis as unknown as {
    onmessage: ((event: MessageEvent<CheckpointStart | "stop">) => void) | null;
    postMessage(message: unknown): void;
  };
  let db: DatabaseSync | null = null;
  let timer: ReturnType<typeof setInterval> | undefined;
  scope.onmessage = ({ data }) => {
    if (data === "stop") {
      clearInterval(timer);
      db?.close();
      db = null;
      scope.postMessage("stopped");
      return;
    }
    db = new DatabaseSync(data.path);
    db.exec("PRAGMA busy_timeout = 5000");
    // A checkpoint that does not complete (readers in the way) simply runs again next tick.
    const checkpoint = db.prepare("PRAGMA wal_checkpoint(PASSIVE)");
    timer = setInterval(() => {
      try {
        checkpoint.get();
      } catch {
        // Busy or locked: try again on the next tick.
      }
    }, data.intervalMs);
  };
}

// Entry point when this file is the worker script (source form); the bundle starts it from
// main.ts by worker name.
if (import.meta.main && "WorkerGlobalScope" in globalThis) startCheckpointWorker();
