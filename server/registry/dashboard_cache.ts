/**
 * A short-lived cache for expensive dashboard aggregates (the software top reads every
 * installation in scope: ~15 million rows at 100,000 computers). Keyed by entity scope.
 *
 * A fresh value is served as is; a stale one is served at once while one refresh runs in the
 * background (the page says "as of hh:mm"); a missing one is computed while the request waits at
 * most `waitMs`, after which the page says the figure is being counted. One computation per key
 * at a time, however many requests ask.
 *
 * @module
 */

/** What a read found. */
export type CacheRead<T> =
  | { state: "ready"; value: T; computedAt: Date; stale: boolean }
  | { state: "computing"; startedAt: Date }
  | { state: "failed"; message: string };

interface Entry<T> {
  value?: T;
  computedAt?: Date;
  error?: string;
  pending?: Promise<void>;
  startedAt?: Date;
}

/** Options of {@linkcode AggregateCache}. */
export interface AggregateCacheOptions {
  /** Age after which a value is refreshed. */
  ttlMs: number;
  /** Keys kept; the oldest idle one goes first. */
  maxEntries: number;
  now: () => Date;
  /** Called when a computation fails (the read reports it too). */
  onError?: (key: string, error: unknown) => void;
}

/** The cache key of an entity scope. */
export function scopeKey(scope: readonly number[] | "all"): string {
  return scope === "all" ? "all" : [...scope].sort((a, b) => a - b).join(",");
}

/** A cache of one kind of aggregate, by key. */
export class AggregateCache<T> {
  readonly #entries = new Map<string, Entry<T>>();
  readonly #options: AggregateCacheOptions;

  constructor(options: AggregateCacheOptions) {
    this.#options = options;
  }

  /** Keys held now (for tests and diagnostics). */
  get size(): number {
    return this.#entries.size;
  }

  /** The value of `key`, computing it with `compute` when missing or stale (see the module). */
  async read(key: string, compute: () => Promise<T>, waitMs: number): Promise<CacheRead<T>> {
    let entry = this.#entries.get(key);
    if (!entry) {
      entry = {};
      this.#entries.set(key, entry);
      this.#evict();
    }
    const now = this.#options.now();
    const fresh = entry.computedAt !== undefined &&
      now.getTime() - entry.computedAt.getTime() < this.#options.ttlMs;
    if (entry.value !== undefined && fresh) return this.#ready(entry, false);
    if (!entry.pending) this.#start(key, entry, compute);
    if (entry.value !== undefined) return this.#ready(entry, true);
    await this.#waitFor(entry.pending!, waitMs);
    if (entry.value !== undefined) return this.#ready(entry, false);
    if (entry.error !== undefined && !entry.pending) {
      return { state: "failed", message: entry.error };
    }
    return { state: "computing", startedAt: entry.startedAt ?? now };
  }

  /** Waits for every computation under way (tests and shutdown). */
  async settle(): Promise<void> {
    await Promise.all([...this.#entries.values()].map((e) => e.pending));
  }

  #ready(entry: Entry<T>, stale: boolean): CacheRead<T> {
    return { state: "ready", value: entry.value!, computedAt: entry.computedAt!, stale };
  }

  #start(key: string, entry: Entry<T>, compute: () => Promise<T>): void {
    entry.startedAt = this.#options.now();
    entry.pending = compute().then(
      (value) => {
        entry.value = value;
        entry.computedAt = this.#options.now();
        entry.error = undefined;
      },
      (error: unknown) => {
        entry.error = error instanceof Error ? error.message : String(error);
        this.#options.onError?.(key, error);
      },
    ).finally(() => {
      entry.pending = undefined;
    });
  }

  async #waitFor(pending: Promise<void>, waitMs: number): Promise<void> {
    if (!Number.isFinite(waitMs)) return await pending;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<void>((resolve) => timer = setTimeout(resolve, waitMs));
    try {
      await Promise.race([pending, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  #evict(): void {
    for (const [key, entry] of this.#entries) {
      if (this.#entries.size <= this.#options.maxEntries) return;
      if (!entry.pending) this.#entries.delete(key);
    }
  }
}
