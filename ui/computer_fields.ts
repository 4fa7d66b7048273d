/**
 * How the computer page names and formats things: field labels (summary, locks, history),
 * times, sizes, and the value of a reference field (an entity, location or state id) by name.
 *
 * @module
 */

import type { ReferenceNames } from "../server/registry/computer_detail.ts";
import { i18n } from "./i18n/format.ts";
import { computer } from "./i18n/en/computer.ts";

/**
 * Labels of computer fields in English: the English catalogue's, so the list is written once
 * (pages use the reader's language through `fieldLabel`).
 */
export const FIELD_LABELS: Readonly<Record<string, string>> = computer.fields;

/** The label of `field` (the field name itself when unknown). */
export function fieldLabel(field: string): string {
  return i18n().t.computer.fields[field] ?? field;
}

/** The date and time in the reader's language and zone, or "never". */
export function shortTime(iso: string | null | undefined): string {
  const { t, dateTime } = i18n();
  if (!iso) return t.computer.never;
  return dateTime(iso) || iso;
}

/** A size in MiB as "512 MB" or "23.5 GB". */
export function megabytes(mb: number | null | undefined): string {
  if (mb === null || mb === undefined) return "";
  return i18n().megabytes(mb);
}

/** A field's stored value as shown: a reference id by its name, others as they are. */
export function displayValue(
  field: string,
  value: string | null | undefined,
  names: ReferenceNames,
): string {
  if (value === null || value === undefined || value === "") return "";
  if (field in names && /^\d+$/.test(value)) {
    return names[field as keyof ReferenceNames].get(Number(value)) ?? `#${value}`;
  }
  if (field === "memory_mb" && /^\d+$/.test(value)) return megabytes(Number(value));
  return value;
}
