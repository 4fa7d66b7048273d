/**
 * Monitors, printers and peripherals with GLPI's import modes:
 * - `none`: not imported (existing dynamic connections of that kind are removed);
 * - `global`: one shared record per name and manufacturer, connected to every computer having it;
 * - `unit`: one record per physical item — found by serial, else a same-name item without serial
 *   that is connected nowhere else, else created;
 * - `unit_serial`: found by serial; items without serial get their own record per computer;
 * - `serial_only`: items without serial are skipped.
 * Serials on the deny-list count as no serial, so docks and hubs sharing a generic serial do not
 * bounce from computer to computer. A trashed item seen again is restored.
 *
 * @module
 */

import type { PeripheralFact } from "./facts.ts";
import { HistoryBatch } from "./history.ts";
import type { RunContext } from "./run_context.ts";
import type { PeripheralKind } from "./schema.ts";
import type { PeripheralMode } from "./settings.ts";

function modeOf(run: RunContext, kind: PeripheralKind): PeripheralMode {
  return kind === "monitor"
    ? run.settings.monitors
    : kind === "printer"
    ? run.settings.printers
    : run.settings.peripherals;
}

/** Finds or creates the peripheral record for one reported item; null when not imported. */
async function resolve(
  run: RunContext,
  computerId: number,
  entityId: number,
  fact: PeripheralFact,
  taken: Set<number>,
): Promise<number | null> {
  const { db } = run;
  const mode = modeOf(run, fact.kind);
  const serial = run.identity.serial(fact.serial);
  if (mode === "none") return null;
  if (mode === "serial_only" && !serial) return null;
  const base = db.selectFrom("peripherals").select(["id", "is_deleted"])
    .where("kind", "=", fact.kind);
  let found: { id: number; is_deleted: number } | undefined;
  if (mode === "global") {
    found = await base.where("is_global", "=", 1).where("name", "=", fact.name)
      .where("manufacturer", "=", fact.manufacturer).executeTakeFirst();
  } else if (serial) {
    found = await base.where("is_global", "=", 0).where("serial", "=", serial)
      .orderBy("id").executeTakeFirst();
  } else {
    // No usable serial: reuse this computer's own same-name item (unit_serial), or in plain
    // unit mode also one connected nowhere.
    const candidates = await base.where("is_global", "=", 0).where("serial", "=", "")
      .where("name", "=", fact.name).where("manufacturer", "=", fact.manufacturer)
      .select((eb) =>
        eb.selectFrom("peripheral_links").select(eb.fn.countAll<number>().as("n"))
          .whereRef("peripheral_links.peripheral_id", "=", "peripherals.id")
          .where("peripheral_links.computer_id", "!=", computerId).as("elsewhere")
      )
      .select((eb) =>
        eb.selectFrom("peripheral_links").select(eb.fn.countAll<number>().as("n"))
          .whereRef("peripheral_links.peripheral_id", "=", "peripherals.id")
          .where("peripheral_links.computer_id", "=", computerId).as("here")
      )
      .orderBy("id").execute();
    found = candidates.find((c) => !taken.has(c.id) && Number(c.here) > 0) ??
      (mode === "unit"
        ? candidates.find((c) => !taken.has(c.id) && Number(c.elsewhere) === 0)
        : undefined);
  }
  if (found) {
    if (found.is_deleted) {
      await db.updateTable("peripherals").set({ is_deleted: 0 }).where("id", "=", found.id)
        .execute();
    }
    return found.id;
  }
  const row = await db.insertInto("peripherals").values({
    kind: fact.kind,
    name: fact.name,
    manufacturer: fact.manufacturer,
    serial,
    description: fact.description,
    entity_id: entityId,
    is_global: mode === "global" ? 1 : 0,
    created_at: run.now.toISOString(),
  }).returning("id").executeTakeFirstOrThrow();
  return row.id;
}

/** Removes unit item `id` from the computers other than `computerId`, with their history. */
async function disconnectElsewhere(
  run: RunContext,
  id: number,
  computerId: number,
  fact: PeripheralFact,
  history: HistoryBatch,
) {
  const { db } = run;
  const others = await db.selectFrom("peripheral_links").select("computer_id")
    .where("peripheral_id", "=", id).where("computer_id", "!=", computerId).execute();
  if (others.length === 0) return;
  await db.deleteFrom("peripheral_links").where("peripheral_id", "=", id)
    .where("computer_id", "!=", computerId).execute();
  for (const other of others) {
    const left = new HistoryBatch(other.computer_id, history.at, history.source, history.actor);
    left.add({
      kind: "component_removed",
      field: fact.kind,
      oldValue: fact.name,
      newValue: `moved to computer ${computerId}`,
    });
    await left.write(db);
    await db.updateTable("computers").set({ updated_at: history.at })
      .where("id", "=", other.computer_id).execute();
  }
}

/** Counts of what changed. */
export interface PeripheralChanges {
  connected: number;
  disconnected: number;
}

/** Brings the computer's peripheral connections to what the inventory reports. */
export async function applyPeripherals(
  run: RunContext,
  computerId: number,
  entityId: number,
  facts: PeripheralFact[],
  history: HistoryBatch,
  options: { quiet?: boolean } = {},
): Promise<PeripheralChanges> {
  const { db } = run;
  const wanted = new Map<number, PeripheralFact>();
  for (const fact of facts) {
    const id = await resolve(run, computerId, entityId, fact, new Set(wanted.keys()));
    if (id !== null) wanted.set(id, fact);
  }
  const current = await db.selectFrom("peripheral_links")
    .innerJoin("peripherals", "peripherals.id", "peripheral_links.peripheral_id")
    .select(["peripherals.id", "peripherals.kind", "peripherals.name", "peripherals.is_dynamic"])
    .where("peripheral_links.computer_id", "=", computerId).execute();
  const changes: PeripheralChanges = { connected: 0, disconnected: 0 };
  for (const link of current) {
    if (wanted.delete(link.id)) continue;
    if (!link.is_dynamic) continue; // connected by hand: the inventory does not undo it
    await db.deleteFrom("peripheral_links").where("peripheral_id", "=", link.id)
      .where("computer_id", "=", computerId).execute();
    changes.disconnected++;
    if (!options.quiet) {
      history.add({ kind: "component_removed", field: link.kind, oldValue: link.name });
    }
  }
  for (const [id, fact] of wanted) {
    const moved = await db.selectFrom("peripherals").select("is_global").where("id", "=", id)
      .executeTakeFirstOrThrow();
    if (!moved.is_global) {
      // A unit item is on one desk at a time: connecting it here disconnects it elsewhere, and
      // the computer it left records it as removed (history is symmetric).
      await disconnectElsewhere(run, id, computerId, fact, history);
    }
    await db.insertInto("peripheral_links")
      .values({ peripheral_id: id, computer_id: computerId, linked_at: run.now.toISOString() })
      .onConflict((oc) => oc.doNothing()).execute();
    changes.connected++;
    if (!options.quiet) {
      history.add({ kind: "component_added", field: fact.kind, newValue: fact.name });
    }
  }
  return changes;
}
