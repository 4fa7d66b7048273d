/**
 * Shared MACs: a physical MAC address reported by several computers (which the identity veto
 * keeps apart because their serials or UUIDs differ) belongs to none of them: a USB-C dock, a
 * USB Ethernet adapter moved between laptops, cloned VMs. They are listed so that an admin can
 * move each to the `genericMacs` deny-list in one step, after which no rule links by it.
 *
 * @module
 */

import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";
import { identityFilters, normalizeMac } from "./normalize.ts";
import { loadSettings, saveSetting } from "./settings.ts";

/** One shared MAC and the computers reporting it. */
export interface SharedMac {
  mac: string;
  computers: { id: number; name: string; serial: string; uuid: string }[];
}

/** Shared MACs not yet deny-listed, most computers first, as one list page. */
export async function listSharedMacs(
  db: Kysely<Database>,
  paging: { limit: number; offset: number },
): Promise<{ total: number; limit: number; offset: number; items: SharedMac[] }> {
  const identity = identityFilters(await loadSettings(db));
  const rows = await db.selectFrom("network_ports")
    .innerJoin("computers", "computers.id", "network_ports.computer_id")
    .select(["network_ports.mac", "computers.id", "computers.name", "computers.serial"])
    .select("computers.uuid")
    .where("network_ports.is_virtual", "=", 0).where("network_ports.mac", "!=", "")
    .where("computers.is_deleted", "=", 0)
    .where((eb) =>
      eb(
        "network_ports.mac",
        "in",
        (sub) =>
          sub.selectFrom("network_ports as p").innerJoin("computers as c", "c.id", "p.computer_id")
            .select("p.mac").where("p.is_virtual", "=", 0).where("p.mac", "!=", "")
            .where("c.is_deleted", "=", 0).groupBy("p.mac")
            .having((h) => h.fn.count("p.computer_id").distinct(), ">", 1),
      )
    )
    .orderBy("network_ports.mac").orderBy("computers.id").execute();
  const byMac = new Map<string, SharedMac>();
  for (const row of rows) {
    // Stored ports keep a MAC deny-listed after their last synchronisation: not listed again.
    if (identity.mac(row.mac) === "") continue;
    const entry = byMac.get(row.mac) ?? { mac: row.mac, computers: [] };
    if (!entry.computers.some((c) => c.id === row.id)) {
      entry.computers.push({ id: row.id, name: row.name, serial: row.serial, uuid: row.uuid });
    }
    byMac.set(row.mac, entry);
  }
  const all = [...byMac.values()].sort((a, b) =>
    b.computers.length - a.computers.length || a.mac.localeCompare(b.mac)
  );
  return {
    total: all.length,
    limit: paging.limit,
    offset: paging.offset,
    items: all.slice(paging.offset, paging.offset + paging.limit),
  };
}

/** A MAC that is not one. */
export class MacError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MacError";
  }
}

/**
 * Adds `mac` to the `genericMacs` deny-list (the one-click move); false when it was there
 * already. Call inside the write queue's transaction.
 */
export async function markMacGeneric(db: Kysely<Database>, mac: string): Promise<boolean> {
  const normal = normalizeMac(mac);
  if (normal === "") throw new MacError(`"${mac}" is not a MAC address (six hex bytes)`);
  const { genericMacs } = await loadSettings(db);
  if (genericMacs.some((m) => normalizeMac(m) === normal)) return false;
  await saveSetting(db, "genericMacs", [...genericMacs, normal]);
  return true;
}
