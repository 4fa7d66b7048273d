/**
 * Whether this code runs in a worker thread. Web workers (`new Worker`) have a
 * `WorkerGlobalScope`; `node:worker_threads` workers, which the decode pool uses for their heap
 * limits, do not, but report `isMainThread === false`.
 *
 * @module
 */

import { isMainThread } from "node:worker_threads";

/** True inside any worker thread, false on the main thread. */
export function inWorkerThread(): boolean {
  return typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope !==
      "undefined" || !isMainThread;
}
