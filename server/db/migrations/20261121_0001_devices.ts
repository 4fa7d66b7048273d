/** Devices, their sections, search keys, payloads and events. */

import type { Kysely } from "kysely";
import { createSearchIndex as createFts5Index } from "../../store/search_index.ts";
import { engineOf } from "../engine.ts";
import { createSearchIndex as createPostgresSearchIndex } from "../postgres/search_index.ts";

// deno-lint-ignore no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable("devices")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("deviceid", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("os_name", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("serial", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("uuid", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("first_seen", "text", (c) => c.notNull())
    .addColumn("last_come", "text", (c) => c.notNull())
    .addColumn("last_date", "text")
    .addColumn("user_agent", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("ip_src", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("tag", "text")
    .addColumn("account_info", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("checksum", "integer", (c) => c.notNull().defaultTo(262143))
    .addColumn("prolog_freq", "integer")
    .addColumn("frequency", "integer")
    .addColumn("inventory_on_startup", "integer")
    .addColumn("contacts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("inventories", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex("devices_name").on("devices").column("name").execute();
  await db.schema.createIndex("devices_last_come").on("devices").column("last_come").execute();
  await db.schema.createIndex("devices_tag").on("devices").column("tag").execute();

  await db.schema.createTable("device_sections")
    .addColumn(
      "device_id",
      "integer",
      (c) => c.notNull().references("devices.id").onDelete("cascade"),
    )
    .addColumn("section", "text", (c) => c.notNull())
    .addColumn("hash", "text", (c) => c.notNull())
    .addColumn("data", "text", (c) => c.notNull())
    .addColumn("entries", "integer", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("device_sections_pk", ["device_id", "section"])
    .execute();

  // Full-text search is each engine's own: FTS5 on SQLite, a tsvector with GIN on PostgreSQL.
  await (engineOf(db) === "postgres" ? createPostgresSearchIndex(db) : createFts5Index(db));

  await db.schema.createTable("device_payloads")
    .addColumn(
      "device_id",
      "integer",
      (c) => c.primaryKey().references("devices.id").onDelete("cascade"),
    )
    .addColumn("received_at", "text", (c) => c.notNull())
    .addColumn("encoding", "text", (c) => c.notNull())
    .addColumn("body", "blob", (c) => c.notNull())
    .execute();

  await db.schema.createTable("device_events")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("device_id", "integer", (c) => c.notNull())
    .addColumn("deviceid", "text", (c) => c.notNull())
    .addColumn("into_device_id", "integer")
    .addColumn("into_deviceid", "text")
    .addColumn("consumed_at", "text")
    .execute();
  await db.schema.createIndex("device_events_pending").on("device_events")
    .columns(["consumed_at", "id"]).execute();

  await db.schema.createTable("download_results")
    .addColumn(
      "device_id",
      "integer",
      (c) => c.notNull().references("devices.id").onDelete("cascade"),
    )
    .addColumn("package_id", "text", (c) => c.notNull())
    .addColumn("result", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("download_results_pk", ["device_id", "package_id"])
    .execute();
}

// deno-lint-ignore no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (
    const table of [
      "download_results",
      "device_events",
      "device_payloads",
      "device_search",
      "device_sections",
      "devices",
    ]
  ) {
    await db.schema.dropTable(table).execute();
  }
}
