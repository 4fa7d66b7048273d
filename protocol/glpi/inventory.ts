/**
 * A GLPI agent's native inventory (the GLPI inventory format, JSON): checked against the format's
 * public JSON schema, then read into the same sections an agent sends in OCS mode, so one machine
 * reported both ways is one device model.
 *
 * The reading undoes what the GLPI agent does when it turns its OCS-mode content into JSON
 * (learnt from `GLPI::Agent::Protocol::Inventory` and the two recordings in
 * `fixtures/glpi-agent/`): keys are upper case again, `FIREWALLS` is `FIREWALL`, a network's `MAC`
 * is `MACADDR`, a storage's `SERIAL` is `SERIALNUMBER`, a group's `MEMBERS` are `MEMBER`, a
 * software's `INSTALL_DATE` is `INSTALLDATE`, `VERSIONPROVIDER/ETIME` is `HARDWARE/ETIME`, the
 * `tag` is the ACCOUNTINFO TAG. Values become text as XML carries them (numbers as written,
 * booleans `1`/`0`), and empty ones are absent, as the OCS reading of XML has them. Everything
 * else is kept under its own name, sections the OCS model lacks included.
 *
 * @module
 */

import type { ValidateFunction } from "ajv";
import { OcsProtocolError } from "../errors.ts";
import { sectionSpec } from "../sections.ts";
import type { InventoryContent, SimpleObject, SimpleValue } from "../types.ts";

/** A native inventory read into the OCS model. */
export interface GlpiInventory {
  deviceId: string;
  content: InventoryContent;
  /** The `tag`, as the account info OCS agents send. */
  accountInfo: Record<string, string>;
  /** Only the categories that changed: the others keep what is stored. */
  partial: boolean;
}

/** Renamed sections: native name → OCS-mode name. */
const SECTION_NAMES: Record<string, string> = { FIREWALLS: "FIREWALL" };

/** Renamed fields per (OCS-mode) section: native name → OCS-mode name. */
const FIELD_NAMES: Record<string, Record<string, string>> = {
  NETWORKS: { MAC: "MACADDR" },
  STORAGES: { SERIAL: "SERIALNUMBER" },
  LOCAL_GROUPS: { MEMBERS: "MEMBER" },
  SOFTWARES: { INSTALL_DATE: "INSTALLDATE" },
};

let validator: ValidateFunction | null = null;

/** Thrown by the reading of a native inventory before {@link loadGlpiValidator} finished. */
export class GlpiValidatorNotLoaded extends Error {
  constructor() {
    super("loadGlpiValidator() must finish before a native inventory is read");
    this.name = "GlpiValidatorNotLoaded";
  }
}

/**
 * Loads and compiles the schema's validator (~50 ms, once per process or worker). Only a process
 * that receives native inventories pays for it: ajv and the schema weigh ~16 MB of memory.
 */
export async function loadGlpiValidator(): Promise<void> {
  if (validator !== null) return;
  const [{ Ajv }, { default: schema }] = await Promise.all([
    import("ajv"),
    import("./inventory.schema.json", { with: { type: "json" } }),
  ]);
  const ajv = new Ajv({
    // The schema carries a `version` keyword of its own, and formats named without a plugin.
    strict: false,
    allErrors: false,
    logger: false,
    formats: { ipv4: IPV4, ipv6: { validate: isIpv6 } },
  });
  validator ??= ajv.compile(schema);
}

function validate(): ValidateFunction {
  if (validator === null) throw new GlpiValidatorNotLoaded();
  return validator;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

function isIpv6(text: string): boolean {
  if (!text.includes(":") || !/^[0-9a-fA-F:.]+$/.test(text)) return false;
  try {
    new URL(`http://[${text}]/`);
    return true;
  } catch {
    return false;
  }
}

/**
 * Checks a parsed message against the GLPI inventory format; the reason it is refused, or null.
 * The reason names the first offending place, e.g. `/content/cpus/0/core must be integer`.
 */
export function glpiInventoryProblem(message: unknown): string | null {
  const check = validate();
  if (check(message)) return null;
  const error = check.errors?.[0];
  if (!error) return "does not match the GLPI inventory format";
  const where = error.instancePath === "" ? "the message" : error.instancePath;
  const allowed = error.params && "allowedValues" in error.params
    ? ` (${String(error.params.allowedValues)})`
    : "";
  return `${where} ${error.message ?? "is invalid"}${allowed}`;
}

/**
 * Reads a native inventory message: checked, then mapped into OCS-mode sections.
 *
 * @throws {OcsProtocolError} (400) with the reason when the message is not a valid GLPI
 * inventory of a computer
 */
export function readGlpiInventory(
  deviceId: string,
  message: Record<string, unknown>,
): GlpiInventory {
  const problem = glpiInventoryProblem(message);
  if (problem !== null) {
    throw new OcsProtocolError(`Inventory refused by the GLPI inventory format: ${problem}`);
  }
  const itemtype = message.itemtype ?? "Computer";
  if (itemtype !== "Computer") {
    throw new OcsProtocolError(`Inventory of a ${String(itemtype)}: this server keeps computers`);
  }
  const content = glpiContent(message.content as Record<string, unknown>);
  const accountInfo: Record<string, string> = {};
  if (typeof message.tag === "string" && message.tag !== "") {
    accountInfo.TAG = message.tag;
    content.ACCOUNTINFO = [{ KEYNAME: "TAG", KEYVALUE: message.tag }];
  }
  return { deviceId, content, accountInfo, partial: message.partial === true };
}

/** Maps the `content` of a native inventory into OCS-mode sections (see the module notes). */
export function glpiContent(native: Record<string, unknown>): InventoryContent {
  const sections: Record<string, SimpleValue> = {};
  for (const [key, raw] of Object.entries(native)) {
    const upper = key.toUpperCase();
    const name = SECTION_NAMES[upper] ?? upper;
    const value = simpleOf(raw, FIELD_NAMES[name]);
    if (value === undefined) continue;
    const spec = sectionSpec(name);
    if (spec && !spec.multi) {
      // A single section: one entry (text for the scalar ones, VERSIONCLIENT).
      sections[name] = Array.isArray(value) ? value[0]! : value;
    } else {
      sections[name] = Array.isArray(value) ? value : [value];
    }
  }
  // In OCS mode the agent reports its run time in HARDWARE.
  const provider = sections.VERSIONPROVIDER;
  const first = Array.isArray(provider) ? provider[0] : undefined;
  const hardware = sections.HARDWARE;
  if (isObject(first) && typeof first.ETIME === "string" && isObject(hardware)) {
    const { ETIME, ...rest } = first;
    sections.VERSIONPROVIDER = [rest, ...(provider as SimpleValue[]).slice(1)];
    sections.HARDWARE = sortedKeys({ ...hardware, ETIME });
  }
  return sections as InventoryContent;
}

/**
 * A JSON value as the OCS reading of the same XML gives it: text, objects with upper-case keys
 * in order, a list of one as its single value; undefined for what XML would not carry. A
 * section's entries (its top-level list items or object) get `renames` applied.
 */
function simpleOf(
  value: unknown,
  renames?: Record<string, string>,
  depth = 0,
): SimpleValue | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === "string") return value === "" ? undefined : value;
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : undefined;
  if (typeof value === "boolean") return value ? "1" : "0";
  if (Array.isArray(value)) {
    const items: SimpleValue[] = [];
    for (const item of value) {
      const simple = simpleOf(item, depth === 0 ? renames : undefined, depth + 1);
      if (simple !== undefined) items.push(...(Array.isArray(simple) ? simple : [simple]));
    }
    // Inside an entry, one value is that value (a repeated XML element seen once); a
    // section's list stays a list (the caller makes it one).
    if (items.length === 0) return undefined;
    return depth > 0 && items.length === 1 ? items[0] : items;
  }
  if (typeof value !== "object") return undefined;
  const object: SimpleObject = {};
  for (const [key, raw] of Object.entries(value as Record<string, unknown>)) {
    const upper = key.toUpperCase();
    const simple = simpleOf(raw, undefined, depth + 2);
    if (simple !== undefined) object[renames?.[upper] ?? upper] = simple;
  }
  return Object.keys(object).length === 0 ? undefined : sortedKeys(object);
}

/** The agent writes fields in name order; renamed ones go to their place too. */
function sortedKeys(object: SimpleObject): SimpleObject {
  const sorted: SimpleObject = {};
  for (const key of Object.keys(object).sort()) sorted[key] = object[key]!;
  return sorted;
}

function isObject(value: unknown): value is SimpleObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
