/**
 * One consistent copy of the live database, made by the backup worker (see backup_worker.ts)
 * so the main thread keeps serving meanwhile.
 *
 * @module
 */

import type { BackupReply, BackupRequest } from "./backup_worker.ts";

/** The worker script: this folder's file from source, the bundle itself else (see main.ts). */
function workerUrl(): URL {
  return import.meta.url.endsWith(".ts")
    ? new URL("./backup_worker.ts", import.meta.url)
    : new URL(Deno.mainModule);
}

/** The backup could not be made or did not check out. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupError";
  }
}

/**
 * Copies the database at `source` to `destination` (which must not exist) and checks the copy.
 * Returns the number of pages copied.
 *
 * @throws {BackupError} when the copy fails or its quick_check is not "ok"
 */
export async function backupDatabase(source: string, destination: string): Promise<number> {
  const worker = new Worker(workerUrl(), { type: "module", name: "backup" });
  try {
    const reply = await new Promise<BackupReply>((resolve) => {
      worker.onmessage = (event: MessageEvent<BackupReply>) => resolve(event.data);
      worker.onerror = (event) => {
        event.preventDefault();
        resolve({ ok: false, message: event.message });
      };
      const request: BackupRequest = { source, destination };
      worker.postMessage(request);
    });
    if (!reply.ok) throw new BackupError(`backup failed: ${reply.message}`);
    if (reply.check !== "ok") throw new BackupError(`the copy failed its check: ${reply.check}`);
    return reply.pages;
  } finally {
    worker.terminate();
  }
}
