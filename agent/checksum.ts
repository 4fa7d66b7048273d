/**
 * HARDWARE/CHECKSUM (`ocs-protocol.md` §4): one bit per section that changed since the server
 * last accepted an inventory. An OCS server with INVENTORY_DIFF (the default) skips sections
 * whose bit is clear, so a bit wrongly clear loses data, and a bit wrongly set only costs a
 * rewrite: when in doubt, set it.
 *
 * Like the Unix agent, each section is hashed (MD5, base64) and compared with `last_state`.
 * The hash covers a stable serialisation (keys sorted), so key order never counts as a change.
 *
 * @module
 */

import { createHash } from "node:crypto";
import { CHECKSUM_SECTIONS, type InventoryContent, type WritableValue } from "../protocol/mod.ts";

/**
 * Every CHECKSUM bit: the Unix agent's 1572863 plus SIM and USBDEVICES, which the server maps
 * too (we send USBDEVICES; its bit must be set for the section to be stored). 4194303.
 */
export const ALL_CHECKSUM_BITS: number = CHECKSUM_SECTIONS.reduce((all, s) => all | s.bit, 0);

/** The HARDWARE bit: always set, as the server does anyway (`agent | old | 1`). */
const HARDWARE_BIT = 1;

/**
 * Fields that change on every run without anything having changed: a CPU's current clock, a
 * laptop's charge. Counting them would set their section's bit on every inventory, and the
 * server (and GLPI's sync after it) would rewrite the section daily for nothing. They are still
 * sent; they just do not count as a change on their own. HARDWARE/CHECKSUM is left out too.
 */
const VOLATILE_FIELDS: Record<string, readonly string[]> = {
  HARDWARE: ["CHECKSUM"],
  CPUS: ["CURRENT_SPEED"],
  BATTERIES: ["ESTIMATEDCHARGEREMAINING", "STATUS"],
};

/** The CHECKSUM to send and the hashes to keep once the server accepted it. */
export interface ChecksumResult {
  checksum: number;
  /** Section → hash, for `last_state`. Sections that are absent have none. */
  hashes: Record<string, string>;
  /** The sections whose bit is set, for `--debug`. */
  changed: string[];
}

/**
 * Computes the CHECKSUM of `content` against `lastState`: every bit when there is no last state
 * (first run, new DEVICEID, `--local`) or with `force`; otherwise the bits of the sections whose
 * hash differs, including sections that appeared or disappeared, plus HARDWARE.
 */
export function computeChecksum(
  content: InventoryContent,
  lastState: Record<string, string> | null,
  options: { force?: boolean } = {},
): ChecksumResult {
  const hashes: Record<string, string> = {};
  const changed: string[] = [];
  let checksum = 0;
  for (const { name, bit } of CHECKSUM_SECTIONS) {
    const value = withoutVolatile(name, content[name] as WritableValue);
    const hash = value === undefined ? undefined : sectionHash(value);
    if (hash !== undefined) hashes[name] = hash;
    const isChanged = lastState === null || options.force || bit === HARDWARE_BIT ||
      lastState[name] !== hash;
    if (isChanged) {
      checksum |= bit;
      changed.push(name);
    }
  }
  return { checksum, hashes, changed };
}

/** MD5 (base64, as the Unix agent) of the stable serialisation of one section. */
export function sectionHash(value: WritableValue): string {
  return createHash("md5").update(stableJson(value)).digest("base64");
}

/**
 * JSON with object keys sorted at every level; array order is kept (it is data). Fields that are
 * undefined or empty are left out, as they are on the wire.
 */
export function stableJson(value: WritableValue): string {
  if (value === undefined) return "null";
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) return "[" + value.map(stableJson).join(",") + "]";
  const keys = Object.keys(value).filter((k) => value[k] !== undefined && value[k] !== "").sort();
  return "{" + keys.map((k) => JSON.stringify(k) + ":" + stableJson(value[k])).join(",") + "}";
}

function withoutVolatile(section: string, value: WritableValue): WritableValue {
  const volatile = VOLATILE_FIELDS[section];
  if (!volatile || value === undefined || typeof value === "string") return value;
  const strip = (entry: WritableValue): WritableValue => {
    if (entry === undefined || typeof entry === "string" || Array.isArray(entry)) return entry;
    const copy = { ...entry };
    for (const field of volatile) delete copy[field];
    return copy;
  };
  return Array.isArray(value) ? value.map(strip) : strip(value);
}
