/**
 * The main thread's handle on the registry worker (`registry_worker.ts`): sends it
 * synchronisations and relays their progress and results. A worker that dies is replaced at the
 * next request; what it was doing fails with an error (the devices stay "with work" and the next
 * run takes them: nothing is lost, their sync is derived from what is stored).
 *
 * @module
 */

import { Worker as ThreadWorker } from "node:worker_threads";
import type { WriterLock } from "../db/writer_lock.ts";
import type { BatchResult } from "./batch.ts";
import type {
  RegistryWorkerMessage,
  RegistryWorkerReply,
  RegistryWorkRequest,
  SerialBatchOptions,
} from "./registry_worker.ts";
import type { DeviceImportStatus } from "./schema.ts";

/** The worker script: this folder's file from source, the bundle itself else (see main.ts). */
function workerUrl(): URL {
  return import.meta.url.endsWith(".ts")
    ? new URL("./registry_worker.ts", import.meta.url)
    : new URL(Deno.mainModule);
}

/**
 * The worker's young generation, in MiB: it parses each new device's sections (~190 KB of JSON
 * for a full Linux inventory) and keeps little of them.
 */
const WORKER_YOUNG_MB = 16;

/** A synchronisation request, as the tasks, the sources and the console make it. */
export interface RegistryRequest {
  now: Date;
  options: SerialBatchOptions & { statuses?: DeviceImportStatus[] };
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

/** Where and how the worker writes. */
export interface RegistryThreadOptions {
  path: string;
  durability: "full" | "normal";
  /** False when the process's checkpointer worker checkpoints the WAL. */
  checkpointAtCommit: boolean;
  lock: WriterLock;
}

interface Waiting {
  resolve: (result: BatchResult) => void;
  reject: (error: Error) => void;
  onProgress?: RegistryRequest["onProgress"];
}

/** Runs registry synchronisations in a worker thread. */
export class RegistryThread {
  readonly #options: RegistryThreadOptions;
  #worker: ThreadWorker | null = null;
  readonly #waiting = new Map<number, Waiting>();
  #nextId = 1;
  #closed = false;

  constructor(options: RegistryThreadOptions) {
    this.#options = options;
  }

  /** Synchronises devices with work (or the given ones) in the worker. */
  sync(request: RegistryRequest): Promise<BatchResult> {
    return this.#send("sync", request);
  }

  /** Re-plans devices that were not imported, in the worker. */
  retry(request: RegistryRequest): Promise<BatchResult> {
    return this.#send("retry", request);
  }

  /** Stops the worker; requests still running fail. */
  async close(): Promise<void> {
    this.#closed = true;
    const worker = this.#worker;
    this.#worker = null;
    if (worker) await worker.terminate();
    this.#failAll(new Error("the server is stopping"));
    this.#options.lock.releaseDeadWorker();
  }

  #send(kind: RegistryWorkRequest["kind"], request: RegistryRequest): Promise<BatchResult> {
    if (this.#closed) return Promise.reject(new Error("the server is stopping"));
    const worker = this.#started();
    const id = this.#nextId++;
    const message: RegistryWorkRequest = {
      kind,
      id,
      now: request.now.toISOString(),
      options: request.options,
    };
    return new Promise<BatchResult>((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject, onProgress: request.onProgress });
      const abort = () => this.#worker?.postMessage({ kind: "abort", id });
      request.signal?.addEventListener("abort", abort, { once: true });
      worker.postMessage(message satisfies RegistryWorkerMessage);
    });
  }

  #started(): ThreadWorker {
    if (this.#worker) return this.#worker;
    const worker = new ThreadWorker(workerUrl(), {
      name: "registry",
      resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB },
    });
    const { path, durability, checkpointAtCommit, lock } = this.#options;
    worker.postMessage(
      {
        kind: "start",
        path,
        durability,
        checkpointAtCommit,
        lock: lock.buffer,
      } satisfies RegistryWorkerMessage,
    );
    worker.on("message", (reply: RegistryWorkerReply) => this.#receive(reply));
    const died = (why: string) => {
      if (this.#worker !== worker) return;
      this.#worker = null;
      // A worker killed inside a transaction held the file: give it back to the main thread.
      lock.releaseDeadWorker();
      this.#failAll(new Error(`the registry worker stopped: ${why}`));
    };
    worker.on("error", (error: Error) => died(error.message));
    worker.on("exit", (code: number) => died(`exit code ${code}`));
    this.#worker = worker;
    return worker;
  }

  #receive(reply: RegistryWorkerReply) {
    const waiting = this.#waiting.get(reply.id);
    if (!waiting) return;
    if (reply.kind === "progress") {
      waiting.onProgress?.(reply.done, reply.total);
      return;
    }
    this.#waiting.delete(reply.id);
    if (reply.kind === "done") waiting.resolve(reply.result);
    else waiting.reject(new Error(reply.message));
  }

  #failAll(error: Error) {
    for (const waiting of this.#waiting.values()) waiting.reject(error);
    this.#waiting.clear();
  }
}
