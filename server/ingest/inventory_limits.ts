/**
 * Storage limits of one inventory, checked in the decode worker on the prepared sections, before
 * anything is written: a small compressed body cannot turn into gigabytes of rows. Together with
 * the inflate cap they bound what one accepted request can store (README, "Limits").
 *
 * @module
 */

import { OcsProtocolError, type WritableValue } from "../../protocol/mod.ts";

/** The limits of one inventory as stored. */
export interface InventoryLimits {
  /** Largest field value (and field name), UTF-8 bytes. */
  maxFieldBytes: number;
  /** Most entries in one section. */
  maxSectionEntries: number;
  /** Largest inventory as stored: its sections' JSON, UTF-8 bytes. */
  maxInventoryBytes: number;
  /**
   * Most a compressed body may inflate, as a multiple of its own size (bodies inflating to 1 MiB
   * or less are not held to it). Real agents' XML compresses 6 to 14 times; a body crafted to
   * inflate 1,000 times is refused while inflating, before it is parsed.
   */
  maxInflateRatio: number;
}

/**
 * The defaults. The largest real inventory at hand (OCS Unix agent 2.10, Debian 12 with 781
 * packages) has 195 KB of JSON, 781 entries in its largest section and no value over 95 bytes;
 * 50,000 software entries shaped like its own take ~12 MB of JSON. Measured on 2 cores: an
 * accepted inventory stores at most ~8 bytes per byte of its XML (long distinct values; ~3 for
 * many small entries), and 50,000 entries hold the event loop for seconds during the registry
 * sync, hence no higher entry default.
 */
export const DEFAULT_INVENTORY_LIMITS: InventoryLimits = {
  maxFieldBytes: 32 * 1024,
  maxSectionEntries: 50_000,
  maxInventoryBytes: 32 * 1024 * 1024,
  maxInflateRatio: 64,
};

/** What any body may inflate to, whatever its ratio. */
export const INFLATE_RATIO_FLOOR = 1024 * 1024;

/** The inflate cap for a body of `bodyBytes`: the configured one, or the ratio's if lower. */
export function inflateCap(bodyBytes: number, maxInflatedBytes: number, ratio: number): number {
  return Math.min(maxInflatedBytes, Math.max(INFLATE_RATIO_FLOOR, bodyBytes * ratio));
}

/**
 * Sections of one inventory: OCS documents ~45; unknown ones are kept, so their number needs a
 * bound of its own (each is a row).
 */
export const MAX_SECTIONS = 500;

const utf8 = new TextEncoder();

/**
 * Throws a 413 with the reason when `content` has too many sections or entries, or too long a
 * field. Checked before the sections are serialised, so a 100 MiB value is never copied.
 */
export function checkInventoryShape(
  content: Record<string, WritableValue>,
  limits: InventoryLimits,
): void {
  const names = Object.keys(content);
  if (names.length > MAX_SECTIONS) {
    throw tooLarge(`${names.length} sections, over the limit of ${MAX_SECTIONS}`);
  }
  for (const name of names) {
    const value = content[name];
    const entries = Array.isArray(value) ? value.length : 1;
    if (entries > limits.maxSectionEntries) {
      throw tooLarge(
        `section ${name} has ${entries} entries, over the limit of ${limits.maxSectionEntries}`,
      );
    }
    checkFields(name, value, limits.maxFieldBytes);
  }
}

/**
 * Throws a 413 when the inventory as stored is over the limit: `storedBytes` is its sections'
 * JSON plus the raw text of the sections skipped as unchanged.
 */
export function checkStoredSize(storedBytes: number, limits: InventoryLimits): void {
  if (storedBytes > limits.maxInventoryBytes) {
    throw tooLarge(
      `inventory of ${storedBytes} bytes as stored, over the limit of ${limits.maxInventoryBytes}`,
    );
  }
}

/**
 * Checks every value and field name under a section. The path (`SECTION/FIELD`) is only built
 * for the message of a refusal: building it for each of a large inventory's ~10,000 fields cost
 * more than the checks.
 */
function checkFields(section: string, value: WritableValue, max: number, key = ""): void {
  if (value === undefined) return;
  if (typeof value === "string") {
    if (overBytes(value, max)) {
      throw tooLarge(
        `${pathOf(section, key)} holds ${byteLength(value)} bytes, over the field limit of ${max}`,
      );
    }
  } else if (Array.isArray(value)) {
    for (const item of value) checkFields(section, item, max, key);
  } else {
    for (const name in value) {
      if (overBytes(name, max)) {
        throw tooLarge(
          `a field name in ${pathOf(section, key)} is over the field limit of ${max} bytes`,
        );
      }
      checkFields(section, value[name], max, key === "" ? name : `${key}/${name}`);
    }
  }
}

function pathOf(section: string, key: string): string {
  return key === "" ? section : `${section}/${key}`;
}

function overBytes(text: string, max: number): boolean {
  if (text.length > max) return true;
  return text.length * 3 > max && byteLength(text) > max;
}

function byteLength(text: string): number {
  return utf8.encode(text).byteLength;
}

function tooLarge(reason: string): OcsProtocolError {
  return new OcsProtocolError(`Inventory refused: ${reason}`, 413);
}
