/** The raw-XML hash of each stored section: a re-inventory parses only sections whose raw text changed. */

import type { Kysely } from "kysely";

// deno-lint-ignore no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("device_sections").addColumn("raw_hash", "text").execute();
}

// deno-lint-ignore no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("device_sections").dropColumn("raw_hash").execute();
}
