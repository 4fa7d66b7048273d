/**
 * Inbox questions the console asks beyond the list itself: which computers a device may be
 * linked to (live or trashed: linking restores a trashed one), which device ids of a selection
 * are really in the inbox, and the stored traces of a page of rows.
 *
 * @module
 */

import type { Kysely } from "kysely";
import type { CollectionResult } from "../../rules/types.ts";
import type { Database } from "../db/schema.ts";
import { contains } from "../db/text_match.ts";

/** A computer offered as a link target. */
export interface LinkTarget {
  id: number;
  name: string;
  serial: string;
  uuid: string;
  entity: string;
  /** 1 when it is in the trash (linking restores it). */
  is_deleted: number;
  last_inventory_at: string | null;
}

/**
 * Computers whose id is `search`, or whose name, serial or UUID contains it, live ones first;
 * trashed ones are included because linking a device restores its computer.
 */
export async function findLinkTargets(
  db: Kysely<Database>,
  search: string,
  limit = 20,
): Promise<LinkTarget[]> {
  const text = search.trim();
  if (text === "") return [];
  const rows = await linkTargets(db)
    .where((eb) =>
      eb.or([
        ...(/^\d+$/.test(text) ? [eb("computers.id", "=", Number(text))] : []),
        contains(db, "computers.name", text),
        contains(db, "computers.serial", text),
        contains(db, "computers.uuid", text),
      ])
    )
    .orderBy("computers.is_deleted")
    .orderBy("computers.name")
    .orderBy("computers.id")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, entity: r.entity ?? "" }));
}

/** One computer as a link target, or undefined. */
export async function getLinkTarget(
  db: Kysely<Database>,
  id: number,
): Promise<LinkTarget | undefined> {
  const row = await linkTargets(db)
    .where("computers.id", "=", id)
    .executeTakeFirst();
  return row && { ...row, entity: row.entity ?? "" };
}

/** Computers with the columns a link target shows (the entity by its complete name). */
function linkTargets(db: Kysely<Database>) {
  return db.selectFrom("computers")
    .leftJoin("entities", "entities.id", "computers.entity_id")
    .select([
      "computers.id",
      "computers.name",
      "computers.serial",
      "computers.uuid",
      "entities.completename as entity",
      "computers.is_deleted",
      "computers.last_inventory_at",
    ]);
}

/** The ids among `ids` that are in the inbox (not released), in the order given. */
export async function inboxDeviceIds(
  db: Kysely<Database>,
  ids: readonly number[],
): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom("device_imports").select("device_id")
    .where("device_id", "in", [...ids]).where("status", "!=", "released").execute();
  const found = new Set(rows.map((r) => r.device_id));
  return ids.filter((id) => found.has(id));
}

/** The stored rule traces of inbox devices, by device id (one query for a page of rows). */
export async function inboxTraces(
  db: Kysely<Database>,
  ids: readonly number[],
): Promise<Map<number, CollectionResult[]>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom("device_imports").select(["device_id", "trace"])
    .where("device_id", "in", [...ids]).execute();
  return new Map(rows.map((r) => [r.device_id, parseTrace(r.trace)]));
}

/** A stored trace; a damaged one reads as no trace rather than failing the page. */
function parseTrace(text: string): CollectionResult[] {
  try {
    const value = JSON.parse(text);
    return Array.isArray(value) ? value : [];
  } catch {
    return [];
  }
}
