/**
 * Rules as JSON: export (`{ format: "inventory-rules", version: 1, rules }`) and validated
 * import. Validation collects every problem with its path (`rules[3].criteria[0].field`) and
 * throws them together in one {@linkcode RuleValidationError}.
 *
 * @module
 */

import { RulePatternError, type RuleProblem, RuleValidationError } from "./errors.ts";
import { parseCidr } from "./cidr.ts";
import {
  ACTION_TYPES,
  actionField,
  COLLECTION_NAMES,
  COLLECTIONS,
  inputField,
  operatorsFor,
} from "./collections.ts";
import { OPERATORS, PATTERNLESS_OPERATORS, WILDCARD } from "./operators.ts";
import { parseRegexPattern } from "./regex.ts";
import type { Action, ActionType, CollectionName, Criterion, Operator, Rule } from "./types.ts";

/** The `format` marker of an exported rules file. */
export const RULES_FORMAT = "inventory-rules";
/** The version of the exported rules format this code reads and writes. */
export const RULES_VERSION = 1;

/** An exported rules file. */
export interface RulesDocument {
  format: typeof RULES_FORMAT;
  version: typeof RULES_VERSION;
  rules: Rule[];
}

const RULE_KEYS = [
  "id",
  "uuid",
  "collection",
  "name",
  "description",
  "ranking",
  "active",
  "match",
  "criteria",
  "actions",
];
const CRITERION_KEYS = ["field", "operator", "pattern"];
const ACTION_KEYS = ["type", "field", "value"];
/** Operators whose pattern must not be empty (`is ""` is allowed: it tests for an empty value). */
const NEEDS_PATTERN: ReadonlySet<Operator> = new Set([
  "contains",
  "not_contains",
  "starts_with",
  "ends_with",
  "regex",
  "not_regex",
  "under",
  "not_under",
  "in_cidr",
  "not_in_cidr",
]);

/** A rule without its database id, keys in a stable order, as written to a rules file. */
function exported(rule: Rule): Rule {
  const { uuid, collection, name, description, ranking, active, match } = rule;
  return {
    uuid,
    collection,
    name,
    description,
    ranking,
    active,
    match,
    criteria: rule.criteria.map(({ field, operator, pattern }) => ({ field, operator, pattern })),
    actions: rule.actions.map(({ type, field, value }) => ({ type, field, value })),
  };
}

/** The export document of `rules`, ordered by collection then ranking; ids are left out. */
export function exportRules(rules: readonly Rule[]): RulesDocument {
  const order = (r: Rule) => COLLECTION_NAMES.indexOf(r.collection);
  const sorted = [...rules].sort((a, b) => order(a) - order(b) || a.ranking - b.ranking);
  return { format: RULES_FORMAT, version: RULES_VERSION, rules: sorted.map(exported) };
}

/** `exportRules` as indented JSON text. */
export function exportRulesJson(rules: readonly Rule[]): string {
  return `${JSON.stringify(exportRules(rules), null, 2)}\n`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function list(values: readonly string[]): string {
  return values.join(", ");
}

/** Collects problems while reading one value. */
class Problems {
  readonly items: RuleProblem[] = [];
  add(path: string, message: string): void {
    this.items.push({ path, message });
  }
  unknownKeys(value: Record<string, unknown>, allowed: readonly string[], path: string): void {
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) {
        this.add(`${path}.${key}`, `unknown property (expected ${list(allowed)})`);
      }
    }
  }
}

function readCriterion(
  value: unknown,
  path: string,
  collection: CollectionName | null,
  problems: Problems,
): Criterion | null {
  if (!isObject(value)) {
    problems.add(path, "a criterion must be an object { field, operator, pattern }");
    return null;
  }
  problems.unknownKeys(value, CRITERION_KEYS, path);
  const { field, operator } = value;
  const pattern = value.pattern ?? "";
  let ok = true;
  if (typeof field !== "string" || field === "") {
    problems.add(`${path}.field`, "field is missing");
    ok = false;
  }
  if (!OPERATORS.includes(operator as Operator)) {
    problems.add(
      `${path}.operator`,
      `unknown operator ${JSON.stringify(operator ?? null)} (expected ${list(OPERATORS)})`,
    );
    ok = false;
  }
  if (typeof pattern !== "string") {
    problems.add(`${path}.pattern`, "pattern must be a string");
    ok = false;
  }
  if (!ok) return null;
  const criterion = { field, operator, pattern } as Criterion;
  const spec = collection ? inputField(collection, criterion.field) : undefined;
  if (collection && !spec) {
    const fields = COLLECTIONS[collection].inputs.map((f) => f.name);
    problems.add(
      `${path}.field`,
      `unknown field ${JSON.stringify(field)} for ${collection} rules (expected ${list(fields)})`,
    );
    return null;
  }
  if (spec && !operatorsFor(spec).includes(criterion.operator)) {
    const fit = COLLECTIONS[collection!].inputs
      .filter((f) => operatorsFor(f).includes(criterion.operator))
      .map((f) => f.name);
    problems.add(
      `${path}.operator`,
      `${criterion.operator} does not apply to ${criterion.field}` +
        (fit.length ? ` (only to ${list(fit)})` : ` in ${collection} rules`),
    );
  }
  checkPattern(criterion, `${path}.pattern`, problems);
  return criterion;
}

function checkPattern(criterion: Criterion, path: string, problems: Problems): void {
  const { operator, pattern } = criterion;
  if (PATTERNLESS_OPERATORS.has(operator) || pattern === WILDCARD) return;
  if (NEEDS_PATTERN.has(operator) && pattern === "") {
    problems.add(path, `${operator} needs a pattern`);
    return;
  }
  try {
    if (operator === "regex" || operator === "not_regex") parseRegexPattern(pattern);
    if (operator === "in_cidr" || operator === "not_in_cidr") parseCidr(pattern);
  } catch (error) {
    if (!(error instanceof RulePatternError)) throw error;
    problems.add(path, error.message);
  }
}

function readAction(
  value: unknown,
  path: string,
  collection: CollectionName | null,
  hasRegex: boolean,
  problems: Problems,
): Action | null {
  if (!isObject(value)) {
    problems.add(path, "an action must be an object { type, field, value }");
    return null;
  }
  problems.unknownKeys(value, ACTION_KEYS, path);
  const { type, field, value: text } = value;
  let ok = true;
  if (!ACTION_TYPES.includes(type as ActionType)) {
    problems.add(
      `${path}.type`,
      `unknown action type ${JSON.stringify(type ?? null)} (expected ${list(ACTION_TYPES)})`,
    );
    ok = false;
  }
  if (typeof field !== "string" || field === "") {
    problems.add(`${path}.field`, "field is missing");
    ok = false;
  }
  if (typeof text !== "string") {
    problems.add(`${path}.value`, "value must be a string");
    ok = false;
  }
  if (!ok) return null;
  const action = { type, field, value: text } as Action;
  if (!collection) return action;
  const spec = actionField(collection, action.field);
  if (!spec) {
    const fields = COLLECTIONS[collection].actions.map((f) => f.name);
    problems.add(
      `${path}.field`,
      `unknown action field ${JSON.stringify(action.field)} for ${collection} rules ` +
        `(expected ${list(fields)})`,
    );
    return action;
  }
  if (!spec.types.includes(action.type)) {
    problems.add(
      `${path}.type`,
      `${action.field} does not accept ${action.type} (only ${list(spec.types)})`,
    );
  } else if (action.type === "assign" && spec.values) {
    const allowed = spec.values.map((v) => v.value);
    if (!allowed.includes(action.value)) {
      problems.add(
        `${path}.value`,
        `${JSON.stringify(action.value)} is not a value of ${action.field} ` +
          `(expected ${list(allowed)})`,
      );
    }
  }
  if ((action.type === "regex_result" || action.type === "append_regex_result") && !hasRegex) {
    problems.add(`${path}.type`, `${action.type} needs a regex criterion in the rule`);
  }
  return action;
}

function readList<T>(
  value: unknown,
  path: string,
  [plural, singular]: [string, string],
  problems: Problems,
  read: (item: unknown, path: string) => T | null,
): T[] {
  if (!Array.isArray(value)) {
    problems.add(path, `${plural} must be a list`);
    return [];
  }
  if (value.length === 0) problems.add(path, `a rule needs at least one ${singular}`);
  return value.map((item, i) => read(item, `${path}[${i}]`)).filter((x): x is T => x !== null);
}

function readRule(value: unknown, path: string, problems: Problems): Rule | null {
  if (!isObject(value)) {
    problems.add(path, "a rule must be an object");
    return null;
  }
  problems.unknownKeys(value, RULE_KEYS, path);
  const before = problems.items.length;
  const { id, uuid, collection, name } = value;
  const description = value.description ?? "";
  const ranking = value.ranking ?? 0;
  const active = value.active ?? true;
  const match = value.match ?? "AND";
  if (id !== undefined && id !== null && !(Number.isSafeInteger(id) && (id as number) > 0)) {
    problems.add(`${path}.id`, "id must be a positive whole number");
  }
  if (uuid !== undefined && (typeof uuid !== "string" || !/^\S{1,100}$/.test(uuid))) {
    problems.add(`${path}.uuid`, "uuid must be a text without spaces (up to 100 characters)");
  }
  const known = COLLECTION_NAMES.includes(collection as CollectionName)
    ? collection as CollectionName
    : null;
  if (!known) {
    problems.add(
      `${path}.collection`,
      `unknown collection ${JSON.stringify(collection ?? null)} ` +
        `(expected ${list(COLLECTION_NAMES)})`,
    );
  }
  if (typeof name !== "string" || name.trim() === "") {
    problems.add(`${path}.name`, "name is missing");
  }
  if (typeof description !== "string") {
    problems.add(`${path}.description`, "description must be a string");
  }
  if (!Number.isSafeInteger(ranking)) {
    problems.add(`${path}.ranking`, "ranking must be a whole number");
  }
  if (typeof active !== "boolean") problems.add(`${path}.active`, "active must be true or false");
  if (match !== "AND" && match !== "OR") {
    problems.add(`${path}.match`, `match must be "AND" or "OR"`);
  }
  const criteria = readList(
    value.criteria,
    `${path}.criteria`,
    ["criteria", "criterion"],
    problems,
    (item, at) => readCriterion(item, at, known, problems),
  );
  const hasRegex = criteria.some((c) => c.operator === "regex");
  const actions = readList(
    value.actions,
    `${path}.actions`,
    ["actions", "action"],
    problems,
    (item, at) => readAction(item, at, known, hasRegex, problems),
  );
  if (problems.items.length > before) return null;
  return {
    ...(typeof id === "number" ? { id } : {}),
    uuid: typeof uuid === "string" ? uuid : crypto.randomUUID(),
    collection: known!,
    name: (name as string).trim(),
    description: description as string,
    ranking: ranking as number,
    active: active as boolean,
    match: match as "AND" | "OR",
    criteria,
    actions,
  };
}

/**
 * Validates one rule (from the API, the console or a file). Missing `description`, `ranking`,
 * `active` and `match` take "", 0, true and "AND"; a missing uuid is generated. Throws
 * {@linkcode RuleValidationError} listing every problem.
 */
export function validateRule(value: unknown, path = "rule"): Rule {
  const problems = new Problems();
  const rule = readRule(value, path, problems);
  if (!rule) throw new RuleValidationError(problems.items);
  return rule;
}

/** Validates a parsed rules document; throws {@linkcode RuleValidationError} listing every problem. */
export function validateRulesDocument(value: unknown): Rule[] {
  const problems = new Problems();
  if (!isObject(value)) {
    throw new RuleValidationError([{ path: "(document)", message: "not a rules document" }]);
  }
  problems.unknownKeys(value, ["format", "version", "rules"], "(document)");
  if (value.format !== RULES_FORMAT) {
    problems.add("format", `format must be "${RULES_FORMAT}"`);
  }
  if (value.version !== RULES_VERSION) {
    problems.add(
      "version",
      `version ${
        JSON.stringify(value.version ?? null)
      } is not supported (expected ${RULES_VERSION})`,
    );
  }
  const rules: Rule[] = [];
  if (!Array.isArray(value.rules)) problems.add("rules", "rules must be a list");
  else {
    const seen = new Map<string, number>();
    value.rules.forEach((item, i) => {
      const rule = readRule(item, `rules[${i}]`, problems);
      if (!rule) return;
      const first = seen.get(rule.uuid);
      if (first !== undefined) {
        problems.add(`rules[${i}].uuid`, `same uuid as rules[${first}]`);
      } else seen.set(rule.uuid, i);
      rules.push(rule);
    });
  }
  if (problems.items.length) throw new RuleValidationError(problems.items);
  return rules;
}

/** Parses and validates a rules file's text. */
export function parseRulesJson(text: string): Rule[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new RuleValidationError([
      { path: "(document)", message: `not valid JSON: ${(error as Error).message}` },
    ]);
  }
  return validateRulesDocument(value);
}
