/**
 * The decode worker: receives POST bodies, answers prepared messages or the decode error.
 * In source form this file is the worker's entry; in the bundle, `main.ts` calls
 * {@link startDecodeWorker} when it finds itself running inside a worker.
 *
 * @module
 */

import { OcsProtocolError } from "../../protocol/mod.ts";
import { deviceIdHint, prepareBody } from "./prepare.ts";
import type { WorkerReply, WorkerRequest } from "./decoder_pool.ts";

/** Serves decode requests on this worker's message port. */
export function startDecodeWorker(): void {
  const scope = globalThis as unknown as {
    onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
    postMessage(message: WorkerReply, transfer: Transferable[]): void;
  };
  scope.onmessage = ({ data: { id, body, limits } }) => {
    let reply: WorkerReply;
    try {
      reply = { id, ok: true, prepared: prepareBody(body, limits), body };
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

// Entry point when this file is the worker script (source form). The bundle's main thread
// also sees import.meta.main, hence the worker check.
if (import.meta.main && "WorkerGlobalScope" in globalThis) startDecodeWorker();
