/**
 * One SQLite writer at a time among this process's threads, taken before `BEGIN IMMEDIATE`.
 *
 * Why not let SQLite arbitrate: `node:sqlite` waits for a busy write lock in SQLite's busy
 * handler, which sleeps the calling thread. Were the registry worker committing while the main
 * thread began a write, every request would stall for that time. With this lock the main thread
 * waits asynchronously (`Atomics.waitAsync`) and keeps answering; the worker waits in its own
 * thread and gives way to a waiting main thread between its transactions.
 *
 * The lock lives in a SharedArrayBuffer handed to the worker at its start. Other processes (a
 * CLI command on the same file) still meet SQLite's busy timeout, as before.
 *
 * @module
 */

/** Who holds the lock (cell HOLDER). */
const FREE = 0;
const MAIN = 1;
const WORKER = 2;

/** Cells of the shared Int32Array. */
const HOLDER = 0;
const MAIN_WAITING = 1;

/** Waits re-check at least this often (a missed notify costs this much at worst). */
const RECHECK_MS = 250;

/** One side of the lock: the main thread (first in line) or a worker (gives way). */
export class WriterLock {
  readonly buffer: SharedArrayBuffer;
  readonly #cells: Int32Array;
  readonly #me: number;

  private constructor(buffer: SharedArrayBuffer, side: "main" | "worker") {
    this.buffer = buffer;
    this.#cells = new Int32Array(buffer);
    this.#me = side === "main" ? MAIN : WORKER;
  }

  /** A new lock, held by nobody, for the main thread; pass `buffer` to the worker. */
  static create(): WriterLock {
    return new WriterLock(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT), "main");
  }

  /** The worker's side of a lock created on the main thread. */
  static worker(buffer: SharedArrayBuffer): WriterLock {
    return new WriterLock(buffer, "worker");
  }

  /** Resolves once this side holds the lock. */
  async acquire(): Promise<void> {
    const cells = this.#cells;
    if (this.#me === MAIN) Atomics.add(cells, MAIN_WAITING, 1);
    try {
      for (;;) {
        if (this.#me === WORKER) {
          // The main thread goes first: ingestion and the console wait on it.
          let waiting;
          while ((waiting = Atomics.load(cells, MAIN_WAITING)) > 0) {
            await wait(cells, MAIN_WAITING, waiting);
          }
        }
        const holder = Atomics.compareExchange(cells, HOLDER, FREE, this.#me);
        if (holder === FREE) return;
        await wait(cells, HOLDER, holder);
      }
    } finally {
      if (this.#me === MAIN) {
        Atomics.sub(cells, MAIN_WAITING, 1);
        Atomics.notify(cells, MAIN_WAITING);
      }
    }
  }

  /** Gives the lock back. */
  release(): void {
    if (Atomics.compareExchange(this.#cells, HOLDER, this.#me, FREE) === this.#me) {
      Atomics.notify(this.#cells, HOLDER);
    }
  }

  /** Frees a lock the worker held when it died (main side only). */
  releaseDeadWorker(): void {
    if (Atomics.compareExchange(this.#cells, HOLDER, WORKER, FREE) === WORKER) {
      Atomics.notify(this.#cells, HOLDER);
    }
  }

  /** Runs `work` holding the lock. */
  async with<T>(work: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await work();
    } finally {
      this.release();
    }
  }
}

async function wait(cells: Int32Array, index: number, value: number): Promise<void> {
  const outcome = Atomics.waitAsync(cells, index, value, RECHECK_MS);
  if (outcome.async) await outcome.value;
}
