/**
 * Decoding bodies off the main thread. Decompressing, parsing and preparing a full inventory
 * costs ~4 ms of CPU; on the main thread that alone would cap ingestion near 240/s and stall
 * every other request meanwhile. Workers do it in parallel and the main thread keeps SQLite.
 *
 * @module
 */

import { Worker as ThreadWorker } from "node:worker_threads";
import { OcsProtocolError, OcsSyntaxError } from "../../protocol/mod.ts";
import {
  deviceIdHint,
  type IngestLimits,
  prepareBodyLoading,
  type PreparedBody,
  type StoredRawHashes,
} from "./prepare.ts";

/** Decodes POST bodies into prepared messages. */
export interface Decoder {
  /** Decodes `body`. The bytes are moved to a worker and handed back in the result. */
  decode(
    body: Uint8Array,
    options?: DecodeOptions,
  ): Promise<{ prepared: PreparedBody; body: Uint8Array }>;
  close(): void;
}

/** Per-call options. */
export interface DecodeOptions {
  /** Parse every section, even those whose raw text matches the stored one. */
  noSkip?: boolean;
}

/** What the main thread sends a worker. */
export interface WorkerRequest {
  id: number;
  body: Uint8Array;
  limits: IngestLimits;
  /** The database whose stored raw hashes let the worker skip unchanged sections. */
  databasePath: string | null;
  noSkip: boolean;
}

/** A decode error as it crosses the worker boundary. */
export interface WorkerError {
  name: string;
  message: string;
  status: number | undefined;
  deviceId: string | undefined;
}

/** The DEVICEID a refused body seemed to carry, attached to decode errors for the log. */
export function deviceIdOfError(error: unknown): string | undefined {
  return (error as { deviceId?: string } | null)?.deviceId;
}

/** What a worker answers. */
export type WorkerReply =
  | { id: number; ok: true; prepared: PreparedBody; body: Uint8Array }
  | {
    id: number;
    ok: false;
    error: WorkerError;
    body: Uint8Array;
  };

/** Decodes on the calling thread: for tests and one-off imports. */
export function inlineDecoder(limits: IngestLimits, storedRawHashes?: StoredRawHashes): Decoder {
  return {
    decode: async (body, options = {}) => {
      try {
        const stored = options.noSkip ? undefined : storedRawHashes;
        return { prepared: await prepareBodyLoading(body, limits, stored), body };
      } catch (error) {
        if (error instanceof Error) {
          Object.assign(error, { deviceId: deviceIdHint(body, limits) });
        }
        throw error;
      }
    },
    close: () => {},
  };
}

/** The worker script: this folder's `decode_worker.ts` from source, the bundle itself else. */
function workerUrl(): URL {
  return import.meta.url.endsWith(".ts")
    ? new URL("./decode_worker.ts", import.meta.url)
    : new URL(Deno.mainModule);
}

/**
 * Bodies this small (a PROLOG, a NOTIFY, a DOWNLOAD result: a few hundred bytes) are decoded on
 * the calling thread: the decode costs less than a worker round trip, and a PROLOG must not wait
 * behind the full inventories queued in the workers.
 */
const INLINE_BODY_BYTES = 2048;
/** What an inline decode may inflate to; a small body that inflates further goes to a worker. */
const INLINE_INFLATED_BYTES = 64 * 1024;

/**
 * The young generation of a decode worker, in MiB. V8's default lets each worker's young
 * generation grow to ~50 MB under a steady stream of 300 KB inventories; 8 MB costs no measurable
 * CPU (3.94 vs 3.93 ms per full inventory, BENCHMARKS.md) and takes ~30 MB off each worker's RSS.
 */
const DECODE_WORKER_YOUNG_MB = 8;

/**
 * Decodes in `size` workers, each request going to the least busy one; small bodies on the
 * calling thread.
 */
export function workerDecoder(
  limits: IngestLimits,
  size: number,
  databasePath: string | null = null,
): Decoder {
  const url = workerUrl();
  const workers = Array.from({ length: Math.max(1, size) }, () => {
    // node:worker_threads rather than a web Worker: only it takes heap limits (see
    // DECODE_WORKER_YOUNG_MB).
    const worker = new ThreadWorker(url, {
      name: "decode",
      resourceLimits: { maxYoungGenerationSizeMb: DECODE_WORKER_YOUNG_MB },
    });
    const entry = { worker, busy: 0 };
    worker.on("message", (data: WorkerReply) => {
      entry.busy--;
      const pending = waiting.get(data.id);
      if (!pending) return;
      waiting.delete(data.id);
      if (data.ok) pending.resolve({ prepared: data.prepared, body: data.body });
      else pending.reject(reviveError(data.error));
    });
    worker.on("error", (error: Error) => {
      // A crashed worker must not leave requests hanging forever.
      for (const [id, pending] of waiting) {
        pending.reject(new Error(`Decode worker failed: ${error.message}`));
        waiting.delete(id);
      }
    });
    return entry;
  });
  const waiting = new Map<
    number,
    {
      resolve: (v: { prepared: PreparedBody; body: Uint8Array }) => void;
      reject: (e: unknown) => void;
    }
  >();
  let nextId = 0;
  const inlineLimits = {
    ...limits,
    maxInflatedBytes: Math.min(limits.maxInflatedBytes, INLINE_INFLATED_BYTES),
  };
  const inline = inlineDecoder(inlineLimits);
  const overInlineLimit = (error: unknown) =>
    error instanceof OcsProtocolError && error.status === 413 &&
    inlineLimits.maxInflatedBytes < limits.maxInflatedBytes;
  const inWorker = (body: Uint8Array, options: DecodeOptions) => {
    const id = nextId++;
    const entry = workers.reduce((a, b) => (b.busy < a.busy ? b : a));
    entry.busy++;
    return new Promise<{ prepared: PreparedBody; body: Uint8Array }>((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      const request: WorkerRequest = {
        id,
        body,
        limits,
        databasePath,
        noSkip: options.noSkip ?? false,
      };
      entry.worker.postMessage(request, [body.buffer as ArrayBuffer]);
    });
  };
  return {
    decode(body, options = {}) {
      if (body.byteLength > INLINE_BODY_BYTES) return inWorker(body, options);
      return inline.decode(body, options).catch((error) => {
        if (overInlineLimit(error)) return inWorker(body, options);
        throw error;
      });
    },
    close() {
      for (const { worker } of workers) worker.terminate();
      for (const pending of waiting.values()) pending.reject(new Error("Decoder closed"));
      waiting.clear();
    },
  };
}

function reviveError(error: WorkerError): Error {
  let revived: Error;
  if (error.name === "OcsSyntaxError") {
    revived = new OcsSyntaxError("", 0);
    revived.message = error.message;
  } else if (error.name === "OcsProtocolError") {
    revived = new OcsProtocolError(error.message, (error.status ?? 400) as 400);
  } else {
    revived = new Error(error.message);
  }
  return Object.assign(revived, { deviceId: error.deviceId });
}
