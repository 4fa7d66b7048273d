/**
 * The statements every stored inventory runs, compiled once per connection (`db/compiled.ts`):
 * at a few hundred inventories a second, building each query with Kysely on every call was a
 * fifth of the main thread.
 *
 * @module
 */

import { type Kysely, sql } from "kysely";
import { compileStatement, perConnection } from "../db/compiled.ts";
import type { Database } from "../db/schema.ts";

/** The device columns an inventory sets, in both the insert and the update. */
function inventoryColumns(slot: <T>(name: string) => T) {
  return {
    user_agent: slot<string>("userAgent"),
    ip_src: slot<string>("ipSource"),
    last_come: slot<string>("now"),
    last_date: slot<string>("now"),
    account_info: slot<string>("accountInfo"),
    tag: slot<string | null>("tag"),
    checksum: slot<number>("checksum"),
  };
}

/** A section's JSON, bound as UTF-8 bytes and stored as the text column it is. */
function jsonText(slot: <T>(name: string) => T) {
  return sql<string>`cast(${slot<Uint8Array>("data")} as text)`;
}

/** The compiled statements of `storeInventory()`, for the connection behind `db`. */
export const ingestStatements = perConnection((db: Kysely<Database>, raw) => ({
  deviceByDeviceId: compileStatement<{ id: number; account_info: string; checksum: number }>(
    raw,
    (slot) =>
      db.selectFrom("devices").select(["id", "account_info", "checksum"])
        .where("deviceid", "=", slot<string>("deviceid")),
  ),
  /** A known device: counters move on; summary columns change only when the inventory has them. */
  updateDevice: compileStatement(raw, (slot) =>
    db.updateTable("devices")
      .set((eb) => ({
        ...inventoryColumns(slot),
        name: eb.fn.coalesce(eb.val(slot<string | null>("name")), eb.ref("name")),
        os_name: eb.fn.coalesce(eb.val(slot<string | null>("osName")), eb.ref("os_name")),
        uuid: eb.fn.coalesce(eb.val(slot<string | null>("uuid")), eb.ref("uuid")),
        serial: eb.fn.coalesce(eb.val(slot<string | null>("serial")), eb.ref("serial")),
        contacts: eb("contacts", "+", 1),
        inventories: eb("inventories", "+", 1),
      }))
      .where("id", "=", slot<number>("id"))),
  /**
   * A new device. ON CONFLICT guards a second process inserting the same DEVICEID between our
   * SELECT and this INSERT: both end on the one row, never a duplicate.
   */
  insertDevice: compileStatement<{ id: number }>(raw, (slot) =>
    db.insertInto("devices")
      .values({
        deviceid: slot<string>("deviceid"),
        first_seen: slot<string>("now"),
        contacts: 1,
        inventories: 1,
        ...inventoryColumns(slot),
        name: slot<string>("name"),
        os_name: slot<string>("osName"),
        uuid: slot<string>("uuid"),
        serial: slot<string>("serial"),
      })
      .onConflict((oc) => oc.column("deviceid").doUpdateSet({ last_come: slot<string>("now") }))
      .returning("id")),
  sectionHashes: compileStatement<{ section: string; hash: string; raw_hash: string | null }>(
    raw,
    (slot) =>
      db.selectFrom("device_sections").select(["section", "hash", "raw_hash"])
        .where("device_id", "=", slot<number>("deviceId")),
  ),
  upsertSection: compileStatement(raw, (slot) =>
    db.insertInto("device_sections")
      .values({
        device_id: slot<number>("deviceId"),
        section: slot<string>("section"),
        hash: slot<string>("hash"),
        raw_hash: slot<string | null>("rawHash"),
        data: jsonText(slot),
        entries: slot<number>("entries"),
        updated_at: slot<string>("now"),
      })
      .onConflict((oc) =>
        oc.columns(["device_id", "section"]).doUpdateSet({
          hash: slot<string>("hash"),
          raw_hash: slot<string | null>("rawHash"),
          data: jsonText(slot),
          entries: slot<number>("entries"),
          updated_at: slot<string>("now"),
        })
      )),
  setRawHash: compileStatement(
    raw,
    (slot) =>
      db.updateTable("device_sections").set({ raw_hash: slot<string | null>("rawHash") })
        .where("device_id", "=", slot<number>("deviceId")).where(
          "section",
          "=",
          slot<string>("section"),
        ),
  ),
  deleteSection: compileStatement(
    raw,
    (slot) =>
      db.deleteFrom("device_sections")
        .where("device_id", "=", slot<number>("deviceId"))
        .where("section", "=", slot<string>("section")),
  ),
  upsertPayload: compileStatement(raw, (slot) =>
    db.insertInto("device_payloads")
      .values({
        device_id: slot<number>("deviceId"),
        received_at: slot<string>("now"),
        encoding: slot<string>("encoding"),
        body: slot<Uint8Array>("body"),
      })
      .onConflict((oc) =>
        oc.column("device_id").doUpdateSet({
          received_at: slot<string>("now"),
          encoding: slot<string>("encoding"),
          body: slot<Uint8Array>("body"),
        })
      )),
}));
