/**
 * The start-up integrity check, bounded in time: `PRAGMA quick_check` runs on a worker (see
 * integrity_worker.ts) and the start waits for it at most `budgetMs`. Small and medium files are
 * checked before anything is served; on a file too large for the budget the server starts, the
 * check goes on, and its verdict is logged when it comes (the nightly backup checks every copy
 * too).
 *
 * @module
 */

import type { IntegrityReply, IntegrityRequest } from "./integrity_worker.ts";

/** The worker script: this folder's file from source, the bundle itself else (see main.ts). */
function workerUrl(): URL {
  return import.meta.url.endsWith(".ts")
    ? new URL("./integrity_worker.ts", import.meta.url)
    : new URL(Deno.mainModule);
}

/** A check's verdict: "ok", or what SQLite found wrong. */
export type IntegrityVerdict = { sound: true } | { sound: false; problem: string };

/** The verdict within the budget, or the verdict still to come. */
export type IntegrityOutcome =
  | { finished: true; verdict: IntegrityVerdict; ms: number }
  | { finished: false; later: Promise<IntegrityVerdict & { ms: number }> };

/** Runs `PRAGMA quick_check` on `path`, waiting at most `budgetMs` for it. */
export async function checkIntegrity(path: string, budgetMs: number): Promise<IntegrityOutcome> {
  const started = performance.now();
  const worker = new Worker(workerUrl(), { type: "module", name: "integrity" });
  const verdict = new Promise<IntegrityVerdict & { ms: number }>((resolve) => {
    const done = (v: IntegrityVerdict) => {
      worker.terminate();
      resolve({ ...v, ms: Math.round(performance.now() - started) });
    };
    worker.onmessage = ({ data }: MessageEvent<IntegrityReply>) =>
      done(
        !data.ok
          ? { sound: false, problem: data.message }
          : data.result === "ok"
          ? { sound: true }
          : { sound: false, problem: data.result },
      );
    worker.onerror = (event) => {
      event.preventDefault();
      done({ sound: false, problem: event.message });
    };
    const request: IntegrityRequest = { path };
    worker.postMessage(request);
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<null>((resolve) => timer = setTimeout(() => resolve(null), budgetMs));
  const first = await Promise.race([verdict, timeout]);
  clearTimeout(timer);
  if (first === null) return { finished: false, later: verdict };
  const { ms, ...rest } = first;
  return { finished: true, verdict: rest as IntegrityVerdict, ms };
}
