/**
 * `PRAGMA quick_check` on its own thread and read-only connection: it reads every page, so on a
 * large file it takes seconds (measured: 5.4–8.2 s for 1.1 GiB on the 2-core test machine), and
 * node:sqlite runs it synchronously. On a worker the start-up can stop waiting for it (see
 * integrity.ts) while it finishes.
 *
 * @module
 */

import { DatabaseSync } from "node:sqlite";

/** What the main thread sends: the database file. */
export interface IntegrityRequest {
  path: string;
}

/** The check's rows joined ("ok" when sound), or why it could not run. */
export type IntegrityReply = { ok: true; result: string } | { ok: false; message: string };

/** Answers one request, then waits to be terminated. */
export function startIntegrityWorker(): void {
  const scope = globalThis as unknown as {
    onmessage: ((event: MessageEvent<IntegrityRequest>) => void) | null;
    postMessage(message: IntegrityReply): void;
  };
  scope.onmessage = ({ data }) => {
    try {
      const db = new DatabaseSync(data.path, { readOnly: true });
      try {
        db.exec("PRAGMA busy_timeout = 10000");
        // At most 10 problems: the first few say enough, and listing thousands takes long.
        const rows = db.prepare("PRAGMA quick_check(10)").all() as Record<string, string>[];
        scope.postMessage({ ok: true, result: rows.map((r) => Object.values(r)[0]).join("; ") });
      } finally {
        db.close();
      }
    } catch (error) {
      scope.postMessage({ ok: false, message: (error as Error).message ?? String(error) });
    }
  };
}

// Entry point when this file is the worker script (source form); the bundle starts it from
// main.ts by worker name.
if (import.meta.main && "WorkerGlobalScope" in globalThis) startIntegrityWorker();
