/**
 * Reading the registry: computer lists with search and filters, one computer with everything
 * it is made of, and the inbox of devices not imported. Shared by the CLI, the API and the
 * console; entity scoping is a filter every list takes.
 *
 * @module
 */

import { type Kysely, type SelectQueryBuilder, sql } from "kysely";
import type { Database } from "../db/schema.ts";
import { normalizeMac } from "./normalize.ts";

/** A computer as lists show it. */
export interface ComputerSummary {
  id: number;
  name: string;
  serial: string;
  uuid: string;
  manufacturer: string;
  model: string;
  os_name: string;
  user: string;
  ip: string;
  tag: string;
  entity: string;
  location: string | null;
  state: string | null;
  is_deleted: number;
  last_inventory_at: string | null;
}

/** Filters and paging of {@linkcode listComputers}. */
export interface ComputerQuery {
  /** Name, serial, UUID, user or IP contains; a MAC finds by port; `software:NAME` by software. */
  search?: string;
  /** Only these entities (a principal's scope); undefined = all. */
  entityIds?: number[];
  locationId?: number;
  stateId?: number;
  os?: string;
  tag?: string;
  /** Last inventory before this ISO time ("not seen since"). */
  seenBefore?: string;
  /** List the trash instead of live computers. */
  trashed?: boolean;
  sort?: "name" | "last_inventory_at" | "os_name" | "serial" | "id";
  descending?: boolean;
  limit?: number;
  offset?: number;
}

type ComputerSelect = SelectQueryBuilder<Database, "computers", object>;

function filtered(db: Kysely<Database>, query: ComputerQuery): ComputerSelect {
  let q = db.selectFrom("computers") as unknown as ComputerSelect;
  q = q.where("computers.is_deleted", "=", query.trashed ? 1 : 0);
  if (query.entityIds) {
    q = q.where("computers.entity_id", "in", query.entityIds.length ? query.entityIds : [-1]);
  }
  if (query.locationId !== undefined) q = q.where("computers.location_id", "=", query.locationId);
  if (query.stateId !== undefined) q = q.where("computers.state_id", "=", query.stateId);
  if (query.os) q = q.where("computers.os_name", "like", `%${query.os}%`);
  if (query.tag !== undefined) q = q.where("computers.tag", "=", query.tag);
  if (query.seenBefore) q = q.where("computers.last_inventory_at", "<", query.seenBefore);
  const search = query.search?.trim();
  if (search) {
    const mac = normalizeMac(search);
    if (mac) {
      q = q.where(
        "computers.id",
        "in",
        (eb) => eb.selectFrom("network_ports").select("computer_id").where("mac", "=", mac),
      );
    } else if (search.toLowerCase().startsWith("software:")) {
      const name = search.slice("software:".length).trim().toLowerCase();
      q = q.where("computers.id", "in", (eb) =>
        eb.selectFrom("software_installs")
          .innerJoin("software_versions", "software_versions.id", "software_installs.version_id")
          .innerJoin("software", "software.id", "software_versions.software_id")
          .select("software_installs.computer_id")
          .where("software.name_key", "like", `${name}%`));
    } else {
      const like = `%${search}%`;
      q = q.where((eb) =>
        eb.or([
          eb("computers.name", "like", like),
          eb("computers.serial", "like", like),
          eb("computers.uuid", "like", like),
          eb("computers.user", "like", like),
          eb("computers.ip", "like", like),
          eb("computers.inventory_number", "like", like),
        ])
      );
    }
  }
  return q;
}

/** One page of computers and the total matching. */
export async function listComputers(
  db: Kysely<Database>,
  query: ComputerQuery = {},
): Promise<{ total: number; computers: ComputerSummary[] }> {
  const base = filtered(db, query);
  const total = await base.select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  const sort = query.sort ?? "name";
  const rows = await base
    .leftJoin("entities", "entities.id", "computers.entity_id")
    .leftJoin("locations", "locations.id", "computers.location_id")
    .leftJoin("states", "states.id", "computers.state_id")
    .select([
      "computers.id",
      "computers.name",
      "computers.serial",
      "computers.uuid",
      "computers.manufacturer",
      "computers.model",
      "computers.os_name",
      "computers.user",
      "computers.ip",
      "computers.tag",
      "entities.completename as entity",
      "locations.completename as location",
      "states.name as state",
      "computers.is_deleted",
      "computers.last_inventory_at",
    ])
    .orderBy(`computers.${sort}`, query.descending ? "desc" : "asc")
    .orderBy("computers.id")
    .limit(Math.min(query.limit ?? 50, 10_000))
    .offset(query.offset ?? 0)
    .execute();
  return { total: Number(total.n), computers: rows as ComputerSummary[] };
}

/** Every id matching a query (for bulk actions on "all results"). */
export async function computerIds(db: Kysely<Database>, query: ComputerQuery): Promise<number[]> {
  return (await filtered(db, query).select("computers.id").execute()).map((r) => r.id);
}

/** Everything about one computer. */
export async function getComputer(db: Kysely<Database>, id: number) {
  const computer = await db.selectFrom("computers")
    .leftJoin("entities", "entities.id", "computers.entity_id")
    .leftJoin("locations", "locations.id", "computers.location_id")
    .leftJoin("states", "states.id", "computers.state_id")
    .selectAll("computers")
    .select([
      "entities.completename as entity",
      "locations.completename as location",
      "states.name as state",
    ])
    .where("computers.id", "=", id).executeTakeFirst();
  if (!computer) return undefined;
  const [components, ports, volumes, vms, software, peripherals, locks, links] = await Promise.all([
    db.selectFrom("components").selectAll().where("computer_id", "=", id).orderBy("kind")
      .orderBy("id").execute(),
    db.selectFrom("network_ports").selectAll().where("computer_id", "=", id).orderBy("id")
      .execute(),
    db.selectFrom("volumes").selectAll().where("computer_id", "=", id).orderBy("mount").execute(),
    db.selectFrom("virtual_machines").selectAll().where("computer_id", "=", id).orderBy("name")
      .execute(),
    db.selectFrom("software_installs")
      .innerJoin("software_versions", "software_versions.id", "software_installs.version_id")
      .innerJoin("software", "software.id", "software_versions.software_id")
      .select([
        "software.id as software_id",
        "software.name",
        "software.publisher",
        "software.category",
        "software_versions.version",
        "software_installs.install_date",
        "software_installs.arch",
      ])
      .where("software_installs.computer_id", "=", id).orderBy("software.name_key").execute(),
    db.selectFrom("peripheral_links")
      .innerJoin("peripherals", "peripherals.id", "peripheral_links.peripheral_id")
      .selectAll("peripherals")
      .where("peripheral_links.computer_id", "=", id).orderBy("peripherals.kind").execute(),
    db.selectFrom("computer_locks").selectAll().where("computer_id", "=", id).orderBy("field")
      .execute(),
    db.selectFrom("computer_links")
      .innerJoin("devices", "devices.id", "computer_links.device_id")
      .select([
        "computer_links.device_id",
        "computer_links.deviceid",
        "computer_links.linked_at",
        "computer_links.synced_at",
        "devices.last_date",
        "devices.last_come",
        "devices.user_agent",
        "devices.tag",
      ])
      .where("computer_links.computer_id", "=", id).execute(),
  ]);
  return { computer, components, ports, volumes, vms, software, peripherals, locks, links };
}

/** A device the registry does not hold, with why. */
export interface NotImportedRow {
  device_id: number;
  deviceid: string;
  name: string;
  serial: string;
  tag: string | null;
  last_date: string | null;
  status: string;
  reason: string;
  rule_name: string;
  attempts: number;
  last_at: string;
}

/** The inbox: devices pending approval, refused, unmatched or failed. */
export async function listNotImported(
  db: Kysely<Database>,
  options: { status?: string; limit?: number; offset?: number } = {},
): Promise<{ total: number; devices: NotImportedRow[] }> {
  let q = db.selectFrom("device_imports")
    .innerJoin("devices", "devices.id", "device_imports.device_id")
    .where("device_imports.status", "!=", "released");
  if (options.status) q = q.where("device_imports.status", "=", options.status as never);
  const total = await q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const rows = await q.select([
    "device_imports.device_id",
    "devices.deviceid",
    "devices.name",
    "devices.serial",
    "devices.tag",
    "devices.last_date",
    "device_imports.status",
    "device_imports.reason",
    "device_imports.rule_name",
    "device_imports.attempts",
    "device_imports.last_at",
  ]).orderBy("device_imports.last_at", "desc").limit(options.limit ?? 100)
    .offset(options.offset ?? 0).execute();
  return { total: Number(total.n), devices: rows };
}

/** The stored trace of a not-imported device. */
export async function notImportedTrace(db: Kysely<Database>, deviceId: number) {
  const row = await db.selectFrom("device_imports").selectAll().where("device_id", "=", deviceId)
    .executeTakeFirst();
  return row && { ...row, trace: JSON.parse(row.trace) };
}

/** Counts for dashboards and the CLI summary. */
export async function registryCounts(db: Kysely<Database>) {
  const row = await db.selectFrom("computers").select([
    sql<number>`sum(case when is_deleted = 0 then 1 else 0 end)`.as("live"),
    sql<number>`sum(is_deleted)`.as("trashed"),
  ]).executeTakeFirstOrThrow();
  const inbox = await db.selectFrom("device_imports").select(["status"])
    .select((eb) => eb.fn.countAll<number>().as("n")).groupBy("status").execute();
  return {
    computers: Number(row.live ?? 0),
    trashed: Number(row.trashed ?? 0),
    notImported: Object.fromEntries(inbox.map((r) => [r.status, Number(r.n)])),
  };
}
