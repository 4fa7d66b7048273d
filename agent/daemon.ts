/**
 * Daemon mode: run, wait PROLOG_FREQ hours, run again, forever. Timing follows the OCS agents
 * (`ocs-protocol.md` §6.1, §6.2) so a fleet does not report in one burst:
 *
 * - the first run waits a random time within one period (the Windows service's TTO_WAIT; the
 *   Unix agent's `--wait`), so machines started together spread out;
 * - after a success the next wait is exactly PROLOG_FREQ, or again random within the period when
 *   the server changed PROLOG_FREQ (every machine got the change at once);
 * - after a failure the retry comes at a random point of a window that doubles from one minute
 *   up to PROLOG_FREQ, so a server outage is not followed by a stampede.
 *
 * The clock is injected: tests pass a fake `sleep` and a small `hourMs`.
 *
 * @module
 */

/** What the loop needs. */
export interface DaemonDeps {
  /** One run; resolves to the PROLOG_FREQ (hours) it learnt, rejects when it failed. */
  runOnce(): Promise<number>;
  /** PROLOG_FREQ known before the first run (from `ocsinv.conf`). */
  initialFreq: number;
  /** Waits `ms`; resolves early when `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  /** First run at once instead of at a random time (`--daemon --now`). */
  immediate?: boolean;
  /** Uniform in [0, 1). Default Math.random. */
  random?: () => number;
  /** Length of an hour in ms. Default 3 600 000. */
  hourMs?: number;
  /** Stops the loop (SIGTERM, tests). */
  signal: AbortSignal;
  log(message: string): void;
}

/** Runs until `signal` aborts. Never rejects: a failed run is logged and retried. */
export async function runDaemon(deps: DaemonDeps): Promise<void> {
  const random = deps.random ?? Math.random;
  const hour = deps.hourMs ?? 3_600_000;
  const minute = hour / 60;
  let freq = positive(deps.initialFreq);
  let wait = deps.immediate ? 0 : random() * freq * hour;
  let window = minute;
  while (!deps.signal.aborted) {
    deps.log(`next run in ${formatMs(wait)}`);
    await deps.sleep(wait, deps.signal);
    if (deps.signal.aborted) break;
    try {
      const next = positive(await deps.runOnce());
      wait = next === freq ? next * hour : random() * next * hour;
      freq = next;
      window = minute;
    } catch (error) {
      deps.log(`run failed: ${(error as Error).message}`);
      wait = window * (0.5 + random() / 2);
      window = Math.min(window * 2, freq * hour);
    }
  }
}

/** A real sleep that an abort cuts short. */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}

function positive(hours: number): number {
  // The Windows service treats PROLOG_FREQ ≤ 0 as its default, 10.
  return Number.isFinite(hours) && hours > 0 ? hours : 10;
}

function formatMs(ms: number): string {
  const s = Math.round(ms / 1000);
  return s >= 3600
    ? `${(s / 3600).toFixed(1)} h`
    : s >= 60
    ? `${Math.round(s / 60)} min`
    : `${s} s`;
}
