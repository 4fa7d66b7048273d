/**
 * A user's console preferences: language, time zone and CSV separator (null: not chosen, the
 * browser's language and the server's time zone decide). Additive only.
 */

import type { Kysely } from "kysely";

// deno-lint-ignore no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("users").addColumn("locale", "text").execute();
  await db.schema.alterTable("users").addColumn("time_zone", "text").execute();
  await db.schema.alterTable("users").addColumn("csv_separator", "text").execute();
}

// deno-lint-ignore no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("users").dropColumn("csv_separator").execute();
  await db.schema.alterTable("users").dropColumn("time_zone").execute();
  await db.schema.alterTable("users").dropColumn("locale").execute();
}
