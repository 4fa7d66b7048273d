/**
 * A bundle probe for bench/pg_drivers.ts: Kysely over `postgres` (Postgres.js) answers one query
 * on the URL given.
 *
 * @module
 */

import { Kysely, sql } from "kysely";
import { PostgresJSDialect } from "kysely-postgres-js";
import postgres from "postgres";

const db = new Kysely<Record<string, never>>({
  dialect: new PostgresJSDialect({ postgres: postgres(Deno.args[0]!, { max: 1 }) }),
});
const { rows } = await sql<{ answer: number }>`select 6 * 7 as answer`.execute(db);
console.log(`answer ${rows[0]?.answer}`);
await db.destroy();
