/**
 * What each rule collection reads and writes: its input fields (with a label and a help line
 * for the console) and its action fields with the action types and values they accept.
 * Validation (json.ts) and the console both read these tables.
 *
 * @module
 */

import { VETO_FIELD, VETO_OFF } from "./identity.ts";
import type { ActionType, CollectionName, Operator } from "./types.ts";

/** Every action type with the label the console and the explanations show. */
export const ACTION_TYPE_LABELS: Readonly<Record<ActionType, string>> = {
  assign: "assign",
  regex_result: "assign the regex result",
  append: "append",
  append_regex_result: "append the regex result",
};

/** All action types. */
export const ACTION_TYPES: readonly ActionType[] = Object.keys(ACTION_TYPE_LABELS) as ActionType[];

/** How a field's values are compared, which decides the operators it offers. */
export type FieldKind = "text" | "ip" | "tree";

/** One input field of a collection. */
export interface InputFieldSpec {
  name: string;
  label: string;
  help: string;
  kind: FieldKind;
  /** The input holds several values (an array): positive operators pass if any element does. */
  multiple: boolean;
  /** The registry can look this field up, so `present` is allowed (import rules only). */
  presentable: boolean;
}

/** One accepted value of an `assign` action, e.g. `_link` = `link_or_create`. */
export interface ActionValueSpec {
  value: string;
  label: string;
}

/** One output field of a collection. */
export interface ActionFieldSpec {
  name: string;
  label: string;
  help: string;
  types: readonly ActionType[];
  /** When set, the only values an `assign` may give. */
  values?: readonly ActionValueSpec[];
  /** What the value means, for the console's help line. */
  valueHelp: string;
}

/** One collection's fields. */
export interface CollectionSpec {
  name: CollectionName;
  label: string;
  help: string;
  inputs: readonly InputFieldSpec[];
  actions: readonly ActionFieldSpec[];
}

const TEXT_OPERATORS: readonly Operator[] = [
  "is",
  "is_not",
  "contains",
  "not_contains",
  "starts_with",
  "ends_with",
  "regex",
  "not_regex",
  "exists",
  "not_exists",
];

/** The operators a field accepts: text ones, plus CIDR for IPs, tree ones for trees, `present`. */
export function operatorsFor(field: InputFieldSpec): readonly Operator[] {
  return [
    ...TEXT_OPERATORS,
    ...(field.kind === "ip" ? ["in_cidr", "not_in_cidr"] as const : []),
    ...(field.kind === "tree" ? ["under", "not_under"] as const : []),
    ...(field.presentable ? ["present"] as const : []),
  ];
}

function input(
  name: string,
  label: string,
  help: string,
  options: Partial<Pick<InputFieldSpec, "kind" | "multiple" | "presentable">> = {},
): InputFieldSpec {
  return { name, label, help, kind: "text", multiple: false, presentable: false, ...options };
}

const REFUSE: ActionFieldSpec = {
  name: "_refuse",
  label: "Refuse import",
  help: "refuse the computer and log it in the not-imported list",
  types: ["assign"],
  values: [{ value: "yes", label: "Yes" }],
  valueHelp: "yes",
};

const LINK_VALUES: readonly ActionValueSpec[] = [
  { value: "link_or_create", label: "Link if possible, otherwise create" },
  { value: "link_or_refuse", label: "Link if possible, otherwise refuse (logged)" },
  { value: "refuse_silent", label: "Refuse without logging" },
];

const NETWORK_INPUTS = {
  tag: input("tag", "Agent tag", "the TAG the agent sends (OCS accountinfo TAG)"),
  domain: input("domain", "Domain", "the workgroup or DNS domain the agent reports"),
  subnet: input("subnet", "Subnets", "network addresses of the computer's interfaces", {
    kind: "ip",
    multiple: true,
  }),
  ip: input("ip", "IP addresses", "every IPv4/IPv6 address of the computer", {
    kind: "ip",
    multiple: true,
  }),
  name: input("name", "Computer name", "the host name the agent reports"),
  serial: input("serial", "Serial number", "the BIOS/system serial number"),
  os_name: input("os_name", "Operating system", 'the OS name, e.g. "Microsoft Windows 11 Pro"'),
  deviceid: input("deviceid", "Device ID", "the agent's DEVICEID (host name plus install date)"),
};

const ENTITY_INPUTS: readonly InputFieldSpec[] = [
  NETWORK_INPUTS.tag,
  NETWORK_INPUTS.domain,
  NETWORK_INPUTS.subnet,
  NETWORK_INPUTS.ip,
  NETWORK_INPUTS.name,
  NETWORK_INPUTS.serial,
  NETWORK_INPUTS.os_name,
  NETWORK_INPUTS.deviceid,
];

const LOCATION_ACTION: ActionFieldSpec = {
  name: "location",
  label: "Location",
  help: "the computer's location; a regex result names a location that is created when missing",
  types: ["assign", "regex_result"],
  valueHelp: 'a location complete name, e.g. "Paris > Floor 2"; #0…#9 insert regex captures',
};

/** Every collection, keyed by name. */
export const COLLECTIONS: Readonly<Record<CollectionName, CollectionSpec>> = {
  import: {
    name: "import",
    label: "Import and link",
    help: "decides whether an inventory links to a known computer, creates one, or is refused",
    inputs: [
      input("deviceid", "Device ID", "the agent's DEVICEID (host name plus install date)", {
        presentable: true,
      }),
      input("name", "Computer name", "the host name the agent reports", { presentable: true }),
      input("serial", "Serial number", "the BIOS/system serial number", { presentable: true }),
      input("uuid", "UUID", "the system UUID (SMBIOS)", { presentable: true }),
      input(
        "mac",
        "MAC addresses",
        "MAC addresses of physical interfaces (virtual ones left out)",
        {
          multiple: true,
          presentable: true,
        },
      ),
      input("ip", "IP addresses", "every IPv4/IPv6 address of the computer", {
        kind: "ip",
        multiple: true,
        presentable: true,
      }),
      NETWORK_INPUTS.subnet,
      NETWORK_INPUTS.domain,
      NETWORK_INPUTS.tag,
      NETWORK_INPUTS.os_name,
      input("manufacturer", "Manufacturer", "the system manufacturer (SMBIOS)"),
      input("model", "Model", "the system model (SMBIOS)"),
      input("type", "Type", 'the chassis type, e.g. "Notebook"'),
      input("user", "User", "the last logged-in user"),
      input("is_virtual", "Virtual machine", '"1" for a virtual machine, "0" otherwise'),
    ],
    actions: [
      {
        name: "_link",
        label: "Inventory link",
        help: "what to do with the computers found by the rule's present criteria",
        types: ["assign"],
        values: LINK_VALUES,
        valueHelp: LINK_VALUES.map((v) => `${v.value}: ${v.label}`).join("; "),
      },
      {
        name: VETO_FIELD,
        label: "Identity veto",
        help: "by default a computer whose valid serial or UUID differs is never linked; " +
          "off links it anyway",
        types: ["assign"],
        values: [{ value: VETO_OFF, label: "Off: link even when the serial or UUID differs" }],
        valueHelp: `${VETO_OFF}: link even when the serial or UUID differs`,
      },
      REFUSE,
    ],
  },
  entity: {
    name: "entity",
    label: "Entity assignment",
    help: "puts a new or updated computer in an entity (and optionally a location)",
    inputs: ENTITY_INPUTS,
    actions: [
      {
        name: "entity",
        label: "Entity",
        help: "the entity the computer goes to",
        types: ["assign", "regex_result"],
        valueHelp: 'an entity complete name, e.g. "Root entity > Paris"; #0…#9 insert captures',
      },
      LOCATION_ACTION,
      {
        name: "_entity_by_tag",
        label: "Entity from its inventory tag",
        help: "the captured text is looked up in the entities' inventory tag",
        types: ["regex_result"],
        valueHelp: "usually #0: the capture to look up",
      },
      { ...REFUSE, help: "refuse the computer: it cannot be given an entity" },
    ],
  },
  location: {
    name: "location",
    label: "Location",
    help: "gives a computer its location",
    inputs: ENTITY_INPUTS,
    actions: [LOCATION_ACTION],
  },
  software: {
    name: "software",
    label: "Software dictionary",
    help: "renames, recategorises or ignores software as it is imported",
    inputs: [
      input("name", "Name", "the software name as inventoried"),
      input("publisher", "Publisher", "the publisher as inventoried"),
      input("version", "Version", "the version as inventoried"),
      input("category", "Category", "the category the agent sent", { kind: "tree" }),
      input("comment", "Comment", "the agent's comment or description"),
    ],
    actions: [
      {
        name: "name",
        label: "Name",
        help: "the name to store",
        types: ["assign", "regex_result"],
        valueHelp: "the new name; #0…#9 insert regex captures",
      },
      {
        name: "version",
        label: "Version",
        help: "the version to store; an append adds text to the inventoried version",
        types: ["assign", "regex_result", "append_regex_result"],
        valueHelp: 'the version, or text to append such as " (#0)"',
      },
      {
        name: "publisher",
        label: "Publisher",
        help: "the publisher to store",
        types: ["assign", "regex_result"],
        valueHelp: "the publisher's name; #0…#9 insert regex captures",
      },
      {
        name: "category",
        label: "Category",
        help: "the software category",
        types: ["assign", "regex_result"],
        valueHelp: 'a category complete name, e.g. "Office > Text"',
      },
      {
        name: "_ignore",
        label: "Ignore",
        help: "do not import this software",
        types: ["assign"],
        values: [{ value: "yes", label: "Yes" }],
        valueHelp: "yes",
      },
    ],
  },
};

/** The collection names, in the order the console lists them. */
export const COLLECTION_NAMES: readonly CollectionName[] = Object.keys(
  COLLECTIONS,
) as CollectionName[];

/** The input field `name` of `collection`, or undefined. */
export function inputField(collection: CollectionName, name: string): InputFieldSpec | undefined {
  return COLLECTIONS[collection].inputs.find((f) => f.name === name);
}

/** The action field `name` of `collection`, or undefined. */
export function actionField(collection: CollectionName, name: string): ActionFieldSpec | undefined {
  return COLLECTIONS[collection].actions.find((f) => f.name === name);
}
