/**
 * The statements a synchronisation runs per device, compiled once per connection through the
 * shared mechanism (`db/compiled.ts`): a new computer inserts ~800 software rows and reads its
 * sections, so neither may pay Kysely's query building or a `prepare()` per call.
 *
 * @module
 */

import type { SQLInputValue } from "node:sqlite";
import type { Kysely, Selectable } from "kysely";
import { type CompiledStatement, compileStatement, perConnection } from "../db/compiled.ts";
import type { Database, DevicesTable } from "../db/schema.ts";
import type { ComputerLinksTable, ComputersTable } from "./schema.ts";
import { bulkInserter } from "./bulk_insert.ts";

/** Most installations per multi-row INSERT (4 parameters each, far below SQLite's limit). */
export const INSERT_CHUNK = 256;

/** One installation to insert. */
export interface InstallRow {
  versionId: number;
  installDate: string;
  arch: string;
}

type SectionRow = { section: string; data: string };

/** A device linked to a computer, as precedence reads it. */
export interface LinkedDevice {
  device_id: number;
  linked_at: string;
  is_primary: number;
  supplies: string;
  last_date: string | null;
  user_agent: string;
}

/** The registry's hot statements, for the connection behind `db`. */
export const registryStatements = perConnection((db: Kysely<Database>, raw) => {
  const sectionsByNames = new Map<string, CompiledStatement<SectionRow>>();
  const installs = bulkInserter(
    db,
    raw,
    "software_installs",
    ["computer_id", "version_id", "install_date", "arch"],
    INSERT_CHUNK,
  );
  const sectionHashes = compileStatement<{ section: string; hash: string }>(
    raw,
    (slot) =>
      db.selectFrom("device_sections").select(["section", "hash"])
        .where("device_id", "=", slot<number>("device")),
  );
  const installsOf = compileStatement<{
    version_id: number;
    software_id: number;
    version: string;
    name: string;
  }>(raw, (slot) =>
    db.selectFrom("software_installs")
      .innerJoin("software_versions", "software_versions.id", "software_installs.version_id")
      .innerJoin("software", "software.id", "software_versions.software_id")
      .select([
        "software_installs.version_id",
        "software_versions.software_id",
        "software_versions.version",
        "software.name",
      ])
      .where("software_installs.computer_id", "=", slot<number>("computer")));
  const deleteInstall = compileStatement(
    raw,
    (slot) =>
      db.deleteFrom("software_installs").where("computer_id", "=", slot<number>("computer"))
        .where("version_id", "=", slot<number>("version")),
  );

  const deviceById = compileStatement<Selectable<DevicesTable>>(
    raw,
    (slot) => db.selectFrom("devices").selectAll().where("id", "=", slot<number>("device")),
  );
  const linkOfDevice = compileStatement<Selectable<ComputerLinksTable>>(
    raw,
    (slot) =>
      db.selectFrom("computer_links").selectAll().where("device_id", "=", slot<number>("device")),
  );
  const insertComputer = compileStatement<Selectable<ComputersTable>>(
    raw,
    (slot) =>
      db.insertInto("computers").values({
        entity_id: slot<number>("entity"),
        location_id: slot<number | null>("location"),
        is_dynamic: 1,
        created_at: slot<string>("at"),
        updated_at: slot<string>("at"),
        import_rule: slot<string>("rule"),
      }).returningAll(),
  );
  const insertTrace = compileStatement(
    raw,
    (slot) =>
      db.insertInto("computer_import_traces").values({
        computer_id: slot<number>("computer"),
        trace: slot<string>("trace"),
      }),
  );
  const insertLink = compileStatement(
    raw,
    (slot) =>
      db.insertInto("computer_links").values({
        device_id: slot<number>("device"),
        computer_id: slot<number>("computer"),
        deviceid: slot<string>("deviceid"),
        linked_at: slot<string>("at"),
        synced_at: slot<string>("at"),
        synced_date: "",
        synced_hashes: "{}",
      }),
  );
  const deleteImport = compileStatement(
    raw,
    (slot) => db.deleteFrom("device_imports").where("device_id", "=", slot<number>("device")),
  );
  const computerSynced = compileStatement(
    raw,
    (slot) =>
      db.updateTable("computers").set({
        last_inventory_at: slot<string | null>("inventory"),
        last_contact_at: slot<string>("contact"),
        updated_at: slot<string>("updated"),
      }).where("id", "=", slot<number>("computer")),
  );
  const linkSynced = compileStatement(
    raw,
    (slot) =>
      db.updateTable("computer_links").set({
        synced_at: slot<string>("at"),
        synced_date: slot<string>("date"),
        synced_inventories: slot<number>("inventories"),
        synced_hashes: slot<string>("hashes"),
        supplies: slot<string>("supplies"),
      }).where("device_id", "=", slot<number>("device")),
  );
  const setSupplies = compileStatement(
    raw,
    (slot) =>
      db.updateTable("computer_links").set({ supplies: slot<string>("supplies") })
        .where("device_id", "=", slot<number>("device")),
  );
  const linksOf = compileStatement<LinkedDevice>(
    raw,
    (slot) =>
      db.selectFrom("computer_links")
        .innerJoin("devices", "devices.id", "computer_links.device_id")
        .select([
          "computer_links.device_id",
          "computer_links.linked_at",
          "computer_links.is_primary",
          "computer_links.supplies",
          "devices.last_date",
          "devices.user_agent",
        ])
        .where("computer_links.computer_id", "=", slot<number>("computer")),
  );
  const checksumRead = compileStatement(
    raw,
    (slot) =>
      db.updateTable("devices").set({ checksum: 0 }).where("id", "=", slot<number>("device")),
  );

  return {
    /** A device row. */
    device: (deviceId: number) => deviceById.get({ device: deviceId }),
    /** The link of a device to its computer, if any. */
    linkOf: (deviceId: number) => linkOfDevice.get({ device: deviceId }),
    /** Creates a computer placed by an import plan, with its trace; returns its row as stored. */
    insertComputer(values: {
      entityId: number;
      locationId: number | null;
      at: string;
      rule: string;
      trace: string;
    }): Selectable<ComputersTable> {
      const row = insertComputer.get({
        entity: values.entityId,
        location: values.locationId,
        at: values.at,
        rule: values.rule,
      })!;
      insertTrace.run({ computer: row.id, trace: values.trace });
      return row;
    },
    /** Links a device to a computer (never synchronised yet). */
    insertLink(deviceId: number, computerId: number, deviceid: string, at: string): void {
      insertLink.run({ device: deviceId, computer: computerId, deviceid, at });
    },
    /** Takes a device out of the not-imported inbox. */
    deleteImport: (deviceId: number) => void deleteImport.run({ device: deviceId }),
    /** Records on the computer when its inventory was taken and read. */
    computerSynced(computerId: number, inventoryAt: string | null, contactAt: string, at: string) {
      computerSynced.run({
        computer: computerId,
        inventory: inventoryAt,
        contact: contactAt,
        updated: at,
      });
    },
    /** Records what the link has synchronised, and the parts its device supplies. */
    linkSynced(
      deviceId: number,
      values: { at: string; date: string; inventories: number; hashes: string; supplies: string },
    ) {
      linkSynced.run({ device: deviceId, ...values });
    },
    /** Records the parts a device supplies (when another device's synchronisation moved them). */
    setSupplies: (deviceId: number, supplies: string) =>
      void setSupplies.run({ device: deviceId, supplies }),
    /** The devices linked to a computer, for precedence (precedence.ts). */
    linksOf: (computerId: number) => linksOf.all({ computer: computerId }),
    /** The registry has read the device's changes: its CHECKSUM no longer says "changed". */
    checksumRead: (deviceId: number) => void checksumRead.run({ device: deviceId }),
    /** Section name → hash of one device. */
    sectionHashes(deviceId: number): Map<string, string> {
      return new Map(sectionHashes.all({ device: deviceId }).map((r) => [r.section, r.hash]));
    },
    /** The named sections' JSON of one device (one statement per distinct name list). */
    sectionData(deviceId: number, names: readonly string[]): SectionRow[] {
      const key = names.join(",");
      let statement = sectionsByNames.get(key);
      if (!statement) {
        statement = compileStatement<SectionRow>(
          raw,
          (slot) =>
            db.selectFrom("device_sections").select(["section", "data"])
              .where("device_id", "=", slot<number>("device"))
              .where("section", "in", names.map((_, i) => slot<string>(`s${i}`))),
        );
        sectionsByNames.set(key, statement);
      }
      const values: Record<string, unknown> = { device: deviceId };
      names.forEach((name, i) => values[`s${i}`] = name);
      return statement.all(values);
    },
    installsOf: (computerId: number) => installsOf.all({ computer: computerId }),
    deleteInstall: (computerId: number, versionId: number) =>
      deleteInstall.run({ computer: computerId, version: versionId }),
    /**
     * Inserts installations in version order: the (version, computer) index then takes its
     * entries in key order, measured ~15% cheaper than the reported order.
     */
    insertInstalls(computerId: number, rows: readonly InstallRow[]): void {
      const sorted = [...rows].sort((a, b) => a.versionId - b.versionId);
      const values = new Array<SQLInputValue>(sorted.length * 4);
      let k = 0;
      for (const row of sorted) {
        values[k++] = computerId;
        values[k++] = row.versionId;
        values[k++] = row.installDate;
        values[k++] = row.arch;
      }
      installs.insert(values);
    },
  };
});
