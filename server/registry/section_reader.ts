/**
 * Reading ahead for a batch synchronisation: while the main thread writes one wave of devices,
 * a worker (`section_worker.ts`) reads and parses the next wave's sections and resolves their
 * software into catalogue ids. The synchronisation is single-writer and CPU-bound on the main
 * thread; this moves the JSON parsing and catalogue lookups of new devices to the other core.
 *
 * A prepared device is a cache entry, never a source of truth: it is used only if the device's
 * section hashes read inside the writing transaction are the ones the worker read, and any
 * failure of the worker just means the main thread reads the device itself.
 *
 * @module
 */

import type { DatabaseSync } from "node:sqlite";
import { Worker as ThreadWorker } from "node:worker_threads";
import type { PrefetchReply, PrefetchRequest, PreparedDevice } from "./section_worker.ts";

export type { PreparedDevice, PreparedSoftware } from "./section_worker.ts";

/**
 * The worker's young generation, in MiB: it parses ~190 KB of JSON per device and keeps little,
 * so a small young generation keeps its RSS down (the decode workers do the same).
 */
const WORKER_YOUNG_MB = 8;

/**
 * The worker script: `section_worker.ts` from source, the bundle itself else (main.ts starts it
 * by the worker's name, and its import there keeps the module in bundles and executables).
 */
function workerUrl(): URL {
  return import.meta.url.endsWith(".ts")
    ? new URL("./section_worker.ts", import.meta.url)
    : new URL(Deno.mainModule);
}

/** The file behind a connection, or null for an in-memory or temporary database. */
export function databaseFile(raw: DatabaseSync): string | null {
  const rows = raw.prepare("pragma database_list").all() as { name: string; file: string }[];
  const file = rows.find((r) => r.name === "main")?.file ?? "";
  return file === "" ? null : file;
}

/** Reads devices ahead in a worker thread. */
export class SectionReader {
  readonly #path: string;
  readonly #worker: ThreadWorker;
  readonly #waiting = new Map<
    number,
    {
      devices: Map<number, PreparedDevice>;
      resolve: (devices: Map<number, PreparedDevice>) => void;
    }
  >();
  #nextId = 0;
  #failed = false;

  constructor(path: string) {
    this.#path = path;
    this.#worker = new ThreadWorker(workerUrl(), {
      name: "sections",
      resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB },
    });
    this.#worker.on("message", (reply: PrefetchReply) => {
      const pending = this.#waiting.get(reply.id);
      if (!pending) return;
      if ("device" in reply) {
        pending.devices.set(reply.device.deviceId, reply.device);
      } else {
        this.#waiting.delete(reply.id);
        pending.resolve(pending.devices);
      }
    });
    this.#worker.on("error", () => this.#fail());
    this.#worker.on("exit", () => this.#fail());
  }

  /**
   * Prepares the new devices among `deviceIds`; resolves (never rejects) with those the worker
   * could read, by device id. `resolveSoftware` false leaves SOFTWARES parsed but unresolved.
   */
  read(
    deviceIds: readonly number[],
    resolveSoftware: boolean,
  ): Promise<Map<number, PreparedDevice>> {
    if (this.#failed || deviceIds.length === 0) return Promise.resolve(new Map());
    const id = this.#nextId++;
    const request: PrefetchRequest = {
      id,
      path: this.#path,
      deviceIds: [...deviceIds],
      resolveSoftware,
    };
    return new Promise((resolve) => {
      this.#waiting.set(id, { devices: new Map(), resolve });
      this.#worker.postMessage(request);
    });
  }

  /** Stops the worker; pending reads resolve empty. */
  async close(): Promise<void> {
    this.#fail();
    await this.#worker.terminate();
  }

  #fail() {
    this.#failed = true;
    // What arrived is valid (each device is checked against its hashes when used).
    for (const pending of this.#waiting.values()) pending.resolve(pending.devices);
    this.#waiting.clear();
  }
}

/** Whether a prepared device still describes what is stored (`hashes` read in the transaction). */
export function stillCurrent(prepared: PreparedDevice, hashes: ReadonlyMap<string, string>) {
  const read = JSON.parse(prepared.hashesJson) as Record<string, string>;
  const names = Object.keys(read);
  return names.length === hashes.size && names.every((n) => hashes.get(n) === read[n]);
}
