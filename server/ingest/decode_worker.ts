/**
 * The decode worker: receives POST bodies, answers prepared messages or the decode error.
 * In source form this file is the worker's entry; in the bundle, `main.ts` calls
 * {@link startDecodeWorker} when it finds itself running inside a worker.
 *
 * @module
 */

import { DatabaseSync } from "node:sqlite";
import { OcsProtocolError } from "../../protocol/mod.ts";
import {
  deviceIdHint,
  prepareBodyLoading,
  type StoredRawHashes,
  transferablesOf,
} from "./prepare.ts";
import type { WorkerReply, WorkerRequest } from "./decoder_pool.ts";
import { rawHashLookup } from "../store/raw_hashes.ts";
import { inWorkerThread } from "../worker_thread.ts";

/** Serves decode requests on this worker's message port. */
export function startDecodeWorker(): void {
  const scope = globalThis as unknown as {
    onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
    postMessage(message: WorkerReply, transfer: Transferable[]): void;
  };
  const lookups = new Map<string, StoredRawHashes>();
  scope.onmessage = async ({ data: { id, body, limits, databasePath, noSkip } }) => {
    let reply: WorkerReply;
    const transfer: Transferable[] = [body.buffer as ArrayBuffer];
    try {
      const stored = databasePath && !noSkip ? lookupFor(lookups, databasePath) : undefined;
      const prepared = await prepareBodyLoading(body, limits, stored);
      transfer.push(...transferablesOf(prepared.message));
      reply = { id, ok: true, prepared, body };
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      const status = error instanceof OcsProtocolError ? error.status : undefined;
      reply = {
        id,
        ok: false,
        error: { name: e.name, message: e.message, status, deviceId: deviceIdHint(body, limits) },
        body,
      };
    }
    scope.postMessage(reply, transfer);
  };
}

/** One read-only connection per database file, opened on first use. */
function lookupFor(cache: Map<string, StoredRawHashes>, path: string): StoredRawHashes {
  let lookup = cache.get(path);
  if (!lookup) {
    // WAL lets this connection read while the main thread writes.
    lookup = openReadOnly(path);
    cache.set(path, lookup);
  }
  return lookup;
}

function openReadOnly(path: string): StoredRawHashes {
  try {
    return rawHashLookup(new DatabaseSync(path, { readOnly: true }));
  } catch {
    return () => undefined;
  }
}

// Entry point when this file is the worker script (source form). The bundle's main thread
// also sees import.meta.main, hence the worker check.
if (import.meta.main && inWorkerThread()) startDecodeWorker();
