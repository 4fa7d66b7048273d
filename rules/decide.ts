/**
 * Turns a collection's result into the decision its caller acts on: link, create or refuse a
 * computer; the entity and location to give it; how to rename or whether to ignore a software.
 * Each decision keeps the result (with its trace) and a one-line explanation for people.
 *
 * @module
 */

import type { CollectionResult, RuleOutput } from "./types.ts";

/** The rule that decided. */
export type RuleRef = NonNullable<CollectionResult["matched"]>;

/** What every decision carries besides its kind. */
export interface Explained {
  /** The collection's result: output, found computers and the rule-by-rule trace. */
  result: CollectionResult;
  /** One line for people, e.g. `linked to computer 12 by rule "Link by serial and UUID"`. */
  explanation: string;
}

/** What to do with an inventory, from the import collection. */
export type ImportDecision =
  & Explained
  & (
    | { kind: "link"; computerId: number; rule: RuleRef }
    | { kind: "create"; rule: RuleRef }
    | { kind: "refuse"; logged: boolean; rule: RuleRef; reason: string }
    | { kind: "unmatched"; reason: "no import rule matched" }
  );

/** Where a computer goes, from the entity collection. Empty values are left out. */
export type EntityDecision =
  & Explained
  & (
    | { kind: "assign"; entity?: string; entityByTag?: string; location?: string; rule: RuleRef }
    | { kind: "refuse"; rule: RuleRef; reason: string }
    | { kind: "unmatched"; reason: "no entity rule matched" }
  );

/** A computer's location, from the location collection. */
export type LocationDecision =
  & Explained
  & (
    | { kind: "assign"; location?: string; rule: RuleRef }
    | { kind: "unmatched"; reason: "no location rule matched" }
  );

/** The fields a software rule changes; empty values are left out. */
export interface SoftwareChanges {
  name?: string;
  version?: string;
  publisher?: string;
  category?: string;
}

/** What to do with one software entry, from the software dictionary. */
export type SoftwareDecision =
  & Explained
  & (
    | { kind: "ignore"; rule: RuleRef }
    | { kind: "rename"; changes: SoftwareChanges; rule: RuleRef }
    | { kind: "unmatched"; reason: "no software rule matched" }
  );

function ruleName(rule: RuleRef): string {
  return `rule "${rule.name}"`;
}

/** The non-empty output values of `fields`, renamed as given. */
function pick<K extends string>(
  output: RuleOutput,
  fields: Record<K, string>,
): Partial<Record<K, string>> {
  const picked: Partial<Record<K, string>> = {};
  for (const key in fields) {
    const value = output[fields[key]];
    if (value) picked[key] = value;
  }
  return picked;
}

function describe(values: Record<string, string | undefined>): string {
  return Object.entries(values).map(([field, value]) => `${field} "${value}"`).join(", ");
}

/**
 * The import decision. `_refuse` = yes refuses (logged). `_link`: `link_or_create` (also when
 * the rule sets no `_link`) links to the lowest found computer id, else creates;
 * `link_or_refuse` links, else refuses (logged); `refuse_silent` refuses without logging.
 */
export function decideImport(result: CollectionResult): ImportDecision {
  const rule = result.matched;
  if (rule === null) {
    const reason = "no import rule matched";
    return { kind: "unmatched", reason, result, explanation: reason };
  }
  const by = ruleName(rule);
  const refuse = (logged: boolean, reason: string): ImportDecision => ({
    kind: "refuse",
    logged,
    rule,
    reason,
    result,
    explanation: `refused${logged ? "" : " without logging"}: ${reason}`,
  });
  if (result.output._refuse === "yes") return refuse(true, `${by} refuses the import`);
  const computerId = result.found.length ? Math.min(...result.found) : null;
  const link = (id: number): ImportDecision => ({
    kind: "link",
    computerId: id,
    rule,
    result,
    explanation: `linked to computer ${id} by ${by}` +
      (result.found.length > 1 ? ` (lowest of ${result.found.join(", ")})` : ""),
  });
  const mode = result.output._link ?? "link_or_create";
  switch (mode) {
    case "link_or_create":
      if (computerId !== null) return link(computerId);
      return { kind: "create", rule, result, explanation: `new computer created by ${by}` };
    case "link_or_refuse":
      if (computerId !== null) return link(computerId);
      return refuse(true, `${by} links only to a known computer, and none was found`);
    case "refuse_silent":
      return refuse(false, `${by} refuses the import`);
    default:
      return refuse(true, `${by} sets _link to the unknown value "${mode}"`);
  }
}

/** The entity decision: `_refuse` = yes refuses; otherwise the entity / tag / location set. */
export function decideEntity(result: CollectionResult): EntityDecision {
  const rule = result.matched;
  if (rule === null) {
    const reason = "no entity rule matched";
    return { kind: "unmatched", reason, result, explanation: reason };
  }
  const by = ruleName(rule);
  if (result.output._refuse === "yes") {
    const reason = `${by} refuses the import`;
    return { kind: "refuse", rule, reason, result, explanation: `refused: ${reason}` };
  }
  const assigned = pick(result.output, {
    entity: "entity",
    entityByTag: "_entity_by_tag",
    location: "location",
  });
  const described = describe({
    ...(assigned.entity !== undefined ? { entity: assigned.entity } : {}),
    ...(assigned.entityByTag !== undefined ? { "entity with tag": assigned.entityByTag } : {}),
    ...(assigned.location !== undefined ? { location: assigned.location } : {}),
  });
  return {
    kind: "assign",
    ...assigned,
    rule,
    result,
    explanation: described ? `${described} by ${by}` : `${by} matched but assigns no entity`,
  };
}

/** The location decision. */
export function decideLocation(result: CollectionResult): LocationDecision {
  const rule = result.matched;
  if (rule === null) {
    const reason = "no location rule matched";
    return { kind: "unmatched", reason, result, explanation: reason };
  }
  const { location } = pick(result.output, { location: "location" });
  const by = ruleName(rule);
  return {
    kind: "assign",
    ...(location !== undefined ? { location } : {}),
    rule,
    result,
    explanation: location !== undefined
      ? `location "${location}" by ${by}`
      : `${by} matched but gives an empty location`,
  };
}

/** The software decision: ignore it, or the fields to change. */
export function decideSoftware(result: CollectionResult): SoftwareDecision {
  const rule = result.matched;
  if (rule === null) {
    const reason = "no software rule matched";
    return { kind: "unmatched", reason, result, explanation: reason };
  }
  const by = ruleName(rule);
  if (result.output._ignore === "yes") {
    return { kind: "ignore", rule, result, explanation: `ignored by ${by}` };
  }
  const changes: SoftwareChanges = pick(result.output, {
    name: "name",
    version: "version",
    publisher: "publisher",
    category: "category",
  });
  const described = describe({ ...changes });
  return {
    kind: "rename",
    changes,
    rule,
    result,
    explanation: described ? `${described} set by ${by}` : `${by} matched but changes nothing`,
  };
}
