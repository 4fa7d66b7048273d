/**
 * The one source of time for the scheduler and its tasks. The server uses the system clock;
 * tests use {@link FakeClock} and run days of schedule in milliseconds.
 *
 * @module
 */

/** Time and waiting. */
export interface Clock {
  now(): Date;
  /** Resolves after `ms`, or as soon as `signal` aborts. Never rejects. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The system clock; `now` may be replaced (the server context's clock, see `ServerContext.now`). */
export function systemClock(now: () => Date = () => new Date()): Clock {
  return {
    now,
    sleep(ms, signal) {
      return new Promise<void>((resolve) => {
        if (signal?.aborted) return resolve();
        const done = () => {
          clearTimeout(timer);
          signal?.removeEventListener("abort", done);
          resolve();
        };
        const timer = setTimeout(done, Math.max(0, ms));
        signal?.addEventListener("abort", done, { once: true });
      });
    },
  };
}

interface Sleeper {
  at: number;
  seq: number;
  resolve: () => void;
}

/** A clock that moves only when told; sleeps end when {@link FakeClock.advance} passes them. */
export class FakeClock implements Clock {
  #now: number;
  #sleepers: Sleeper[] = [];
  #seq = 0;

  constructor(start: Date | string = "2026-11-21T00:00:00.000Z") {
    this.#now = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.#now);
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      const sleeper: Sleeper = {
        at: this.#now + Math.max(0, ms),
        seq: this.#seq++,
        resolve: () => {
          this.#sleepers = this.#sleepers.filter((s) => s !== sleeper);
          signal?.removeEventListener("abort", sleeper.resolve);
          resolve();
        },
      };
      this.#sleepers.push(sleeper);
      signal?.addEventListener("abort", sleeper.resolve, { once: true });
    });
  }

  /** Sleeps not yet ended. */
  get pendingSleeps(): number {
    return this.#sleepers.length;
  }

  /**
   * Moves time forward by `ms`, ending each sleep at its own instant in order, and lets the
   * woken code run (a macrotask turn) before the next one.
   */
  async advance(ms: number): Promise<void> {
    const target = this.#now + ms;
    for (;;) {
      const next = this.#sleepers
        .filter((s) => s.at <= target)
        .sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!next) break;
      this.#now = Math.max(this.#now, next.at);
      next.resolve();
      await new Promise((r) => setTimeout(r, 0));
    }
    this.#now = target;
    await new Promise((r) => setTimeout(r, 0));
  }

  /** Jumps to `time` (never backwards), ending the sleeps on the way. */
  advanceTo(time: Date | string): Promise<void> {
    return this.advance(Math.max(0, new Date(time).getTime() - this.#now));
  }
}
