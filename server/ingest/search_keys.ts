/**
 * Search keys of a device, derived from its sections: what `devices --search` and the API find
 * a device by. Each key column comes from exactly one section, so a section absent from an
 * inventory leaves its keys as they were.
 *
 * @module
 */

import type { InventoryContent, SimpleValue } from "../../protocol/mod.ts";

/** The searchable columns. */
export const SEARCH_COLUMNS = ["name", "serial", "uuid", "mac", "ip", "os", "software"] as const;
export type SearchColumn = (typeof SEARCH_COLUMNS)[number];

/** Key columns, each a space-separated list of values, for the sections present. */
export type SearchKeys = Partial<Record<SearchColumn, string>>;

const NULL_MAC = "00:00:00:00:00:00";

/** The search keys carried by `content` (only for the source sections it contains). */
export function searchKeysOf(content: InventoryContent): SearchKeys {
  const keys: SearchKeys = {};
  if (content.HARDWARE) {
    keys.name = join([content.HARDWARE.NAME]);
    keys.uuid = join([content.HARDWARE.UUID]);
    keys.os = join([content.HARDWARE.OSNAME, content.HARDWARE.OSVERSION]);
  }
  if (content.BIOS) keys.serial = join([content.BIOS.SSN, content.BIOS.MSN, content.BIOS.ASSETTAG]);
  if (content.NETWORKS) {
    keys.mac = join(content.NETWORKS.map((n) => n.MACADDR === NULL_MAC ? undefined : n.MACADDR));
    keys.ip = join(content.NETWORKS.map((n) => n.IPADDRESS));
  }
  if (content.SOFTWARES) keys.software = join(content.SOFTWARES.map((s) => s.NAME), " ; ");
  return keys;
}

function join(values: (SimpleValue | undefined)[], separator = " "): string {
  const out = new Set<string>();
  for (const v of values) {
    if (typeof v !== "string") continue;
    const trimmed = v.trim();
    if (trimmed !== "") out.add(trimmed);
  }
  return [...out].join(separator);
}
