/**
 * Bulk actions on computers: what each needs (right, target), and running one on any number of
 * computers through the write queue in chunks, so 100,000 computers never make one giant
 * transaction and agents' inventories interleave. Each chunk re-checks, inside its transaction,
 * that its computers still lie in the principal's entities: a computer outside them is never
 * acted on, even if it moved while the action ran.
 *
 * @module
 */

import type { Right } from "../auth/rights.ts";
import type { ServerContext } from "../context.ts";
import { partitionByScope } from "../registry/computer_scope.ts";
import { editComputers, lockFields, unlockFields } from "../registry/edit.ts";
import { openRun } from "../registry/run_context.ts";
import { purgeComputers, restoreComputers, trashComputers } from "../registry/trash.ts";

/** The bulk actions, as the form's `action` values. */
export const BULK_ACTIONS = [
  "trash",
  "restore",
  "purge",
  "set_location",
  "set_state",
  "set_entity",
  "lock",
  "unlock",
] as const;

/** One bulk action. */
export type BulkAction = typeof BULK_ACTIONS[number];

/** The right each action needs. */
export const BULK_RIGHTS: Readonly<Record<BulkAction, Right>> = {
  trash: "trash",
  restore: "trash",
  purge: "purge",
  set_location: "edit",
  set_state: "edit",
  set_entity: "edit",
  lock: "edit",
  unlock: "edit",
};

/** True for a known action. */
export function isBulkAction(value: unknown): value is BulkAction {
  return typeof value === "string" && (BULK_ACTIONS as readonly string[]).includes(value);
}

/** What an action sets, when it sets something. */
export interface BulkTarget {
  /** set_location: a location id, or null to clear it. */
  locationId?: number | null;
  /** set_state: a state id, or null to clear it. */
  stateId?: number | null;
  /** set_entity: an entity id. */
  entityId?: number;
}

/** Computers per transaction: trash and restore are one statement per 500, the rest per row. */
const CHUNK: Readonly<Record<BulkAction, number>> = {
  trash: 5000,
  restore: 5000,
  purge: 250,
  set_location: 250,
  set_state: 250,
  set_entity: 250,
  lock: 250,
  unlock: 100,
};

/**
 * Runs `action` on `ids` as `actor`, limited to `entityIds` (undefined: every entity). Resolves
 * to how many computers it changed (unlock: how many locks it removed).
 */
export async function runBulkAction(
  ctx: ServerContext,
  action: BulkAction,
  ids: readonly number[],
  options: {
    actor: string;
    entityIds: readonly number[] | undefined;
    target?: BulkTarget;
    /** Purge computers that are not in the trash too (the computers list, after confirmation). */
    purgeLive?: boolean;
  },
): Promise<number> {
  const now = ctx.now();
  const { actor, target = {} } = options;
  const by = { source: "user" as const, actor };
  let total = 0;
  const size = CHUNK[action];
  for (let i = 0; i < ids.length; i += size) {
    const chunk = ids.slice(i, i + size);
    total += await ctx.writes.run(async (db) => {
      const { within } = await partitionByScope(db, chunk, options.entityIds);
      if (within.length === 0) return 0;
      switch (action) {
        case "trash":
          return await trashComputers(db, within, now, by);
        case "restore":
          return await restoreComputers(db, within, now, by);
        case "purge":
          return await purgeComputers(db, within, now, { evenIfNotTrashed: options.purgeLive });
        case "set_location":
          await editComputers(db, within, { location_id: target.locationId ?? null }, actor, now);
          return within.length;
        case "set_state":
          await editComputers(db, within, { state_id: target.stateId ?? null }, actor, now);
          return within.length;
        case "set_entity":
          await editComputers(db, within, { entity_id: target.entityId }, actor, now);
          return within.length;
        case "lock":
          await lockFields(db, within, "all", actor, now);
          return within.length;
        case "unlock":
          return await unlockFields(await openRun(db, ctx.raw, now, actor), within, "all");
      }
    });
  }
  return total;
}

/** The notice after `action` changed `count` computers (unlock: removed `count` locks). */
export function bulkNotice(action: BulkAction, count: number): string {
  const computers = `${count.toLocaleString("en")} computer${count === 1 ? "" : "s"}`;
  switch (action) {
    case "trash":
      return `${computers} moved to the trash.`;
    case "restore":
      return `${computers} restored from the trash.`;
    case "purge":
      return `${computers} purged for good.`;
    case "set_location":
      return `Location set on ${computers}; the field is locked against inventory.`;
    case "set_state":
      return `State set on ${computers}.`;
    case "set_entity":
      return `Entity set on ${computers}; the field is locked against inventory.`;
    case "lock":
      return `All fields locked on ${computers}.`;
    case "unlock":
      return `${count.toLocaleString("en")} lock${
        count === 1 ? "" : "s"
      } removed; the fields are re-imported from the last inventory.`;
  }
}
