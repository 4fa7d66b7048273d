/**
 * Applies pending migrations at start. Kysely's Migrator returns its outcome instead of
 * throwing; we turn a failure into one clear error.
 *
 * @module
 */

import type { Kysely } from "kysely";
import { Migrator } from "kysely/migration";
import { migrationProvider } from "./migrations/mod.ts";

/** Brings the schema up to date; returns the names of the migrations applied now. */
// deno-lint-ignore no-explicit-any
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === "Error");
  if (error) {
    throw new Error(
      `Database migration${failed ? ` "${failed.migrationName}"` : ""} failed: ${String(error)}`,
      { cause: error },
    );
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
