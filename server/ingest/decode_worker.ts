/**
 * The decode worker: receives POST bodies, answers prepared messages or the decode error.
 * In source form this file is the worker's entry; in the bundle, `main.ts` calls
 * {@link startDecodeWorker} when it finds itself running inside a worker.
 *
 * @module
 */

import { DatabaseSync, type StatementSync } from "node:sqlite";
import { OcsProtocolError } from "../../protocol/mod.ts";
import { deviceIdHint, prepareBody, type StoredRawHashes } from "./prepare.ts";
import type { WorkerReply, WorkerRequest } from "./decoder_pool.ts";

/** Serves decode requests on this worker's message port. */
export function startDecodeWorker(): void {
  const scope = globalThis as unknown as {
    onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
    postMessage(message: WorkerReply, transfer: Transferable[]): void;
  };
  const lookups = new Map<string, StoredRawHashes>();
  scope.onmessage = ({ data: { id, body, limits, databasePath, noSkip } }) => {
    let reply: WorkerReply;
    try {
      const stored = databasePath && !noSkip ? lookupFor(lookups, databasePath) : undefined;
      reply = { id, ok: true, prepared: prepareBody(body, limits, stored), body };
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
    scope.postMessage(reply, [body.buffer as ArrayBuffer]);
  };
}

/**
 * Reads the stored raw hashes of a device on this worker's own read-only connection (WAL lets
 * it read while the main thread writes). A failure only means no section is skipped.
 */
function lookupFor(cache: Map<string, StoredRawHashes>, path: string): StoredRawHashes {
  let lookup = cache.get(path);
  if (lookup) return lookup;
  let statement: StatementSync | null = null;
  try {
    const db = new DatabaseSync(path, { readOnly: true });
    statement = db.prepare(
      `select s.section as section, s.raw_hash as raw_hash from devices d
       join device_sections s on s.device_id = d.id
       where d.deviceid = ? and s.raw_hash is not null`,
    );
  } catch {
    statement = null;
  }
  lookup = (deviceId) => {
    if (!statement) return undefined;
    try {
      const rows = statement.all(deviceId) as { section: string; raw_hash: string }[];
      return rows.length === 0 ? undefined : new Map(rows.map((r) => [r.section, r.raw_hash]));
    } catch {
      return undefined;
    }
  };
  cache.set(path, lookup);
  return lookup;
}

// Entry point when this file is the worker script (source form). The bundle's main thread
// also sees import.meta.main, hence the worker check.
if (import.meta.main && "WorkerGlobalScope" in globalThis) startDecodeWorker();
