/**
 * Reading and managing devices: the queries behind the CLI, the API and the small OCS messages
 * (PROLOG contact, DOWNLOAD results, NOTIFY). Inventories are written by `ingest.ts`.
 *
 * @module
 */

import type { Kysely, Selectable } from "kysely";
import type { SimpleObject, SimpleValue } from "../../protocol/mod.ts";
import { engineOf } from "../db/engine.ts";
import { searchDevices as searchPostgresIndex } from "../db/postgres/search_index.ts";
import type { Database, DevicesTable } from "../db/schema.ts";
import { contains } from "../db/text_match.ts";
import type { SearchColumn } from "../ingest/search_keys.ts";
import { recordEvent } from "./events.ts";
import { deleteSearchKeys, searchDevices } from "./search_index.ts";
import type { PrologDevice } from "../ocs/prolog.ts";

/** A device as lists show it. */
export interface DeviceSummary {
  id: number;
  deviceid: string;
  name: string;
  osName: string;
  serial: string;
  uuid: string;
  tag: string | null;
  firstSeen: string;
  lastCome: string;
  lastDate: string | null;
  userAgent: string;
  ipSource: string;
}

/** A device with every section of its latest inventory. */
export interface DeviceDetail extends DeviceSummary {
  accountInfo: Record<string, string>;
  checksum: number;
  overrides: {
    prologFreq: number | null;
    frequency: number | null;
    inventoryOnStartup: number | null;
  };
  contacts: number;
  inventories: number;
  sections: Record<string, SimpleValue>;
}

type DeviceRow = Selectable<DevicesTable>;

function summary(row: DeviceRow): DeviceSummary {
  return {
    id: row.id,
    deviceid: row.deviceid,
    name: row.name,
    osName: row.os_name,
    serial: row.serial,
    uuid: row.uuid,
    tag: row.tag,
    firstSeen: row.first_seen,
    lastCome: row.last_come,
    lastDate: row.last_date,
    userAgent: row.user_agent,
    ipSource: row.ip_src,
  };
}

/** Finds a device by numeric id or DEVICEID. */
export async function findDevice(
  db: Kysely<Database>,
  ref: string | number,
): Promise<DeviceRow | undefined> {
  const query = db.selectFrom("devices").selectAll();
  return await (typeof ref === "number" || /^\d+$/.test(ref)
    ? query.where("id", "=", Number(ref))
    : query.where("deviceid", "=", ref)).executeTakeFirst();
}

/** Lists devices, newest contact first, optionally those matching `search`. */
export async function listDevices(
  db: Kysely<Database>,
  options: { search?: string; column?: SearchColumn; limit?: number; offset?: number } = {},
): Promise<{ total: number; devices: DeviceSummary[] }> {
  const limit = Math.min(Math.max(options.limit ?? 100, 1), 1000);
  const offset = Math.max(options.offset ?? 0, 0);
  let query = db.selectFrom("devices");
  if (options.search && options.search.trim() !== "") {
    // Each engine has its own full-text index (FTS5 on SQLite, a tsvector on PostgreSQL).
    const search = engineOf(db) === "postgres" ? searchPostgresIndex : searchDevices;
    const ids = await search(db, options.search, {
      limit: 100_000,
      ...(options.column ? { column: options.column } : {}),
    });
    // A name typed in part ("web0" for "web01.example") is found by substring too.
    const byName = await db.selectFrom("devices").select("id")
      .where(contains(db, "name", options.search.trim())).limit(10_000)
      .execute();
    const all = [...new Set([...ids, ...byName.map((r) => r.id)])];
    if (all.length === 0) return { total: 0, devices: [] };
    query = query.where("id", "in", all);
  }
  const total = Number(
    (await query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n,
  );
  const rows = await query.selectAll().orderBy("last_come", "desc").orderBy("id", "desc")
    .limit(limit).offset(offset).execute();
  return { total, devices: rows.map(summary) };
}

/** One device with all its sections, or undefined. */
export async function getDeviceDetail(
  db: Kysely<Database>,
  ref: string | number,
): Promise<DeviceDetail | undefined> {
  const row = await findDevice(db, ref);
  if (!row) return undefined;
  const sections: Record<string, SimpleValue> = {};
  const rows = await db.selectFrom("device_sections").select(["section", "data"])
    .where("device_id", "=", row.id).orderBy("section").execute();
  for (const s of rows) sections[s.section] = JSON.parse(s.data);
  return {
    ...summary(row),
    accountInfo: JSON.parse(row.account_info),
    checksum: row.checksum,
    overrides: {
      prologFreq: row.prolog_freq,
      frequency: row.frequency,
      inventoryOnStartup: row.inventory_on_startup,
    },
    contacts: row.contacts,
    inventories: row.inventories,
    sections,
  };
}

/** The last raw payload of a device, as received. */
export async function getPayload(
  db: Kysely<Database>,
  deviceId: number,
): Promise<{ encoding: string; body: Uint8Array; receivedAt: string } | undefined> {
  const row = await db.selectFrom("device_payloads").selectAll().where("device_id", "=", deviceId)
    .executeTakeFirst();
  return row && { encoding: row.encoding, body: row.body, receivedAt: row.received_at };
}

/**
 * Records a PROLOG contact: a known device's LASTCOME, contact count and user agent move on.
 * Returns what the prolog decision needs, or null for a device never inventoried here.
 */
export async function recordPrologContact(
  db: Kysely<Database>,
  deviceid: string,
  contact: { userAgent: string; ipSource: string; now: Date },
): Promise<PrologDevice | null> {
  const row = await db.updateTable("devices")
    .set((eb) => ({
      last_come: contact.now.toISOString(),
      user_agent: contact.userAgent.slice(0, 100),
      ip_src: contact.ipSource,
      contacts: eb("contacts", "+", 1),
    }))
    .where("deviceid", "=", deviceid)
    .returning(["last_date", "frequency", "prolog_freq", "inventory_on_startup"])
    .executeTakeFirst();
  return row
    ? {
      lastDate: row.last_date,
      frequency: row.frequency,
      prologFreq: row.prolog_freq,
      inventoryOnStartup: row.inventory_on_startup,
    }
    : null;
}

/** What an admin may change on a device. Absent fields are left as they are. */
export interface DeviceChanges {
  tag?: string;
  accountInfo?: Record<string, string>;
  prologFreq?: number | null;
  frequency?: number | null;
  inventoryOnStartup?: number | null;
}

/** Applies admin changes; returns false when the device does not exist. */
export async function updateDevice(
  db: Kysely<Database>,
  id: number,
  changes: DeviceChanges,
): Promise<boolean> {
  const row = await db.selectFrom("devices").select(["account_info"]).where("id", "=", id)
    .executeTakeFirst();
  if (!row) return false;
  const info: Record<string, string> = { ...JSON.parse(row.account_info), ...changes.accountInfo };
  if (changes.tag !== undefined) info.TAG = changes.tag;
  await db.updateTable("devices").set({
    account_info: JSON.stringify(info),
    tag: info.TAG ?? null,
    ...(changes.prologFreq !== undefined ? { prolog_freq: changes.prologFreq } : {}),
    ...(changes.frequency !== undefined ? { frequency: changes.frequency } : {}),
    ...(changes.inventoryOnStartup !== undefined
      ? { inventory_on_startup: changes.inventoryOnStartup }
      : {}),
  }).where("id", "=", id).execute();
  return true;
}

/** Deletes a device and records the event the registry consumes; false when absent. */
export async function deleteDevice(db: Kysely<Database>, id: number, now: Date): Promise<boolean> {
  const row = await db.selectFrom("devices").select(["id", "deviceid"]).where("id", "=", id)
    .executeTakeFirst();
  if (!row) return false;
  await recordEvent(db, {
    at: now.toISOString(),
    kind: "deleted",
    device_id: row.id,
    deviceid: row.deviceid,
    into_device_id: null,
    into_deviceid: null,
  });
  await deleteSearchKeys(db, row.id);
  await db.deleteFrom("devices").where("id", "=", row.id).execute();
  return true;
}

/** Stores a package deployment result; false when the device is unknown. */
export async function recordDownloadResult(
  db: Kysely<Database>,
  deviceid: string,
  result: { packageId: string; result: string; now: Date },
): Promise<boolean> {
  const device = await db.selectFrom("devices").select("id").where("deviceid", "=", deviceid)
    .executeTakeFirst();
  if (!device) return false;
  const at = result.now.toISOString();
  await db.insertInto("download_results")
    .values({ device_id: device.id, package_id: result.packageId, result: result.result, at })
    .onConflict((oc) =>
      oc.columns(["device_id", "package_id"]).doUpdateSet({ result: result.result, at })
    )
    .execute();
  return true;
}

/**
 * Applies a NOTIFY (IP change): the matching NETWORKS entries and HARDWARE/IPADDR take the new
 * addresses, and the CHECKSUM register gains NETWORKS|HARDWARE, as OCS does.
 */
export async function applyNotify(
  db: Kysely<Database>,
  deviceid: string,
  notify: { hardware: SimpleObject; interfaces: SimpleObject[]; now: Date },
): Promise<boolean> {
  const device = await db.selectFrom("devices").select(["id", "checksum"]).where(
    "deviceid",
    "=",
    deviceid,
  )
    .executeTakeFirst();
  if (!device) return false;
  const now = notify.now.toISOString();
  const sections = await db.selectFrom("device_sections").select(["section", "data"])
    .where("device_id", "=", device.id).where("section", "in", ["NETWORKS", "HARDWARE"]).execute();
  for (const { section, data } of sections) {
    const value = JSON.parse(data);
    if (section === "HARDWARE" && typeof notify.hardware.IPADDR === "string") {
      value.IPADDR = notify.hardware.IPADDR;
    }
    if (section === "NETWORKS") {
      for (const entry of value as SimpleObject[]) {
        const iface = notify.interfaces.find((i) =>
          typeof i.MAC === "string" &&
          i.MAC.toLowerCase() === String(entry.MACADDR ?? "").toLowerCase()
        );
        if (!iface) continue;
        for (
          const [from, to] of [["IP", "IPADDRESS"], ["MASK", "IPMASK"], ["GW", "IPGATEWAY"], [
            "SUBNET",
            "IPSUBNET",
          ], ["DHCP", "IPDHCP"]]
        ) {
          if (typeof iface[from!] === "string") entry[to!] = iface[from!]!;
        }
      }
    }
    await db.updateTable("device_sections").set({
      data: JSON.stringify(value),
      hash: "notify",
      updated_at: now,
    })
      .where("device_id", "=", device.id).where("section", "=", section).execute();
  }
  await db.updateTable("devices").set({ checksum: device.checksum | 4096 | 1, last_come: now })
    .where("id", "=", device.id).execute();
  return true;
}
