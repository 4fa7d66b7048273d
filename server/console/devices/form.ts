/**
 * The devices list's query (search and page), a device's status in words, its sections shaped
 * as tables,; what the routes and the views share.
 *
 * @module
 */

import type { SimpleValue } from "../../../protocol/mod.ts";
import type { DeviceListRow } from "../../registry/device_list.ts";
import type { I18n } from "../../../ui/i18n/format.ts";

/** Devices per page of the list. */
export const DEVICES_PER_PAGE = 50;
/** The list's path. */
export const DEVICES_LIST = "/devices/all";

/** A device's status in the reader's words. */
export function deviceStatusText(row: DeviceListRow, language: I18n): string {
  const k = language.t.devicePages;
  if (row.computerId !== null) return row.computerDeleted ? k.trashed : k.inRegistry;
  if (row.inboxStatus !== null) return k.statuses[row.inboxStatus] ?? row.inboxStatus;
  return k.waiting;
}

/** One section as a table: its field names, then one row of cells per entry. */
export interface SectionTable {
  name: string;
  fields: string[];
  rows: string[][];
}

function cellText(value: SimpleValue | undefined): string {
  if (value === undefined) return "";
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** Every stored section as a table, in name order (a single section is a table of one row). */
export function sectionTables(sections: Record<string, SimpleValue>): SectionTable[] {
  return Object.keys(sections).sort().map((name) => {
    const value = sections[name]!;
    const entries = (Array.isArray(value) ? value : [value]).map((entry) =>
      typeof entry === "object" && entry !== null && !Array.isArray(entry)
        ? entry
        : { VALUE: entry }
    );
    const fields = [...new Set(entries.flatMap((entry) => Object.keys(entry)))];
    return {
      name,
      fields,
      rows: entries.map((entry) => fields.map((field) => cellText(entry[field]))),
    };
  });
}
