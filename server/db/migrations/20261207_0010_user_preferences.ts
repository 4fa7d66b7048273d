/**
 * A user's console preferences: language, time zone and CSV separator (null: not chosen, the
 * browser's language and the server's time zone decide), and the computer searches users save
 * (their own, or shared with every user). Additive only.
 */

import type { Kysely } from "kysely";

// deno-lint-ignore no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("users").addColumn("locale", "text").execute();
  await db.schema.alterTable("users").addColumn("time_zone", "text").execute();
  await db.schema.alterTable("users").addColumn("csv_separator", "text").execute();
  await db.schema.createTable("saved_searches")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("query", "text", (c) => c.notNull())
    .addColumn("shared", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("saved_searches_user").on("saved_searches").column("user_id")
    .execute();
}

// deno-lint-ignore no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("saved_searches").execute();
  await db.schema.alterTable("users").dropColumn("csv_separator").execute();
  await db.schema.alterTable("users").dropColumn("time_zone").execute();
  await db.schema.alterTable("users").dropColumn("locale").execute();
}
