/**
 * The asset registry: entities, locations, states, computers and what they are made of, the
 * software catalogue, peripherals, links to the devices that feed them, locks, history, rules and
 * the devices not (yet) imported. Table types: `server/registry/schema.ts`.
 */

import type { ColumnDefinitionBuilder, CreateTableBuilder, Kysely } from "kysely";
import { syncIdentity, withoutRowid } from "../engine.ts";

/** A row that belongs to a computer and goes when the computer is purged. */
const ownedByComputer = (c: ColumnDefinitionBuilder) =>
  c.notNull().references("computers.id").onDelete("cascade");

/** The columns every keyed part of a computer has: owner, identity, content signature. */
function keyedChild<T extends CreateTableBuilder<string, never>>(table: T): T {
  return table
    .addColumn("computer_id", "integer", ownedByComputer)
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("sig", "text", (c) => c.notNull()) as T;
}

// deno-lint-ignore no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable("entities")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("parent_id", "integer", (c) => c.references("entities.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("completename", "text", (c) => c.notNull().unique())
    .addColumn("level", "integer", (c) => c.notNull())
    .addColumn("tag", "text")
    .addColumn("comment", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  await db.schema.createIndex("entities_tag").on("entities").column("tag").execute();
  await db.insertInto("entities")
    .values({ id: 1, parent_id: null, name: "Root entity", completename: "Root entity", level: 1 })
    .execute();
  await syncIdentity(db, "entities");

  await db.schema.createTable("locations")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("parent_id", "integer", (c) => c.references("locations.id"))
    .addColumn("entity_id", "integer", (c) => c.notNull().references("entities.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("completename", "text", (c) => c.notNull().unique())
    .addColumn("level", "integer", (c) => c.notNull())
    .addColumn("comment", "text", (c) => c.notNull().defaultTo(""))
    .execute();

  await db.schema.createTable("states")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull().unique())
    .execute();
  await db.insertInto("states")
    .values([{ name: "In use" }, { name: "In stock" }, { name: "Not seen" }, { name: "Retired" }])
    .execute();

  await db.schema.createTable("computers")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("serial", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("uuid", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("inventory_number", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("manufacturer", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("model", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("type", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("os_name", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("os_version", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("os_arch", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("os_serial", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("domain", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("user", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("contact", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("comment", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("cpu", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("memory_mb", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("ip", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("tag", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("entity_id", "integer", (c) => c.notNull().defaultTo(1).references("entities.id"))
    .addColumn("location_id", "integer", (c) => c.references("locations.id"))
    .addColumn("state_id", "integer", (c) => c.references("states.id"))
    .addColumn("is_dynamic", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("is_deleted", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("deleted_at", "text")
    .addColumn("last_inventory_at", "text")
    .addColumn("last_contact_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("import_rule", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("import_trace", "text")
    .execute();
  for (
    const column of ["serial", "uuid", "name", "entity_id", "location_id", "last_inventory_at"]
  ) {
    await db.schema.createIndex(`computers_${column}`).on("computers").column(column).execute();
  }
  await db.schema.createIndex("computers_deleted").on("computers").columns(["is_deleted", "id"])
    .execute();

  await db.schema.createTable("computer_links")
    .addColumn("device_id", "integer", (c) => c.primaryKey())
    .addColumn("computer_id", "integer", ownedByComputer)
    .addColumn("deviceid", "text", (c) => c.notNull())
    .addColumn("linked_at", "text", (c) => c.notNull())
    .addColumn("synced_at", "text", (c) => c.notNull())
    .addColumn("synced_date", "text", (c) => c.notNull())
    .addColumn("synced_inventories", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("synced_hashes", "text", (c) => c.notNull().defaultTo("{}"))
    .execute();
  await db.schema.createIndex("computer_links_computer").on("computer_links").column("computer_id")
    .execute();

  await db.schema.createTable("device_imports")
    .addColumn("device_id", "integer", (c) => c.primaryKey())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("rule_name", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("trace", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("device_date", "text", (c) => c.notNull())
    .addColumn("device_inventories", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("first_at", "text", (c) => c.notNull())
    .addColumn("last_at", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex("device_imports_status").on("device_imports").column("status")
    .execute();

  await db.schema.createTable("components")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("computer_id", "integer", ownedByComputer)
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("sig", "text", (c) => c.notNull())
    .addColumn("designation", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("manufacturer", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("serial", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("size", "integer")
    .addColumn("detail", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("is_dynamic", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("is_deleted", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex("components_computer").on("components")
    .columns(["computer_id", "kind"]).execute();

  await db.schema.createTable("network_ports")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .$call(keyedChild)
    .addColumn("name", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("mac", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("ip", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("subnet", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("type", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("speed", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("is_virtual", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex("network_ports_computer").on("network_ports").column("computer_id")
    .execute();
  await db.schema.createIndex("network_ports_mac").on("network_ports").column("mac").execute();
  await db.schema.createIndex("network_ports_ip").on("network_ports").column("ip").execute();

  await db.schema.createTable("volumes")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .$call(keyedChild)
    .addColumn("mount", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("filesystem", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("label", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("total_mb", "integer")
    .addColumn("free_mb", "integer")
    .execute();
  await db.schema.createIndex("volumes_computer").on("volumes").column("computer_id").execute();

  await db.schema.createTable("virtual_machines")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .$call(keyedChild)
    .addColumn("name", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("uuid", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("vmtype", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("status", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("memory_mb", "integer")
    .addColumn("vcpu", "integer")
    .execute();
  await db.schema.createIndex("virtual_machines_computer").on("virtual_machines")
    .column("computer_id").execute();

  await db.schema.createTable("software")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("publisher", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("name_key", "text", (c) => c.notNull())
    .addColumn("publisher_key", "text", (c) => c.notNull())
    .addColumn("category", "text", (c) => c.notNull().defaultTo(""))
    .addUniqueConstraint("software_identity", ["name_key", "publisher_key"])
    .execute();

  await db.schema.createTable("software_versions")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn(
      "software_id",
      "integer",
      (c) => c.notNull().references("software.id").onDelete("cascade"),
    )
    .addColumn("version", "text", (c) => c.notNull())
    .addUniqueConstraint("software_version_identity", ["software_id", "version"])
    .execute();

  await db.schema.createTable("software_installs")
    .addColumn("computer_id", "integer", ownedByComputer)
    .addColumn("version_id", "integer", (c) => c.notNull().references("software_versions.id"))
    .addColumn("install_date", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("arch", "text", (c) => c.notNull().defaultTo(""))
    .addPrimaryKeyConstraint("software_installs_pk", ["computer_id", "version_id"])
    .modifyEnd(withoutRowid(db))
    .execute();
  await db.schema.createIndex("software_installs_version").on("software_installs")
    .columns(["version_id", "computer_id"]).execute();

  await db.schema.createTable("peripherals")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("manufacturer", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("serial", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("entity_id", "integer", (c) => c.notNull().defaultTo(1).references("entities.id"))
    .addColumn("is_global", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("is_dynamic", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("is_deleted", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("peripherals_identity").on("peripherals")
    .columns(["kind", "serial"]).execute();
  await db.schema.createIndex("peripherals_name").on("peripherals").columns(["kind", "name"])
    .execute();

  await db.schema.createTable("peripheral_links")
    .addColumn(
      "peripheral_id",
      "integer",
      (c) => c.notNull().references("peripherals.id").onDelete("cascade"),
    )
    .addColumn("computer_id", "integer", ownedByComputer)
    .addColumn("linked_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("peripheral_links_pk", ["peripheral_id", "computer_id"])
    .execute();
  await db.schema.createIndex("peripheral_links_computer").on("peripheral_links")
    .column("computer_id").execute();

  await db.schema.createTable("computer_locks")
    .addColumn("computer_id", "integer", ownedByComputer)
    .addColumn("field", "text", (c) => c.notNull())
    .addColumn("locked_at", "text", (c) => c.notNull())
    .addColumn("locked_by", "text", (c) => c.notNull())
    .addColumn("inventory_value", "text")
    .addPrimaryKeyConstraint("computer_locks_pk", ["computer_id", "field"])
    .execute();

  await db.schema.createTable("history")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("computer_id", "integer", ownedByComputer)
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("field", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("old_value", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("new_value", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("actor", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  await db.schema.createIndex("history_computer").on("history").columns(["computer_id", "id"])
    .execute();
  await db.schema.createIndex("history_at").on("history").column("at").execute();

  await db.schema.createTable("rules")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("uuid", "text", (c) => c.notNull().unique())
    .addColumn("collection", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("ranking", "integer", (c) => c.notNull())
    .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("match", "text", (c) => c.notNull().defaultTo("AND"))
    .addColumn("criteria", "text", (c) => c.notNull())
    .addColumn("actions", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("rules_collection").on("rules").columns(["collection", "ranking"])
    .execute();

  await db.schema.createTable("registry_settings")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("value", "text", (c) => c.notNull())
    .execute();
}

// deno-lint-ignore no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (
    const table of [
      "registry_settings",
      "rules",
      "history",
      "computer_locks",
      "peripheral_links",
      "peripherals",
      "software_installs",
      "software_versions",
      "software",
      "virtual_machines",
      "volumes",
      "network_ports",
      "components",
      "device_imports",
      "computer_links",
      "computers",
      "states",
      "locations",
      "entities",
    ]
  ) {
    await db.schema.dropTable(table).execute();
  }
}
