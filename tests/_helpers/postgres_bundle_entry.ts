/**
 * The entry `tests/postgres_bundle_test.ts` bundles: opens PostgreSQL on the URL given, runs the
 * migrations and a search, and prints what it saw, so the bundled driver, dialect, schema plugin
 * and migrations are proven to work as one file.
 *
 * @module
 */

import { migrateToLatest } from "../../server/db/migrate.ts";
import { openPostgres } from "../../server/db/postgres/open.ts";
import { searchDevices, writeSearchKeys } from "../../server/db/postgres/search_index.ts";
import type { Database } from "../../server/db/schema.ts";

const { db, close } = await openPostgres<Database>(Deno.args[0]!);
try {
  const applied = await migrateToLatest(db);
  await writeSearchKeys(db, 7, { mac: "00:1a:2b:3c:4d:5e" });
  const found = await searchDevices(db, "00:1a");
  console.log(JSON.stringify({ applied: applied.length, found }));
} finally {
  await close();
}
