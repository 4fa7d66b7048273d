/**
 * Key locks for several servers on one PostgreSQL: a transaction that is about to decide from
 * what exists (is a computer with this serial already there?) first locks the keys it decides
 * on, so two servers importing two devices of one machine at once take turns and the second sees
 * the first's computer. Transaction-scoped advisory locks: released at COMMIT or ROLLBACK, and
 * by the server when a process dies with its connection, so nothing needs cleaning up.
 *
 * On SQLite the storage port's version is a no-op: one writer at a time already serialises.
 *
 * @module
 */

import { type Kysely, sql } from "kysely";

/**
 * Locks `keys` (e.g. `serial:ABC123`, `uuid:…`) until the end of the transaction `tx` is in,
 * waiting for other transactions that hold any of them. All keys in one statement, in one
 * global order (by hash), so two transactions locking overlapping sets cannot deadlock.
 */
// deno-lint-ignore no-explicit-any
export async function lockKeys(tx: Kysely<any>, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  await sql`
    select pg_advisory_xact_lock(h) from (
      select distinct hashtextextended(k, 0) as h from unnest(${[...keys]}::text[]) as k
      order by h
    ) as ordered`.execute(tx);
}
