/**
 * The columns of the computers list and its CSV export: URL key (`cols=`, `sort=`), label, the
 * registry sort key, and the cell text. One table, so the page and the export never disagree.
 *
 * @module
 */

import type { ComputerSort, ComputerSummary } from "../registry/queries.ts";
import { i18n } from "../../ui/i18n/format.ts";

/** One column a user can show. */
export interface ComputerColumn {
  key: string;
  label: string;
  sort: ComputerSort;
  /** The cell's text (pages and CSV). */
  text(row: ComputerSummary): string;
  /** Hidden on narrow screens. */
  optional?: boolean;
}

const field = (name: keyof ComputerSummary) => (row: ComputerSummary) =>
  row[name] == null ? "" : String(row[name]);

/** Every column, in display order. */
export const COMPUTER_COLUMNS: readonly ComputerColumn[] = [
  { key: "name", label: "Name", sort: "name", text: (r) => r.name || `#${r.id}` },
  { key: "entity", label: "Entity", sort: "entity", text: field("entity"), optional: true },
  { key: "location", label: "Location", sort: "location", text: field("location") },
  { key: "state", label: "State", sort: "state", text: field("state"), optional: true },
  { key: "os", label: "Operating system", sort: "os_name", text: field("os_name") },
  {
    key: "os_version",
    label: "OS version",
    sort: "os_version",
    text: field("os_version"),
    optional: true,
  },
  { key: "serial", label: "Serial number", sort: "serial", text: field("serial") },
  { key: "uuid", label: "UUID", sort: "uuid", text: field("uuid"), optional: true },
  {
    key: "manufacturer",
    label: "Manufacturer",
    sort: "manufacturer",
    text: field("manufacturer"),
    optional: true,
  },
  { key: "model", label: "Model", sort: "model", text: field("model"), optional: true },
  { key: "type", label: "Type", sort: "type", text: field("type"), optional: true },
  { key: "user", label: "User", sort: "user", text: field("user"), optional: true },
  { key: "ip", label: "IP address", sort: "ip", text: field("ip"), optional: true },
  { key: "tag", label: "TAG", sort: "tag", text: field("tag"), optional: true },
  {
    key: "inventory_number",
    label: "Inventory number",
    sort: "inventory_number",
    text: field("inventory_number"),
    optional: true,
  },
  {
    key: "last_inventory",
    label: "Last inventory",
    sort: "last_inventory_at",
    text: (r) => i18n().dateTime(r.last_inventory_at),
  },
  {
    key: "last_contact",
    label: "Last contact",
    sort: "last_contact_at",
    text: (r) => i18n().dateTime(r.last_contact_at),
    optional: true,
  },
  { key: "id", label: "ID", sort: "id", text: (r) => String(r.id), optional: true },
];

/** Columns shown when the URL names none. */
export const DEFAULT_COLUMN_KEYS: readonly string[] = [
  "name",
  "entity",
  "location",
  "os",
  "serial",
  "ip",
  "last_inventory",
];

const BY_KEY = new Map(COMPUTER_COLUMNS.map((c) => [c.key, c]));

/** The column with `key`, if any. */
export function computerColumn(key: string): ComputerColumn | undefined {
  return BY_KEY.get(key);
}

/**
 * The columns `cols` values name (comma-separated, possibly repeated as checkbox forms send
 * them), in display order, name always first; unknown keys are ignored, none gives the defaults.
 */
export function chooseColumns(values: readonly string[]): ComputerColumn[] {
  const wanted = new Set(
    values.flatMap((v) => v.split(",")).map((k) => k.trim()).filter((k) => BY_KEY.has(k)),
  );
  if (wanted.size === 0) { for (const k of DEFAULT_COLUMN_KEYS) wanted.add(k); }
  wanted.add("name");
  return COMPUTER_COLUMNS.filter((c) => wanted.has(c.key));
}

/** `2026-11-21T08:00:00.000Z` → `2026-11-21 08:00` (UTC), "" for none. */
export function shortTime(iso: string | null): string {
  if (!iso) return "";
  return iso.slice(0, 16).replace("T", " ");
}
