/**
 * Failure counters kept in memory, with the backoff of the sign-in throttle (throttle.ts): for
 * checks too frequent to record in the database, such as agents' HTTP Basic auth. The map is
 * bounded (the least recently failed keys are forgotten first), so no stream of new addresses
 * grows it without limit.
 *
 * @module
 */

import { backoffMs, type ThrottlePolicy } from "./throttle.ts";

interface Counter {
  count: number;
  /** Time of the latest failure, ms. */
  last: number;
}

/** The most keys kept; beyond it the least recently failed are forgotten. */
const MAX_KEYS = 10_000;

/** Failures per key under one policy. */
export class MemoryThrottle {
  readonly #policy: ThrottlePolicy;
  readonly #counters = new Map<string, Counter>();
  readonly #maxKeys: number;

  constructor(policy: ThrottlePolicy, maxKeys = MAX_KEYS) {
    this.#policy = policy;
    this.#maxKeys = maxKeys;
  }

  /** Seconds to wait before `key` may be checked again at `now` (ms), 0 when it may now. */
  waitSeconds(key: string, now: number): number {
    const counter = this.#current(key, now);
    if (!counter) return 0;
    const until = counter.last + backoffMs(counter.count, this.#policy);
    return now < until ? Math.ceil((until - now) / 1000) : 0;
  }

  /** Counts a failure of `key` at `now`. */
  fail(key: string, now: number): void {
    const count = (this.#current(key, now)?.count ?? 0) + 1;
    // Re-inserted so the map's order is least recently failed first.
    this.#counters.delete(key);
    this.#counters.set(key, { count, last: now });
    if (this.#counters.size > this.#maxKeys) {
      this.#counters.delete(this.#counters.keys().next().value!);
    }
  }

  /** Forgets the failures of `key`. */
  clear(key: string): void {
    this.#counters.delete(key);
  }

  #current(key: string, now: number): Counter | undefined {
    const counter = this.#counters.get(key);
    if (counter && now - counter.last > this.#policy.windowMs) {
      this.#counters.delete(key);
      return undefined;
    }
    return counter;
  }
}
