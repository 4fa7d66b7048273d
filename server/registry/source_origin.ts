/**
 * Per-source placement: a device read from an OCS source (`server/sources/`) may have its
 * entity forced by the source, its entity picked by its TAG, or its location named by its TAG,
 * as the ocsinventoryng plugin's per-server options do. Read here, at synchronisation, so the
 * source's choice holds whichever process synchronises the device.
 *
 * @module
 */

import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";
import { ensureLocation, findEntityByTag } from "./tree.ts";

/** What a source says about where its devices go. */
export interface DeviceOrigin {
  sourceName: string;
  entityId: number | null;
  tagLocation: boolean;
  tagEntity: boolean;
}

/** The origin of a device read from a source, or undefined for an agent's device. */
export async function deviceOrigin(
  db: Kysely<Database>,
  deviceId: number,
): Promise<DeviceOrigin | undefined> {
  const row = await db.selectFrom("source_devices")
    .innerJoin("sources", "sources.id", "source_devices.source_id")
    .select(["sources.name", "sources.options"])
    .where("source_devices.device_id", "=", deviceId).executeTakeFirst();
  if (!row) return undefined;
  const options = JSON.parse(row.options) as Partial<DeviceOrigin>;
  return {
    sourceName: row.name,
    entityId: options.entityId ?? null,
    tagLocation: options.tagLocation === true,
    tagEntity: options.tagEntity === true,
  };
}

/** The entity a source imposes on a new device (undefined: the entity rules decide). */
export async function originEntity(
  db: Kysely<Database>,
  origin: DeviceOrigin | undefined,
  tag: string,
): Promise<number | undefined> {
  if (!origin) return undefined;
  if (origin.entityId !== null) return origin.entityId;
  if (origin.tagEntity && tag) return (await findEntityByTag(db, tag))?.id;
  return undefined;
}

/** The location named by the TAG, when the source asks for it (created when missing). */
export async function originLocation(
  db: Kysely<Database>,
  origin: DeviceOrigin | undefined,
  tag: string,
  entityId: number,
): Promise<number | undefined> {
  if (!origin?.tagLocation || !tag.trim()) return undefined;
  return (await ensureLocation(db, tag, entityId))?.id ?? undefined;
}
