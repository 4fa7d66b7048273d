/**
 * The registry worker: runs registry synchronisations (`syncBatch`) on its own connection, in
 * its own thread, so a wave of new devices never holds the thread that answers agents, the API
 * and the console. It writes through its own group-commit queue, each transaction bounded in
 * time and taken under the process's WriterLock, so the main thread waits at most one short
 * transaction for the file and never sleeps in SQLite's busy handler.
 *
 * Requests run one after another, in arrival order. The started worker is told apart by its
 * name ("registry"), see main.ts.
 *
 * @module
 */

import type { Database } from "../db/schema.ts";
import { openSqlite, setDurability } from "../db/sqlite.ts";
import { WriterLock } from "../db/writer_lock.ts";
import { WriteQueue } from "../store/write_queue.ts";
import { inWorkerThread } from "../worker_thread.ts";
import { type BatchOptions, type BatchResult, retryNotImported, syncBatch } from "./batch.ts";
import type { DeviceImportStatus } from "./schema.ts";

/**
 * How long one registry transaction may hold the file: the main thread's next group commit waits
 * at most about this long (one new device takes a few milliseconds).
 */
export const REGISTRY_TRANSACTION_MS = 20;

/** The first message: which file, how to write it. */
export interface RegistryWorkerStart {
  kind: "start";
  path: string;
  durability: "full" | "normal";
  checkpointAtCommit: boolean;
  lock: SharedArrayBuffer;
}

/** What a request may say: BatchOptions without the callbacks (they stay on the main thread). */
export type SerialBatchOptions = Omit<BatchOptions, "onProgress" | "signal">;

/** A synchronisation to run ("retry": re-plan the devices not imported). */
export interface RegistryWorkRequest {
  kind: "sync" | "retry";
  id: number;
  /** The run's clock, ISO. */
  now: string;
  options: SerialBatchOptions & { statuses?: DeviceImportStatus[] };
}

/** Messages to the worker. */
export type RegistryWorkerMessage = RegistryWorkerStart | RegistryWorkRequest | {
  kind: "abort";
  id: number;
};

/** Messages from the worker. */
export type RegistryWorkerReply =
  | { kind: "progress"; id: number; done: number; total: number }
  | { kind: "done"; id: number; result: BatchResult }
  | { kind: "failed"; id: number; message: string };

interface Port {
  onmessage: ((event: MessageEvent<RegistryWorkerMessage>) => void) | null;
  postMessage(message: RegistryWorkerReply): void;
}

/** Serves registry requests on this worker's message port. */
export function startRegistryWorker(): void {
  const port = globalThis as unknown as Port;
  let host: Parameters<typeof syncBatch>[0] | null = null;
  let durability: "full" | "normal" = "full";
  const aborts = new Map<number, AbortController>();
  let queue = Promise.resolve();
  port.onmessage = ({ data }) => {
    if (data.kind === "start") {
      const { db, raw } = openSqlite<Database>(data.path, {
        durability: data.durability,
        checkpointAtCommit: data.checkpointAtCommit,
      });
      const writes = new WriteQueue(db, {
        lock: WriterLock.worker(data.lock),
        maxBatchMs: REGISTRY_TRANSACTION_MS,
      });
      host = { db, raw, writes, now: () => new Date() };
      durability = data.durability;
      return;
    }
    if (data.kind === "abort") {
      aborts.get(data.id)?.abort();
      return;
    }
    const request = data;
    const abort = new AbortController();
    aborts.set(request.id, abort);
    queue = queue.then(async () => {
      try {
        if (!host) throw new Error("the registry worker was not started");
        const now = new Date(request.now);
        // The automatic synchronisation writes what can be derived again from the stored
        // inventories (a lost commit leaves its devices "with work", synchronised at the next
        // run), so its commits skip the disk wait: shorter turns holding the file, less I/O. An
        // admin's action (an actor) keeps the server's durability.
        setDurability(host.raw, request.options.actor ? durability : "normal");
        const onProgress = (done: number, total: number) =>
          port.postMessage({ kind: "progress", id: request.id, done, total });
        const at = { ...host, now: () => now };
        const result = request.kind === "retry"
          ? await retryNotImported(at, { ...request.options, onProgress })
          : await syncBatch(at, { ...request.options, signal: abort.signal, onProgress });
        port.postMessage({ kind: "done", id: request.id, result });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        port.postMessage({ kind: "failed", id: request.id, message });
      } finally {
        aborts.delete(request.id);
      }
    });
  };
}

// Entry point when this file is the worker script (source form); the bundle starts it from
// main.ts by worker name.
if (
  import.meta.main && inWorkerThread() && (globalThis as { name?: string }).name === "registry"
) {
  startRegistryWorker();
}
