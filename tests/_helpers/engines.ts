/**
 * The storage engines a test runs the same assertions on: the embedded SQLite file and a
 * throw-away PostgreSQL cluster (tests/_helpers/postgres.ts), each as a fresh, empty database.
 *
 * @module
 */

import type { Kysely } from "kysely";
import type { Engine } from "../../server/db/engine.ts";
import { openPostgres } from "../../server/db/postgres/open.ts";
import type { Database } from "../../server/db/schema.ts";
import { openSqlite } from "../../server/db/sqlite.ts";
import { startPostgres } from "./postgres.ts";

/** Both engines, for `for (const engine of ENGINES) Deno.test(…)`. */
export const ENGINES: readonly Engine[] = ["sqlite", "postgres"];

/** Runs `fn` on a new empty database of `engine`; closes and removes it afterwards. */
export async function withEngine<T>(
  engine: Engine,
  fn: (db: Kysely<Database>) => Promise<T>,
): Promise<T> {
  if (engine === "sqlite") {
    const dir = await Deno.makeTempDir({ prefix: "inventory-engine-" });
    const { db, close } = openSqlite<Database>(`${dir}/inventory.sqlite`);
    try {
      return await fn(db);
    } finally {
      await close();
      await Deno.remove(dir, { recursive: true });
    }
  }
  const cluster = await startPostgres();
  try {
    const { db, close } = await openPostgres<Database>(await cluster.createDatabase());
    try {
      return await fn(db);
    } finally {
      await close();
    }
  } finally {
    await cluster.stop();
  }
}
