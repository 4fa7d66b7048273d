/**
 * Group commit: inventories that arrive together are written in one SQLite transaction, each
 * inside its own savepoint. One fsync then covers many inventories (durable and fast), while a
 * failing inventory rolls back alone and the others commit. A caller's promise settles only
 * after the COMMIT, so a 200 is never sent for data that is not on disk.
 *
 * @module
 */

import { type Kysely, sql } from "kysely";
import type { WriterLock } from "../db/writer_lock.ts";

/** A unit of work: runs inside a transaction on the given connection. */
export type WriteJob<Schema, T> = (db: Kysely<Schema>) => Promise<T>;

interface Pending<Schema> {
  job: WriteJob<Schema, unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** Options of a write queue. */
export interface WriteQueueOptions {
  /** Jobs per transaction at most. @default 64 */
  maxBatch?: number;
  /**
   * Commit once a transaction has run this long, leaving the rest for the next one: a writer
   * in another thread (see WriterLock) then waits at most about this long. @default unbounded
   */
  maxBatchMs?: number;
  /** Taken around each transaction when several threads write the same file. */
  lock?: WriterLock;
}

/** Serialises writes and batches those that wait together into one transaction. */
export class WriteQueue<Schema> {
  readonly #db: Kysely<Schema>;
  readonly #maxBatch: number;
  readonly #maxBatchMs: number;
  readonly #lock: WriterLock | undefined;
  #pending: Pending<Schema>[] = [];
  #flushing: Promise<void> | null = null;

  constructor(db: Kysely<Schema>, options: WriteQueueOptions = {}) {
    this.#db = db;
    this.#maxBatch = options.maxBatch ?? 64;
    this.#maxBatchMs = options.maxBatchMs ?? Number.POSITIVE_INFINITY;
    this.#lock = options.lock;
  }

  /** Runs `job` in a transaction; resolves once that transaction has committed. */
  run<T>(job: WriteJob<Schema, T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#pending.push({ job, resolve: resolve as (v: unknown) => void, reject });
      this.#flushing ??= this.#flush();
    });
  }

  /** Resolves when everything queued so far is written. */
  async drain(): Promise<void> {
    while (this.#flushing) await this.#flushing;
  }

  async #flush(): Promise<void> {
    // Let requests that are decoding right now join this batch.
    await new Promise((r) => setTimeout(r, 0));
    try {
      while (this.#pending.length > 0) {
        const batch = this.#pending.splice(0, this.#maxBatch);
        await this.#lock?.acquire();
        let written;
        try {
          written = await this.#writeBatch(batch);
        } finally {
          this.#lock?.release();
        }
        // Jobs past the time budget go first in the next transaction.
        if (written < batch.length) this.#pending.unshift(...batch.slice(written));
      }
    } finally {
      this.#flushing = null;
    }
  }

  /** Writes the batch's first jobs in one transaction; returns how many it settled. */
  async #writeBatch(batch: Pending<Schema>[]): Promise<number> {
    const outcomes: { ok: boolean; value: unknown }[] = [];
    const started = performance.now();
    try {
      await this.#db.connection().execute(async (conn) => {
        await sql`begin immediate`.execute(conn);
        try {
          for (const item of batch) {
            if (outcomes.length > 0 && performance.now() - started > this.#maxBatchMs) break;
            await sql`savepoint job`.execute(conn);
            try {
              outcomes.push({ ok: true, value: await item.job(conn) });
              await sql`release job`.execute(conn);
            } catch (error) {
              await sql`rollback to job`.execute(conn);
              await sql`release job`.execute(conn);
              outcomes.push({ ok: false, value: error });
            }
          }
          await sql`commit`.execute(conn);
        } catch (error) {
          await sql`rollback`.execute(conn).catch(() => {});
          throw error;
        }
      });
    } catch (error) {
      for (const item of batch) item.reject(error);
      return batch.length;
    }
    outcomes.forEach((outcome, i) => {
      const item = batch[i]!;
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.value);
    });
    return outcomes.length;
  }
}
