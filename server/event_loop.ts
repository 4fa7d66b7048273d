/**
 * How long the main thread's event loop makes work wait: a timer due every 10 ms records how late
 * it fires. A late timer means a request handler, a task or a synchronous SQLite call held the
 * thread; agents, the API and the console all waited that long.
 *
 * Hand-written because Deno 2.9's `node:perf_hooks` `monitorEventLoopDelay` does not see a
 * blocked loop (measured: a 120 ms busy loop showed a 0.006 ms maximum).
 *
 * The histogram is cumulative (buckets as Prometheus has them): a reader takes two snapshots and
 * subtracts them to get the delays of the time between.
 *
 * @module
 */

/** Upper bounds of the buckets, in milliseconds (the last bucket has no bound). */
export const DELAY_BUCKETS_MS = [
  1,
  2,
  3,
  5,
  7,
  10,
  15,
  20,
  30,
  40,
  50,
  75,
  100,
  150,
  200,
  300,
  500,
  1000,
  2000,
  5000,
] as const;

const INTERVAL_MS = 10;

/** A stall longer than this is logged (at most once per STALL_LOG_EVERY_MS). */
const STALL_LOG_MS = 200;
const STALL_LOG_EVERY_MS = 10_000;

/** The delays recorded since the start. */
export interface EventLoopSnapshot {
  /** Samples taken. */
  count: number;
  /** Samples per bucket: `buckets[i]` counts delays ≤ DELAY_BUCKETS_MS[i] (and above the one before); the last counts the rest. */
  buckets: number[];
  /** The longest delay seen, ms. */
  maxMs: number;
  /** Sum of the delays, ms. */
  sumMs: number;
}

/** Samples the event loop's delay until stopped. */
export class EventLoopMonitor {
  readonly #buckets = new Array<number>(DELAY_BUCKETS_MS.length + 1).fill(0);
  #count = 0;
  #max = 0;
  #sum = 0;
  #timer: ReturnType<typeof setInterval> | null = null;
  #lastLog = -Infinity;

  /** Starts sampling; `onStall` hears about long stalls (a log line). */
  start(onStall?: (ms: number) => void): this {
    let expected = performance.now() + INTERVAL_MS;
    this.#timer = setInterval(() => {
      const now = performance.now();
      const delay = Math.max(0, now - expected);
      expected = now + INTERVAL_MS;
      this.record(delay);
      if (delay >= STALL_LOG_MS && onStall && now - this.#lastLog >= STALL_LOG_EVERY_MS) {
        this.#lastLog = now;
        onStall(Math.round(delay));
      }
    }, INTERVAL_MS);
    // A sampler must not keep the process alive.
    Deno.unrefTimer(this.#timer);
    return this;
  }

  /** Records one delay (ms). */
  record(delayMs: number): void {
    let i = 0;
    while (i < DELAY_BUCKETS_MS.length && delayMs > DELAY_BUCKETS_MS[i]!) i++;
    this.#buckets[i]!++;
    this.#count++;
    this.#sum += delayMs;
    if (delayMs > this.#max) this.#max = delayMs;
  }

  snapshot(): EventLoopSnapshot {
    return {
      count: this.#count,
      buckets: [...this.#buckets],
      maxMs: Math.round(this.#max * 10) / 10,
      sumMs: Math.round(this.#sum),
    };
  }

  stop(): void {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
  }
}

/**
 * The delay below which a share `q` (0.99 for p99) of the samples between two snapshots fall:
 * the upper bound of the bucket that holds it (Infinity past the last bound).
 */
export function delayQuantile(
  q: number,
  after: EventLoopSnapshot,
  before?: EventLoopSnapshot,
): number {
  const counts = after.buckets.map((n, i) => n - (before?.buckets[i] ?? 0));
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return 0;
  const rank = Math.ceil(q * total);
  let seen = 0;
  for (let i = 0; i < counts.length; i++) {
    seen += counts[i]!;
    if (seen >= rank) return DELAY_BUCKETS_MS[i] ?? Infinity;
  }
  return Infinity;
}
