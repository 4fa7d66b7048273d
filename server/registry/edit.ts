/**
 * Admin edits and locks. A field an admin edits on a computer fed by inventory is locked:
 * synchronisation leaves it and records the value it refused. Unlocking re-imports the field
 * from the last inventory at once. Locks work per field or "all", on any number of computers.
 *
 * @module
 */

import type { Kysely, Updateable } from "kysely";
import type { Database } from "../db/schema.ts";
import { applyFields, LOCKABLE_FIELDS } from "./apply_fields.ts";
import { inventoryFields, ruleInput, sectionsFor } from "./facts.ts";
import { HistoryBatch } from "./history.ts";
import { placement } from "./placement.ts";
import type { RunContext } from "./run_context.ts";
import type { ComputersTable } from "./schema.ts";
import { deviceFacts, loadSections, RegistryError } from "./sync.ts";

/** Fields an admin may edit, and whether each takes a number (an id) or text. */
export const EDITABLE_FIELDS: Readonly<Record<string, "text" | "id">> = {
  name: "text",
  serial: "text",
  uuid: "text",
  inventory_number: "text",
  manufacturer: "text",
  model: "text",
  type: "text",
  os_name: "text",
  os_version: "text",
  os_arch: "text",
  os_serial: "text",
  domain: "text",
  user: "text",
  contact: "text",
  comment: "text",
  entity_id: "id",
  location_id: "id",
  state_id: "id",
};

/** Checks an edit; returns it typed or throws a RegistryError naming the bad field. */
export function validateEdit(
  changes: Record<string, unknown>,
): Record<string, string | number | null> {
  const out: Record<string, string | number | null> = {};
  for (const [field, value] of Object.entries(changes)) {
    const kind = EDITABLE_FIELDS[field];
    if (!kind) throw new RegistryError(`"${field}" cannot be edited`);
    if (kind === "id") {
      if (value !== null && !(typeof value === "number" && Number.isInteger(value) && value > 0)) {
        throw new RegistryError(`${field}: expected an id or null`);
      }
      if (field === "entity_id" && value === null) {
        throw new RegistryError("entity_id: a computer always belongs to an entity");
      }
    } else if (typeof value !== "string") {
      throw new RegistryError(`${field}: expected text`);
    }
    out[field] = value as string | number | null;
  }
  return out;
}

/**
 * Edits computers as `actor`: sets the fields, records history (source user) and locks every
 * edited field that inventory feeds. Returns the fields that changed per computer.
 */
export async function editComputers(
  db: Kysely<Database>,
  ids: readonly number[],
  changes: Record<string, unknown>,
  actor: string,
  now: Date,
  options: { lock?: boolean } = {},
): Promise<number> {
  const valid = validateEdit(changes);
  await checkReferences(db, valid);
  const at = now.toISOString();
  let changed = 0;
  for (const id of ids) {
    const current = await db.selectFrom("computers").selectAll().where("id", "=", id)
      .executeTakeFirst();
    if (!current) throw new RegistryError(`computer ${id} does not exist`);
    const history = new HistoryBatch(id, at, "user", actor);
    const update: Record<string, string | number | null> = {};
    for (const [field, value] of Object.entries(valid)) {
      const old = (current as Record<string, unknown>)[field];
      if (old === value) continue;
      update[field] = value;
      history.add({ kind: "field", field, oldValue: old as string, newValue: value });
    }
    if (Object.keys(update).length > 0) {
      changed++;
      await db.updateTable("computers").set({ ...update, updated_at: at } as Updateable<
        ComputersTable
      >).where("id", "=", id).execute();
    }
    if (options.lock !== false && current.is_dynamic) {
      const lockable = Object.keys(valid).filter((f) => LOCKABLE_FIELDS.includes(f));
      await addLocks(db, id, lockable, actor, at, history, current as Record<string, unknown>);
    }
    await history.write(db);
  }
  return changed;
}

async function checkReferences(db: Kysely<Database>, values: Record<string, unknown>) {
  const refs: [string, "entities" | "locations" | "states"][] = [
    ["entity_id", "entities"],
    ["location_id", "locations"],
    ["state_id", "states"],
  ];
  for (const [field, table] of refs) {
    const id = values[field];
    if (typeof id !== "number") continue;
    const row = await db.selectFrom(table).select("id").where("id", "=", id).executeTakeFirst();
    if (!row) throw new RegistryError(`${field}: ${table} ${id} does not exist`);
  }
}

async function addLocks(
  db: Kysely<Database>,
  computerId: number,
  fields: string[],
  actor: string,
  at: string,
  history: HistoryBatch,
  current: Record<string, unknown>,
) {
  if (fields.length === 0) return;
  const existing = new Set(
    (await db.selectFrom("computer_locks").select("field").where("computer_id", "=", computerId)
      .execute()).map((r) => r.field),
  );
  const fresh = fields.filter((f) => !existing.has(f));
  if (fresh.length === 0) return;
  await db.insertInto("computer_locks").values(fresh.map((field) => ({
    computer_id: computerId,
    field,
    locked_at: at,
    locked_by: actor,
    inventory_value: current[field] == null ? null : String(current[field]),
  }))).execute();
  for (const field of fresh) history.add({ kind: "locked", field });
}

/** Locks fields (or "all" lockable fields) without editing them. */
export async function lockFields(
  db: Kysely<Database>,
  ids: readonly number[],
  fields: readonly string[] | "all",
  actor: string,
  now: Date,
): Promise<void> {
  const wanted = fields === "all" ? [...LOCKABLE_FIELDS] : [...fields];
  for (const f of wanted) {
    if (!LOCKABLE_FIELDS.includes(f)) throw new RegistryError(`"${f}" cannot be locked`);
  }
  const at = now.toISOString();
  for (const id of ids) {
    const current = await db.selectFrom("computers").selectAll().where("id", "=", id)
      .executeTakeFirst();
    if (!current) throw new RegistryError(`computer ${id} does not exist`);
    const history = new HistoryBatch(id, at, "user", actor);
    await addLocks(db, id, wanted, actor, at, history, current as Record<string, unknown>);
    await history.write(db);
  }
}

/**
 * Unlocks fields (or all) and re-imports them from the computer's latest inventory at once.
 * Returns the number of locks removed.
 */
export async function unlockFields(
  run: RunContext,
  ids: readonly number[],
  fields: readonly string[] | "all",
): Promise<number> {
  const { db } = run;
  const at = run.now.toISOString();
  let removed = 0;
  for (const id of ids) {
    let q = db.deleteFrom("computer_locks").where("computer_id", "=", id);
    if (fields !== "all") q = q.where("field", "in", [...fields]);
    const gone = (await q.returning("field").execute()).map((r) => r.field);
    if (gone.length === 0) continue;
    removed += gone.length;
    const history = new HistoryBatch(id, at, "user", run.actor);
    for (const field of gone) history.add({ kind: "unlocked", field });
    await history.write(db);
    await reimportFields(run, id, gone);
  }
  return removed;
}

/** Sets `fields` of a computer from its most recent inventory (no-op for a manual computer). */
export async function reimportFields(
  run: RunContext,
  computerId: number,
  fields: readonly string[],
): Promise<void> {
  const { db } = run;
  const device = await db.selectFrom("computer_links")
    .innerJoin("devices", "devices.id", "computer_links.device_id")
    .selectAll("devices")
    .where("computer_links.computer_id", "=", computerId)
    .orderBy("devices.last_date", "desc").executeTakeFirst();
  if (!device) return;
  const sections = loadSections(run, device.id, sectionsFor(new Set(["fields"])));
  const facts = deviceFacts(device);
  const values = inventoryFields(facts, sections, run.identity);
  const current = await db.selectFrom("computers").selectAll().where("id", "=", computerId)
    .executeTakeFirstOrThrow();
  const place = await placement(run, ruleInput(facts, values, sections, run.identity), current);
  const all: Record<string, unknown> = { ...values, ...place };
  const subset = Object.fromEntries(fields.filter((f) => f in all).map((f) => [f, all[f]]));
  const history = new HistoryBatch(computerId, run.now.toISOString(), "inventory");
  await applyFields(db, computerId, current, subset, history);
  await history.write(db);
}
