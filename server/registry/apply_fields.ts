/**
 * Writing inventory values into a computer's own fields, leaving locked fields alone: a locked
 * field keeps the admin's value, and the lock remembers what the inventory said (shown next to
 * the field, and recorded in history when it changes).
 *
 * @module
 */

import type { Kysely, Updateable } from "kysely";
import type { Database } from "../db/schema.ts";
import { INVENTORY_FIELDS, type InventoryFields } from "./facts.ts";
import type { HistoryBatch } from "./history.ts";
import type { ComputersTable } from "./schema.ts";

/** Fields the registry places by rule rather than read from the inventory. */
export type PlacementField = "entity_id" | "location_id";

/** Every field a lock can hold. */
export const LOCKABLE_FIELDS: readonly string[] = [...INVENTORY_FIELDS, "entity_id", "location_id"];

/** The locks of a computer: field → the inventory value last refused. */
export async function locksOf(
  db: Kysely<Database>,
  computerId: number,
): Promise<Map<string, string | null>> {
  const rows = await db.selectFrom("computer_locks").select(["field", "inventory_value"])
    .where("computer_id", "=", computerId).execute();
  return new Map(rows.map((r) => [r.field, r.inventory_value]));
}

type Values = Partial<InventoryFields> & Partial<Record<PlacementField, number | null>>;

/**
 * Applies `values` to computer `computerId` whose current row is `current`. Locked fields are
 * skipped (their lock records the refused value); changed fields go to `history` unless
 * `quiet` (a computer being created gets one "created" entry instead).
 */
export async function applyFields(
  db: Kysely<Database>,
  computerId: number,
  current: Record<string, unknown>,
  values: Values,
  history: HistoryBatch,
  options: { quiet?: boolean; locks?: Map<string, string | null> } = {},
): Promise<number> {
  const locks = options.locks ?? await locksOf(db, computerId);
  const update: Record<string, string | number | null> = {};
  for (const [field, value] of Object.entries(values)) {
    if (value === undefined) continue;
    const old = current[field];
    if (locks.has(field)) {
      const seen = value === null ? null : String(value);
      if (locks.get(field) !== seen) {
        await db.updateTable("computer_locks").set({ inventory_value: seen })
          .where("computer_id", "=", computerId).where("field", "=", field).execute();
        if (!options.quiet && String(old ?? "") !== String(value ?? "")) {
          history.add({ kind: "lock_kept", field, oldValue: String(old ?? ""), newValue: seen });
        }
      }
      continue;
    }
    if (old === value || (old == null && value === "")) continue;
    update[field] = value;
    if (!options.quiet) {
      history.add({ kind: "field", field, oldValue: old as string, newValue: value });
    }
  }
  const changed = Object.keys(update).length;
  if (changed > 0) {
    await db.updateTable("computers").set(update as Updateable<ComputersTable>)
      .where("id", "=", computerId).execute();
  }
  return changed;
}

/** The inventory values restricted to lockable inventory fields (for unlock's re-import). */
export function fieldValue(fields: InventoryFields, field: string): string | number | undefined {
  return (fields as unknown as Record<string, string | number>)[field];
}
