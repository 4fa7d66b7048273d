/**
 * Trash, restore and purge, each on any number of computers in one call (one statement per
 * chunk, not one round-trip per computer). Trash keeps links and sync state; purge removes the
 * computer and everything it owns, and releases its devices: a device whose computer was purged
 * is imported afresh only when it sends a new inventory.
 *
 * @module
 */

import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";
import type { HistorySource } from "./schema.ts";

const CHUNK = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/** Who does it and why, for history. */
export interface Actor {
  source: HistorySource;
  actor: string;
  note?: string;
}

/** Moves computers to the trash; returns how many were not already there. */
export function trashComputers(
  db: Kysely<Database>,
  ids: readonly number[],
  now: Date,
  by: Actor,
): Promise<number> {
  return setTrashed(db, ids, true, now, by);
}

/** Takes computers out of the trash; returns how many were in it. */
export function restoreComputers(
  db: Kysely<Database>,
  ids: readonly number[],
  now: Date,
  by: Actor,
): Promise<number> {
  return setTrashed(db, ids, false, now, by);
}

/** Trash or restore in chunks, with one history row per computer that changed. */
async function setTrashed(
  db: Kysely<Database>,
  ids: readonly number[],
  trashed: boolean,
  now: Date,
  by: Actor,
): Promise<number> {
  let count = 0;
  const at = now.toISOString();
  for (const chunk of chunks(ids)) {
    const changed = await db.updateTable("computers")
      .set({ is_deleted: trashed ? 1 : 0, deleted_at: trashed ? at : null })
      .where("id", "in", chunk).where("is_deleted", "=", trashed ? 0 : 1)
      .returning("id").execute();
    count += changed.length;
    if (changed.length === 0) continue;
    await db.insertInto("history").values(changed.map((r) => ({
      at,
      computer_id: r.id,
      kind: trashed ? "trashed" as const : "restored" as const,
      new_value: by.note ?? "",
      source: by.source,
      actor: by.actor,
    }))).execute();
  }
  return count;
}

/**
 * Deletes computers for good (only those in the trash unless `evenIfNotTrashed`); their
 * devices are released. Returns how many went.
 */
export async function purgeComputers(
  db: Kysely<Database>,
  ids: readonly number[],
  now: Date,
  options: { evenIfNotTrashed?: boolean } = {},
): Promise<number> {
  let count = 0;
  const at = now.toISOString();
  for (const chunk of chunks(ids)) {
    let q = db.selectFrom("computers").select("id").where("id", "in", chunk);
    if (!options.evenIfNotTrashed) q = q.where("is_deleted", "=", 1);
    const doomed = (await q.execute()).map((r) => r.id);
    if (doomed.length === 0) continue;
    const links = await db.selectFrom("computer_links")
      .innerJoin("devices", "devices.id", "computer_links.device_id")
      .select(["computer_links.device_id", "devices.last_date", "devices.inventories"])
      .where("computer_links.computer_id", "in", doomed).execute();
    if (links.length > 0) {
      await db.insertInto("device_imports").values(links.map((l) => ({
        device_id: l.device_id,
        status: "released" as const,
        reason: "its computer was purged; a new inventory imports it again",
        device_date: l.last_date ?? "",
        device_inventories: l.inventories,
        first_at: at,
        last_at: at,
      }))).onConflict((oc) =>
        oc.column("device_id").doUpdateSet((eb) => ({
          status: eb.ref("excluded.status"),
          reason: eb.ref("excluded.reason"),
          device_date: eb.ref("excluded.device_date"),
          device_inventories: eb.ref("excluded.device_inventories"),
          last_at: at,
        }))
      ).execute();
    }
    // Children go by ON DELETE CASCADE (links, parts, installs, locks, history).
    const result = await db.deleteFrom("computers").where("id", "in", doomed).executeTakeFirst();
    count += Number(result.numDeletedRows);
  }
  return count;
}

/** Ids of computers in the trash since before `before` (the purge-trash task). */
export async function trashedBefore(db: Kysely<Database>, before: string): Promise<number[]> {
  return (await db.selectFrom("computers").select("id").where("is_deleted", "=", 1)
    .where("deleted_at", "<", before).execute()).map((r) => r.id);
}
