/**
 * What happens to a computer whose device is gone: deleted upstream, merged into another
 * DEVICEID, or not seen for N days. The configured behaviour (trash, a state, or nothing)
 * applies only when no other live device still feeds the computer.
 *
 * @module
 */

import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";
import { HistoryBatch } from "./history.ts";
import type { GoneBehaviour } from "./settings.ts";
import { trashComputers } from "./trash.ts";

/** Applies `behaviour` to computer `computerId`; returns what was done, for the caller's log. */
export async function applyGoneBehaviour(
  db: Kysely<Database>,
  computerId: number,
  behaviour: GoneBehaviour,
  now: Date,
  why: string,
): Promise<"trashed" | "state" | "none"> {
  if (behaviour === "trash") {
    await trashComputers(db, [computerId], now, { source: "system", actor: "", note: why });
    return "trashed";
  }
  if (behaviour.startsWith("state:")) {
    const name = behaviour.slice("state:".length);
    let state = await db.selectFrom("states").select(["id"]).where("name", "=", name)
      .executeTakeFirst();
    state ??= await db.insertInto("states").values({ name }).returning("id")
      .executeTakeFirstOrThrow();
    const current = await db.selectFrom("computers").select("state_id").where("id", "=", computerId)
      .executeTakeFirstOrThrow();
    if (current.state_id !== state.id) {
      await db.updateTable("computers").set({ state_id: state.id }).where("id", "=", computerId)
        .execute();
      const history = new HistoryBatch(computerId, now.toISOString(), "system");
      history.add({ kind: "state", field: "state", newValue: `${name} (${why})` });
      await history.write(db);
    }
    return "state";
  }
  return "none";
}

/** Consumes pending device deletions and merges (at most `limit`); returns how many. */
export async function consumeDeviceEvents(
  db: Kysely<Database>,
  behaviour: GoneBehaviour,
  now: Date,
  limit = 300,
): Promise<number> {
  const events = await db.selectFrom("device_events").selectAll()
    .where("consumed_at", "is", null).orderBy("id").limit(limit).execute();
  const at = now.toISOString();
  for (const event of events) {
    const link = await db.selectFrom("computer_links").select(["computer_id"])
      .where("device_id", "=", event.device_id).executeTakeFirst();
    await db.deleteFrom("device_imports").where("device_id", "=", event.device_id).execute();
    if (link) {
      const history = new HistoryBatch(link.computer_id, at, "inventory");
      if (event.kind === "merged" && event.into_device_id !== null) {
        const intoLinked = await db.selectFrom("computer_links").select("computer_id")
          .where("device_id", "=", event.into_device_id).executeTakeFirst();
        if (intoLinked) {
          await db.deleteFrom("computer_links").where("device_id", "=", event.device_id).execute();
        } else {
          // Follow the agent's new identity: the link moves, the computer stays.
          await db.updateTable("computer_links").set({
            device_id: event.into_device_id,
            deviceid: event.into_deviceid ?? "",
            synced_date: "",
            synced_inventories: 0,
            synced_hashes: "{}",
          }).where("device_id", "=", event.device_id).execute();
        }
        history.add({
          kind: "linked",
          field: "device",
          oldValue: event.deviceid,
          newValue: event.into_deviceid ?? "",
        });
        await history.write(db);
      } else {
        await db.deleteFrom("computer_links").where("device_id", "=", event.device_id).execute();
        history.add({
          kind: "unlinked",
          field: "device",
          oldValue: event.deviceid,
          newValue: "deleted upstream",
        });
        await history.write(db);
        const others = await db.selectFrom("computer_links").select("device_id")
          .where("computer_id", "=", link.computer_id).executeTakeFirst();
        if (!others) {
          await applyGoneBehaviour(db, link.computer_id, behaviour, now, "device deleted upstream");
        }
      }
    }
    await db.updateTable("device_events").set({ consumed_at: at }).where("id", "=", event.id)
      .execute();
  }
  return events.length;
}

/**
 * Stale devices: linked devices not seen since `days` ago; their computers get `behaviour`
 * unless another device of the computer was seen recently. Returns the computers affected.
 */
export async function applyStale(
  db: Kysely<Database>,
  days: number,
  behaviour: GoneBehaviour,
  now: Date,
): Promise<number[]> {
  if (days <= 0) return [];
  const cutoff = new Date(now.getTime() - days * 86_400_000).toISOString();
  const rows = await db.selectFrom("computers")
    .innerJoin("computer_links", "computer_links.computer_id", "computers.id")
    .innerJoin("devices", "devices.id", "computer_links.device_id")
    .select("computers.id")
    .select((eb) => eb.fn.max("devices.last_come").as("seen"))
    .where("computers.is_deleted", "=", 0)
    .groupBy("computers.id")
    .having((eb) => eb.fn.max("devices.last_come"), "<", cutoff)
    .execute();
  const affected: number[] = [];
  for (const row of rows) {
    const done = await applyGoneBehaviour(db, row.id, behaviour, now, `not seen for ${days} days`);
    if (done !== "none") affected.push(row.id);
  }
  return affected;
}
