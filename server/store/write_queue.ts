/**
 * Group commit: inventories that arrive together are written in one SQLite transaction, each
 * inside its own savepoint. One fsync then covers many inventories (durable and fast), while a
 * failing inventory rolls back alone and the others commit. A caller's promise settles only
 * after the COMMIT, so a 200 is never sent for data that is not on disk.
 *
 * @module
 */

import { type Kysely, sql } from "kysely";

/** A unit of work: runs inside a transaction on the given connection. */
export type WriteJob<Schema, T> = (db: Kysely<Schema>) => Promise<T>;

interface Pending<Schema> {
  job: WriteJob<Schema, unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** Serialises writes and batches those that wait together into one transaction. */
export class WriteQueue<Schema> {
  readonly #db: Kysely<Schema>;
  readonly #maxBatch: number;
  #pending: Pending<Schema>[] = [];
  #flushing: Promise<void> | null = null;

  constructor(db: Kysely<Schema>, options: { maxBatch?: number } = {}) {
    this.#db = db;
    this.#maxBatch = options.maxBatch ?? 64;
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
        await this.#writeBatch(batch);
      }
    } finally {
      this.#flushing = null;
    }
  }

  async #writeBatch(batch: Pending<Schema>[]): Promise<void> {
    const outcomes: { ok: boolean; value: unknown }[] = [];
    try {
      await this.#db.connection().execute(async (conn) => {
        await sql`begin immediate`.execute(conn);
        try {
          for (const item of batch) {
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
      return;
    }
    batch.forEach((item, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.value);
    });
  }
}
