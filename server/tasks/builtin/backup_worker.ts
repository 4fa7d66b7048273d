/**
 * The online backup, on its own thread and connection: node:sqlite's `backup()` runs
 * synchronously in Deno 2.9 (measured: no timer fires during it), so on the main thread a large
 * database would stall every request. One step (`rate: -1`) copies a consistent snapshot under a
 * single read transaction; the copy is then switched out of WAL mode (one file) and checked with
 * `PRAGMA quick_check`.
 *
 * @module
 */

import { backup, DatabaseSync } from "node:sqlite";

/** What the main thread sends. */
export interface BackupRequest {
  source: string;
  destination: string;
}

/** What the worker answers. */
export type BackupReply =
  | { ok: true; pages: number; check: string }
  | { ok: false; message: string };

/** Answers one backup request, then waits to be terminated. */
export function startBackupWorker(): void {
  const scope = globalThis as unknown as {
    onmessage: ((event: MessageEvent<BackupRequest>) => void) | null;
    postMessage(message: BackupReply): void;
  };
  scope.onmessage = async ({ data }) => {
    try {
      const source = new DatabaseSync(data.source, { readOnly: true });
      try {
        source.exec("PRAGMA busy_timeout = 10000");
        await backup(source, data.destination, { rate: -1 });
      } finally {
        source.close();
      }
      const copy = new DatabaseSync(data.destination);
      let check: string;
      let pages: number;
      try {
        // The copy inherits WAL mode; a rollback-journal file is one self-contained file to keep
        // or restore (closing it leaves no -wal or -shm beside it).
        copy.exec("PRAGMA journal_mode = DELETE");
        pages = Number(
          (copy.prepare("PRAGMA page_count").get() as { page_count: number }).page_count,
        );
        const rows = copy.prepare("PRAGMA quick_check").all() as Record<string, string>[];
        check = rows.map((r) => Object.values(r)[0]).join("; ");
      } finally {
        copy.close();
      }
      scope.postMessage({ ok: true, pages, check });
    } catch (error) {
      scope.postMessage({ ok: false, message: (error as Error).message ?? String(error) });
    }
  };
}

// Entry point when this file is the worker script (source form); the bundle starts it from
// main.ts by worker name.
if (import.meta.main && "WorkerGlobalScope" in globalThis) startBackupWorker();
