/**
 * Every device (agent identity) with where it stands: feeding a computer of the registry,
 * waiting in the inbox, or neither yet. Scoped like the dashboard's devices tile: over every
 * entity, every device; otherwise only the devices feeding live computers of the principal's
 * entities (a device outside the registry has no entity, so only the inbox's readers see it).
 *
 * @module
 */

import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";
import { contains } from "../db/text_match.ts";
import type { VisibleEntities } from "./computer_scope.ts";

/** One device as the devices list shows it. */
export interface DeviceListRow {
  id: number;
  deviceid: string;
  name: string;
  tag: string | null;
  userAgent: string;
  ipSource: string;
  lastDate: string | null;
  lastCome: string;
  /** The computer it feeds, when the registry holds one. */
  computerId: number | null;
  computerName: string | null;
  computerDeleted: boolean;
  /** Its inbox status (pending, refused, …) when it is not imported. */
  inboxStatus: string | null;
}

/** What the devices list asks. */
export interface DeviceListQuery {
  scope: VisibleEntities;
  /** Substring of the DEVICEID, name, TAG or agent. */
  search?: string;
  /** Only this device. */
  id?: number;
  limit: number;
  offset: number;
}

function baseQuery(db: Kysely<Database>, query: Omit<DeviceListQuery, "limit" | "offset">) {
  let q = db.selectFrom("devices as d")
    .leftJoin("computer_links as l", "l.device_id", "d.id")
    .leftJoin("computers as c", "c.id", "l.computer_id")
    .leftJoin(
      "device_imports as i",
      (join) => join.onRef("i.device_id", "=", "d.id").on("i.status", "!=", "released"),
    );
  if (query.scope !== "all") {
    const ids = query.scope.length > 0 ? [...query.scope] : [-1];
    q = q.where("c.is_deleted", "=", 0).where("c.entity_id", "in", ids);
  }
  if (query.id !== undefined) q = q.where("d.id", "=", query.id);
  const search = query.search?.trim() ?? "";
  if (search !== "") {
    q = q.where((eb) =>
      eb.or(
        ["d.deviceid", "d.name", "d.tag", "d.user_agent"].map((column) =>
          contains(db, column, search)
        ),
      )
    );
  }
  return q;
}

/** The devices of `query`, newest contact first, and how many match in all. */
export async function listDeviceRows(
  db: Kysely<Database>,
  query: DeviceListQuery,
): Promise<{ total: number; rows: DeviceListRow[] }> {
  const q = baseQuery(db, query);
  const total = await q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const rows = await q.select([
    "d.id",
    "d.deviceid",
    "d.name",
    "d.tag",
    "d.user_agent",
    "d.ip_src",
    "d.last_date",
    "d.last_come",
    "c.id as computer_id",
    "c.name as computer_name",
    "c.is_deleted",
    "i.status",
  ]).orderBy("d.last_come", "desc").orderBy("d.id", "desc").limit(query.limit)
    .offset(query.offset).execute();
  return {
    total: Number(total.n),
    rows: rows.map((r) => ({
      id: r.id,
      deviceid: r.deviceid,
      name: r.name,
      tag: r.tag,
      userAgent: r.user_agent,
      ipSource: r.ip_src,
      lastDate: r.last_date,
      lastCome: r.last_come,
      computerId: r.computer_id ?? null,
      computerName: r.computer_name ?? null,
      computerDeleted: r.is_deleted === 1,
      inboxStatus: r.status ?? null,
    })),
  };
}

/** Device `id` when the principal's `scope` reaches it (the list's rule), else undefined. */
export async function deviceRowInScope(
  db: Kysely<Database>,
  id: number,
  scope: VisibleEntities,
): Promise<DeviceListRow | undefined> {
  return (await listDeviceRows(db, { scope, id, limit: 1, offset: 0 })).rows[0];
}
