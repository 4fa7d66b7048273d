/**
 * The computer edit form as data: which fields it has, reading a posted form into the changes
 * `editComputers` applies, and the checks a person gets back next to each field. Only fields
 * the person changed are sent on, because every field sent is locked.
 *
 * @module
 */

import type { EditChoices } from "../registry/computer_detail.ts";

/** A text field of the form, with its label and longest accepted value. */
export interface TextFieldSpec {
  name: string;
  label: string;
  max: number;
  /** Rendered as a textarea. */
  multiline?: boolean;
}

/** Text fields, in form order. */
export const EDIT_TEXT_FIELDS: readonly TextFieldSpec[] = [
  { name: "name", label: "Name", max: 255 },
  { name: "inventory_number", label: "Inventory number", max: 255 },
  { name: "serial", label: "Serial number", max: 255 },
  { name: "uuid", label: "UUID", max: 255 },
  { name: "manufacturer", label: "Manufacturer", max: 255 },
  { name: "model", label: "Model", max: 255 },
  { name: "type", label: "Type", max: 255 },
  { name: "os_name", label: "Operating system", max: 255 },
  { name: "os_version", label: "OS version", max: 255 },
  { name: "os_arch", label: "OS architecture", max: 255 },
  { name: "os_serial", label: "OS serial / product key", max: 255 },
  { name: "domain", label: "Domain", max: 255 },
  { name: "user", label: "User", max: 255 },
  { name: "contact", label: "Contact", max: 255 },
  { name: "comment", label: "Comment", max: 4000, multiline: true },
];

/** Fields chosen from a list, in form order. */
export const EDIT_SELECT_FIELDS = [
  { name: "entity_id", label: "Entity", choices: "entities", required: true },
  { name: "location_id", label: "Location", choices: "locations", required: false },
  { name: "state_id", label: "Status", choices: "states", required: false },
] as const;

/** Every form field name. */
export const EDIT_FIELD_NAMES: readonly string[] = [
  ...EDIT_TEXT_FIELDS.map((f) => f.name),
  ...EDIT_SELECT_FIELDS.map((f) => f.name),
];

/** The prefix of the hidden fields carrying each value as the form showed it. */
export const ORIGINAL_PREFIX = "was_";

/** What a posted form asks for. */
export interface EditRequest {
  /** Field → new value, only fields the person changed. */
  changes: Record<string, string | number | null>;
  /** Field → message, for fields that are not acceptable. */
  errors: Record<string, string>;
  /** Every field as submitted (to show the form again after an error). */
  submitted: Record<string, string>;
}

/** Form value of a computer field: ids as digits, null as "". */
export function formValue(value: unknown): string {
  return value === null || value === undefined ? "" : String(value);
}

// Line breaks are kept in the comment; other control characters are never meant.
// deno-lint-ignore no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Browsers send line breaks as CRLF; surrounding blanks are never meant. */
function normalize(text: string): string {
  return text.replace(/\r\n?/g, "\n").trim();
}

/**
 * Reads a posted edit form against the computer's `current` values and the principal's
 * `choices`. A field counts as changed when its value differs from the one the form showed
 * (`was_<field>`), so a value the inventory changed meanwhile is not overwritten by accident.
 */
export function readEditForm(
  form: URLSearchParams,
  current: Readonly<Record<string, unknown>>,
  choices: EditChoices,
): EditRequest {
  const changes: Record<string, string | number | null> = {};
  const errors: Record<string, string> = {};
  const submitted: Record<string, string> = {};
  const shown = (name: string) => form.get(`${ORIGINAL_PREFIX}${name}`) ?? formValue(current[name]);

  for (const spec of EDIT_TEXT_FIELDS) {
    const raw = form.get(spec.name);
    if (raw === null) continue; // not on the form: unchanged
    const value = normalize(raw);
    submitted[spec.name] = value;
    if (value === normalize(shown(spec.name))) continue;
    if (value.length > spec.max) {
      errors[spec.name] = `${spec.label} is too long: at most ${spec.max} characters`;
    } else if (CONTROL.test(value) || (!spec.multiline && value.includes("\n"))) {
      errors[spec.name] = `${spec.label} contains control characters`;
    } else changes[spec.name] = value;
  }

  for (const spec of EDIT_SELECT_FIELDS) {
    const raw = form.get(spec.name);
    if (raw === null) continue;
    submitted[spec.name] = raw;
    if (raw === shown(spec.name)) continue;
    if (raw === "") {
      if (spec.required) errors[spec.name] = `Choose an ${spec.label.toLowerCase()}`;
      else changes[spec.name] = null;
      continue;
    }
    const id = /^\d{1,15}$/.test(raw) ? Number(raw) : NaN;
    if (!choices[spec.choices].some((c) => c.id === id)) {
      errors[spec.name] = spec.name === "entity_id"
        ? "Choose one of the entities you manage"
        : `Choose a ${spec.label.toLowerCase()} from the list`;
    } else changes[spec.name] = id;
  }
  return { changes, errors, submitted };
}
