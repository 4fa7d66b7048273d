/**
 * A bundle probe for bench/pg_drivers.ts: Kysely over `pg` answers one query on the URL given.
 *
 * @module
 */

import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";

const db = new Kysely<Record<string, never>>({
  dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: Deno.args[0], max: 1 }) }),
});
const { rows } = await sql<{ answer: number }>`select 6 * 7 as answer`.execute(db);
console.log(`answer ${rows[0]?.answer}`);
await db.destroy();
