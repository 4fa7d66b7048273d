/**
 * The rules a fresh install ships, so that every inventory is imported from the first day.
 * Their uuids are fixed: re-installing or re-importing the defaults updates them in place.
 *
 * The import rules follow GLPI 10's order, "serial + UUID" before "serial alone": a serial
 * shared by several machines (VMs, Docker hosts, OEM boards with "To be filled by O.E.M.") must
 * not merge them (glpi#9741). So serial alone links only a computer that reports no UUID.
 *
 * @module
 */

import type { Action, CollectionName, Criterion, Rule } from "./types.ts";

const exists = (field: string): Criterion => ({ field, operator: "exists", pattern: "" });
const notExists = (field: string): Criterion => ({ field, operator: "not_exists", pattern: "" });
const present = (field: string): Criterion => ({ field, operator: "present", pattern: "" });
const linkOrCreate: Action = { type: "assign", field: "_link", value: "link_or_create" };

function rule(
  collection: CollectionName,
  uuid: string,
  ranking: number,
  name: string,
  description: string,
  criteria: Criterion[],
  actions: Action[],
): Rule {
  return {
    uuid,
    collection,
    name,
    description,
    ranking,
    active: true,
    match: "AND",
    criteria,
    actions,
  };
}

/** The import rules, lowest ranking first. */
export const DEFAULT_IMPORT_RULES: readonly Rule[] = [
  rule(
    "import",
    "79e51e91-b722-4408-b839-f974d2a4bd8a",
    1,
    "Link by serial and UUID",
    "A computer already known with the same serial number and UUID: a reinstalled machine.",
    [exists("serial"), exists("uuid"), present("serial"), present("uuid")],
    [linkOrCreate],
  ),
  rule(
    "import",
    "e3f99dc7-7899-4aea-8ae1-003d62f22547",
    2,
    "Link by serial when no UUID",
    "Serial alone only when the inventory has no UUID: machines sharing a serial " +
      "(virtual machines, Docker hosts) but not a UUID stay apart.",
    [notExists("uuid"), exists("serial"), present("serial")],
    [linkOrCreate],
  ),
  rule(
    "import",
    "7b7c3af4-9848-4665-a15d-2e5333e9cb7f",
    3,
    "Link by UUID",
    "A computer already known with the same UUID.",
    [exists("uuid"), present("uuid")],
    [linkOrCreate],
  ),
  rule(
    "import",
    "37dcad47-dc5c-46e0-96ee-b34e2dc21eac",
    4,
    "Link by MAC",
    "A computer already known with one of the same physical MAC addresses.",
    [exists("mac"), present("mac")],
    [linkOrCreate],
  ),
  rule(
    "import",
    "7ae57257-a3c3-4333-9457-bbb1ab9f3617",
    5,
    "Link by name",
    "A computer already known with the same name.",
    [exists("name"), present("name")],
    [linkOrCreate],
  ),
  rule(
    "import",
    "977a8622-2b30-4ea0-a13e-689f30d73d39",
    6,
    "Import everything else",
    "Any other inventory creates a new computer.",
    [exists("deviceid")],
    [linkOrCreate],
  ),
];

/** The entity rules: everything goes to the root entity until an admin adds rules. */
export const DEFAULT_ENTITY_RULES: readonly Rule[] = [
  rule(
    "entity",
    "39bf9ccc-bed8-4b92-8051-520f6480d03f",
    1,
    "Root entity for all",
    "Every computer goes to the root entity.",
    [exists("deviceid")],
    [{ type: "assign", field: "entity", value: "Root entity" }],
  ),
];

/** Every default rule, by collection; location and software start empty. */
export const DEFAULT_RULES: Readonly<Record<CollectionName, readonly Rule[]>> = {
  import: DEFAULT_IMPORT_RULES,
  entity: DEFAULT_ENTITY_RULES,
  location: [],
  software: [],
};

/** A fresh copy of every default rule, ready to be saved. */
export function defaultRules(): Rule[] {
  return Object.values(DEFAULT_RULES).flat().map((r) => structuredClone(r));
}
