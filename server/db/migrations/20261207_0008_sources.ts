/**
 * Sources: existing OCS databases read into the registry (`server/sources/`). A source's
 * machines are devices like any other; `source_devices` says which OCS machine feeds which
 * device, so deletions and merges recorded by OCS reach the right one. Removing a source removes
 * its rows here (ON DELETE CASCADE), not its devices.
 */

import type { Kysely } from "kysely";

// deno-lint-ignore no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable("sources")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("name", "text", (c) => c.notNull().unique())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("url", "text", (c) => c.notNull())
    .addColumn("password_enc", "text")
    .addColumn("password_env", "text")
    .addColumn("enabled", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("options", "text", (c) => c.notNull())
    .addColumn("cursor", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("last_sync_at", "text")
    .addColumn("last_status", "text")
    .addColumn("last_message", "text")
    .addColumn("ocs_version", "text")
    .addColumn("imported", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("updated", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("trashed", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("merged", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("refused", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("errors", "integer", (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema.createTable("source_devices")
    .addColumn(
      "source_id",
      "integer",
      (c) => c.notNull().references("sources.id").onDelete("cascade"),
    )
    .addColumn("ocs_id", "integer", (c) => c.notNull())
    .addColumn("ocs_deviceid", "text", (c) => c.notNull())
    .addColumn("device_id", "integer", (c) => c.notNull())
    .addColumn("ocs_lastdate", "text", (c) => c.notNull())
    .addColumn("ocs_checksum", "integer", (c) => c.notNull())
    .addColumn("synced_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("source_devices_pk", ["source_id", "ocs_id"])
    .execute();
  await db.schema.createIndex("source_devices_device").on("source_devices").column("device_id")
    .execute();

  await db.schema.createTable("source_errors")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn(
      "source_id",
      "integer",
      (c) => c.notNull().references("sources.id").onDelete("cascade"),
    )
    .addColumn("ocs_id", "integer", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("message", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("source_errors_source").on("source_errors").columns([
    "source_id",
    "id",
  ])
    .execute();
}

// deno-lint-ignore no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("source_errors").execute();
  await db.schema.dropTable("source_devices").execute();
  await db.schema.dropTable("sources").execute();
}
