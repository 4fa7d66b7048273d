/**
 * Reading one computer for its console page: everything it is made of (through
 * {@linkcode getComputer}), a page of its history, its import trace, the names behind the ids
 * its history and locks hold, the choices of its edit form, and its last inventory as XML. Its
 * scope check is computer_scope.ts, shared with the API and bulk actions.
 *
 * @module
 */

import type { Kysely } from "kysely";
import { decodeBody, DEFAULT_DECODE_LIMITS } from "../../protocol/mod.ts";
import type { CollectionResult } from "../../rules/types.ts";
import type { Database } from "../db/schema.ts";
import { getPayload } from "../store/devices.ts";
import type { VisibleEntities } from "./computer_scope.ts";
import { type HistoryRow, queryHistory } from "./history.ts";
import { getComputer } from "./queries.ts";

/** Everything {@linkcode getComputer} returns. */
export type ComputerDetail = NonNullable<Awaited<ReturnType<typeof getComputer>>>;

/** Fields whose values are ids of a tree or list, shown by name. */
export const REFERENCE_FIELDS = {
  entity_id: "entities",
  location_id: "locations",
  state_id: "states",
} as const;

/** The page of history a computer page shows. */
export interface HistoryPage {
  rows: HistoryRow[];
  /** The id to page from for older rows, or null at the end. */
  olderBefore: number | null;
}

/** Names of the ids that appear in history and locks: `field` → id → name. */
export type ReferenceNames = Record<keyof typeof REFERENCE_FIELDS, Map<number, string>>;

/** What the computer page shows. */
export interface ComputerPageData {
  detail: ComputerDetail;
  history: HistoryPage;
  /** The import trace, or null when none was stored (a computer made by hand). */
  trace: CollectionResult[] | null;
  names: ReferenceNames;
}

/** Everything the page shows; undefined when the computer is gone. */
export async function computerPageData(
  db: Kysely<Database>,
  id: number,
  options: { historyBefore?: number; historyLimit?: number } = {},
): Promise<ComputerPageData | undefined> {
  const detail = await getComputer(db, id);
  if (!detail) return undefined;
  const history = await historyPage(db, id, options.historyBefore, options.historyLimit ?? 25);
  const names = await referenceNames(db, history.rows, detail.locks);
  return { detail, history, trace: parseTrace(await importTrace(db, id)), names };
}

/** The stored import trace (JSON) of a computer; null when it has none. */
export async function importTrace(
  db: Kysely<Database>,
  computerId: number,
): Promise<string | null> {
  const row = await db.selectFrom("computer_import_traces").select("trace")
    .where("computer_id", "=", computerId).executeTakeFirst();
  return row?.trace ?? null;
}

/** One page of a computer's history, newest first. */
export async function historyPage(
  db: Kysely<Database>,
  computerId: number,
  beforeId: number | undefined,
  limit: number,
): Promise<HistoryPage> {
  // One row more than shown says whether older rows exist.
  const rows = await queryHistory(db, { computerId, beforeId, limit: limit + 1 });
  const more = rows.length > limit;
  const shown = rows.slice(0, limit);
  return { rows: shown, olderBefore: more ? shown[shown.length - 1]!.id : null };
}

/** A stored trace as collection results; null when absent or unreadable. */
export function parseTrace(json: string | null): CollectionResult[] | null {
  if (!json) return null;
  try {
    const value = JSON.parse(json);
    return Array.isArray(value) ? value as CollectionResult[] : null;
  } catch {
    return null;
  }
}

/** The names of every entity, location and state id that history rows and locks mention (the fleet history page names them too). */
export async function referenceNames(
  db: Kysely<Database>,
  history: readonly HistoryRow[],
  locks: readonly { field: string; inventory_value: string | null }[],
): Promise<ReferenceNames> {
  const wanted: Record<keyof typeof REFERENCE_FIELDS, Set<number>> = {
    entity_id: new Set(),
    location_id: new Set(),
    state_id: new Set(),
  };
  const note = (field: string, value: string | null) => {
    if (!(field in wanted) || !value || !/^\d+$/.test(value)) return;
    wanted[field as keyof typeof REFERENCE_FIELDS].add(Number(value));
  };
  for (const row of history) {
    note(row.field, row.old_value);
    note(row.field, row.new_value);
  }
  for (const lock of locks) note(lock.field, lock.inventory_value);
  const names = {} as ReferenceNames;
  for (const [field, table] of Object.entries(REFERENCE_FIELDS)) {
    const ids = [...wanted[field as keyof typeof REFERENCE_FIELDS]];
    const rows = ids.length === 0
      ? []
      : table === "states"
      ? await db.selectFrom("states").select(["id", "name as label"]).where("id", "in", ids)
        .execute()
      : await db.selectFrom(table).select(["id", "completename as label"]).where("id", "in", ids)
        .execute();
    names[field as keyof typeof REFERENCE_FIELDS] = new Map(rows.map((r) => [r.id, r.label]));
  }
  return names;
}

/** One choice of a select. */
export interface Choice {
  id: number;
  label: string;
}

/** What the edit form offers: entities in the principal's scope, their locations, all states. */
export interface EditChoices {
  entities: Choice[];
  locations: Choice[];
  states: Choice[];
}

/**
 * The edit form's choices for a principal seeing `visible`. Locations are those of a visible
 * entity or of one above it (a location defined higher up serves the entities below, as in
 * GLPI's recursive locations).
 */
export async function editChoices(
  db: Kysely<Database>,
  visible: VisibleEntities,
): Promise<EditChoices> {
  const entities = await db.selectFrom("entities").select(["id", "parent_id", "completename"])
    .orderBy("completename").execute();
  let shownEntities = entities;
  let locationEntities: Set<number> | null = null;
  if (visible !== "all") {
    const seen = new Set(visible);
    shownEntities = entities.filter((e) => seen.has(e.id));
    const parents = new Map(entities.map((e) => [e.id, e.parent_id]));
    locationEntities = new Set(seen);
    for (const id of seen) {
      for (let p = parents.get(id); p != null; p = parents.get(p)) locationEntities.add(p);
    }
  }
  let locations = db.selectFrom("locations").select(["id", "completename"]).orderBy(
    "completename",
  );
  if (locationEntities) {
    locations = locations.where("entity_id", "in", [...locationEntities, -1]);
  }
  const states = await db.selectFrom("states").select(["id", "name"]).orderBy("name").execute();
  return {
    entities: shownEntities.map((e) => ({ id: e.id, label: e.completename })),
    locations: (await locations.execute()).map((l) => ({ id: l.id, label: l.completename })),
    states: states.map((s) => ({ id: s.id, label: s.name })),
  };
}

/** A computer's last inventory as the agent sent it. */
export interface InventoryDocument {
  /** The document bytes, as the agent encoded them. */
  xml: Uint8Array<ArrayBuffer>;
  deviceid: string;
  receivedAt: string;
}

/**
 * The last inventory of computer `computerId`: of device `deviceId` when given (it must feed
 * this computer), else of the linked device that reported last. Undefined when there is none.
 */
export async function lastInventory(
  db: Kysely<Database>,
  computerId: number,
  deviceId?: number,
): Promise<InventoryDocument | undefined> {
  let q = db.selectFrom("computer_links")
    .innerJoin("devices", "devices.id", "computer_links.device_id")
    .select(["devices.id", "devices.deviceid"])
    .where("computer_links.computer_id", "=", computerId);
  if (deviceId !== undefined) q = q.where("devices.id", "=", deviceId);
  const device = await q.orderBy("devices.last_date", "desc").executeTakeFirst();
  if (!device) return undefined;
  const payload = await getPayload(db, device.id);
  if (!payload) return undefined;
  const { xml } = decodeBody(payload.body, DEFAULT_DECODE_LIMITS);
  // A copy on its own buffer: the decoder may hand back a view of a shared one.
  return { xml: new Uint8Array(xml), deviceid: device.deviceid, receivedAt: payload.receivedAt };
}
