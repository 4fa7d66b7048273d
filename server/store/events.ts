/**
 * Device events: a deleted or merged device leaves a row here that the asset registry consumes
 * (the OCS `deleted_equiv` trace, always on).
 *
 * @module
 */

import type { Insertable, Kysely } from "kysely";
import type { Database, DeviceEventsTable } from "../db/schema.ts";

/** Records one event in the current transaction. */
export async function recordEvent(
  db: Kysely<Database>,
  event: Omit<Insertable<DeviceEventsTable>, "id" | "consumed_at">,
): Promise<void> {
  await db.insertInto("device_events").values({ ...event, consumed_at: null }).execute();
}
