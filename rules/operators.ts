/**
 * What each criterion operator means, GLPI-style: text comparisons ignore case, an array input
 * passes a positive operator when any element does, and the pattern `*` always matches.
 * A criterion is compiled once (regex and CIDR parsed up front) into two functions that agree:
 * `matches`, the fast yes/no the engine runs millions of times, and `explain`, the same test
 * with a reason and the regex captures, for traces and actions.
 *
 * @module
 */

import { type Cidr, cidrContains, parseCidr } from "./cidr.ts";
import { RulePatternError } from "./errors.ts";
import { parseRegexPattern } from "./regex.ts";
import type { Criterion, Operator, RuleEnv, RuleInput } from "./types.ts";

/** One input field's value as a criterion sees it. */
export type InputValue = RuleInput[string];

/** How one criterion went on one input. */
export interface CriterionOutcome {
  matched: boolean;
  /** Why, for a person: `name "OFFICE-PC" matches "/^(.*)-PC$/"`. */
  reason: string;
  /** Capture groups of a matching regex (`#0` is the first group); null otherwise. */
  captures: readonly string[] | null;
}

/** A criterion ready to be tested many times. */
export interface CompiledCriterion {
  readonly criterion: Criterion;
  /** Why the pattern cannot be used (bad regex or CIDR); such a criterion always fails. */
  readonly problem: string | null;
  /** The test alone, without building any text. Always equals `explain(…).matched`. */
  matches(value: InputValue, env: RuleEnv): boolean;
  /** The test with its reason and regex captures. */
  explain(value: InputValue, env: RuleEnv): CriterionOutcome;
  /** The captures of a matching `regex` criterion, as `explain` gives them, without the text. */
  captures(value: InputValue, env: RuleEnv): readonly string[] | null;
}

const noCaptures = () => null;

/** Every operator with the label the console and the explanations show. */
export const OPERATOR_LABELS: Readonly<Record<Operator, string>> = {
  is: "is",
  is_not: "is not",
  contains: "contains",
  not_contains: "does not contain",
  starts_with: "starts with",
  ends_with: "ends with",
  regex: "matches regex",
  not_regex: "does not match regex",
  exists: "exists",
  not_exists: "does not exist",
  present: "is already present in the registry",
  under: "is under",
  not_under: "is not under",
  in_cidr: "is in CIDR",
  not_in_cidr: "is not in CIDR",
};

/** All operators, in the order the console lists them. */
export const OPERATORS: readonly Operator[] = Object.keys(OPERATOR_LABELS) as Operator[];

/** Operators that ignore their pattern. */
export const PATTERNLESS_OPERATORS: ReadonlySet<Operator> = new Set([
  "exists",
  "not_exists",
  "present",
]);

/** The pattern that makes any criterion (except `present`) match, as in GLPI. */
export const WILDCARD = "*";

/** A value as text for the trace: arrays joined with ", ", "" when absent. */
export function valueText(value: InputValue): string {
  if (value === undefined) return "";
  return typeof value === "string" ? value : value.join(", ");
}

/** True when the value is missing, "" or an array without any non-empty element. */
export function isEmptyValue(value: InputValue): boolean {
  if (value === undefined || value === "") return true;
  if (typeof value === "string") return false;
  for (const v of value) if (v !== "") return false;
  return true;
}

type Accept = (text: string, env: RuleEnv) => boolean;

/** The first non-empty element accepted, or undefined. */
function firstHit(value: InputValue, accept: Accept, env: RuleEnv): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "string") return value !== "" && accept(value, env) ? value : undefined;
  for (const v of value) if (v !== "" && accept(v, env)) return v;
  return undefined;
}

function quote(text: string): string {
  return `"${text}"`;
}

function shown(field: string, value: InputValue): string {
  if (isEmptyValue(value)) return `${field} (empty)`;
  if (typeof value === "string") return `${field} ${quote(value)}`;
  return `${field} [${(value as readonly string[]).map(quote).join(", ")}]`;
}

/** "(one of the values)" when the hit came from an array. */
function among(value: InputValue): string {
  return typeof value === "object" ? " (one of the values)" : "";
}

/** The reason when no element was accepted: `none of mac [...] equals "x"` for arrays. */
function missReason(
  field: string,
  value: InputValue,
  verb: string,
  notVerb: string,
  target: string,
): string {
  return typeof value === "object" && !isEmptyValue(value)
    ? `none of ${shown(field, value)} ${verb} ${target}`
    : `${shown(field, value)} ${notVerb} ${target}`;
}

function outcome(matched: boolean, reason: string): CriterionOutcome {
  return { matched, reason, captures: null };
}

function constant(criterion: Criterion, matched: boolean, reason: string): CompiledCriterion {
  const result = outcome(matched, reason);
  return {
    criterion,
    problem: null,
    matches: () => matched,
    explain: () => ({ ...result }),
    captures: noCaptures,
  };
}

/**
 * A positive test (`accept`) and its negation share one shape: the positive operator passes when
 * some element is accepted, the negative one when none is. `verb` / `notVerb` phrase the reason.
 */
function elementOperator(
  criterion: Criterion,
  negated: boolean,
  verb: string,
  notVerb: string,
  accept: Accept,
): CompiledCriterion {
  const { field } = criterion;
  const target = quote(criterion.pattern);
  return {
    criterion,
    problem: null,
    captures: noCaptures,
    matches: (value, env) => (firstHit(value, accept, env) !== undefined) !== negated,
    explain(value, env) {
      const hit = firstHit(value, accept, env);
      if (hit !== undefined) {
        return outcome(!negated, `${field} ${quote(hit)}${among(value)} ${verb} ${target}`);
      }
      return outcome(negated, missReason(field, value, verb, notVerb, target));
    },
  };
}

/** Runs `inner` unless the value is empty, in which case the criterion gives `whenEmpty`. */
function unlessEmpty(
  inner: CompiledCriterion,
  whenEmpty: boolean,
  emptyReason: string,
): CompiledCriterion {
  return {
    ...inner,
    matches: (value, env) => isEmptyValue(value) ? whenEmpty : inner.matches(value, env),
    explain: (value, env) =>
      isEmptyValue(value) ? outcome(whenEmpty, emptyReason) : inner.explain(value, env),
  };
}

/** contains / starts_with / ends_with: GLPI answers false when the pattern or value is empty. */
function textOperator(
  criterion: Criterion,
  negated: boolean,
  verb: string,
  notVerb: string,
  accept: (lowerValue: string, lowerPattern: string) => boolean,
): CompiledCriterion {
  const lowerPattern = criterion.pattern.toLowerCase();
  const { field } = criterion;
  if (lowerPattern === "") {
    return constant(criterion, false, `the pattern is empty, so ${field} ${verb} nothing`);
  }
  const inner = elementOperator(
    criterion,
    negated,
    verb,
    notVerb,
    (text) => accept(text.toLowerCase(), lowerPattern),
  );
  return unlessEmpty(inner, false, `${field} is empty`);
}

function isOperator(criterion: Criterion, negated: boolean): CompiledCriterion {
  const { pattern } = criterion;
  const lowerPattern = pattern.toLowerCase();
  const inner = elementOperator(
    criterion,
    negated,
    "equals",
    "does not equal",
    (text) => text === pattern || text.toLowerCase() === lowerPattern,
  );
  // An empty value equals an empty pattern, as GLPI compares "" with "".
  const emptyEquals = lowerPattern === "";
  const emptyReason = `${criterion.field} (empty) ${emptyEquals ? "equals" : "does not equal"} ` +
    quote(pattern);
  return unlessEmpty(inner, emptyEquals !== negated, emptyReason);
}

/** A criterion whose pattern cannot be used: it always fails, saying why. */
function failing(criterion: Criterion, error: unknown): CompiledCriterion {
  if (!(error instanceof RulePatternError)) throw error;
  return {
    ...constant(criterion, false, `${error.message}; the criterion cannot match`),
    problem: error.message,
  };
}

function regexOperator(criterion: Criterion, negated: boolean): CompiledCriterion {
  let regexp: RegExp;
  try {
    regexp = parseRegexPattern(criterion.pattern);
  } catch (error) {
    return failing(criterion, error);
  }
  const { field } = criterion;
  const target = quote(criterion.pattern);
  const accept: Accept = (text) => regexp.test(text);
  /** The element that matched ("" for an empty value), or undefined. */
  const hitOf = (value: InputValue, env: RuleEnv) =>
    isEmptyValue(value) ? (regexp.test("") ? "" : undefined) : firstHit(value, accept, env);
  const capturesOf = (hit: string) => Array.from(regexp.exec(hit)!.slice(1), (c) => c ?? "");
  return {
    criterion,
    problem: null,
    captures(value, env) {
      if (negated) return null;
      const hit = hitOf(value, env);
      return hit === undefined ? null : capturesOf(hit);
    },
    // GLPI tests an empty value as "", so `/^$/` matches a missing field.
    matches: (value, env) =>
      (isEmptyValue(value) ? regexp.test("") : firstHit(value, accept, env) !== undefined) !==
        negated,
    explain(value, env) {
      const hit = hitOf(value, env);
      if (hit === undefined) {
        return outcome(negated, missReason(field, value, "matches", "does not match", target));
      }
      const which = hit === "" ? "" : among(value);
      const reason = `${field} ${quote(hit)}${which} matches ${target}`;
      if (negated) return outcome(false, reason);
      const captures = capturesOf(hit);
      return {
        matched: true,
        reason: captures.length ? `${reason}, captures ${captures.map(quote).join(", ")}` : reason,
        captures,
      };
    },
  };
}

function cidrOperator(criterion: Criterion, negated: boolean): CompiledCriterion {
  let cidr: Cidr;
  try {
    cidr = parseCidr(criterion.pattern);
  } catch (error) {
    return failing(criterion, error);
  }
  // GLPI: without any address, in_cidr fails and not_in_cidr passes.
  return elementOperator(
    criterion,
    negated,
    "is in",
    "is not in",
    (text) => cidrContains(cidr, text) === true,
  );
}

function underOperator(criterion: Criterion, negated: boolean): CompiledCriterion {
  const { field, pattern } = criterion;
  return elementOperator(
    criterion,
    negated,
    "is under",
    "is not under",
    (text, env) => env.isUnder(field, text, pattern),
  );
}

function existsOperator(criterion: Criterion, negated: boolean): CompiledCriterion {
  const { field } = criterion;
  return {
    criterion,
    problem: null,
    captures: noCaptures,
    matches: (value) => isEmptyValue(value) === negated,
    explain: (value) =>
      isEmptyValue(value)
        ? outcome(negated, `${field} is empty`)
        : outcome(!negated, `${shown(field, value)} is not empty`),
  };
}

/** Compiles one criterion: its pattern is parsed here, once. Never throws on a bad pattern. */
export function compileCriterion(criterion: Criterion): CompiledCriterion {
  const { operator, pattern } = criterion;
  if (operator === "present") {
    return constant(criterion, true, "checked against the registry once the other criteria pass");
  }
  if (pattern === WILDCARD) return constant(criterion, true, `pattern "*" matches anything`);
  switch (operator) {
    case "is":
    case "is_not":
      return isOperator(criterion, operator === "is_not");
    case "contains":
    case "not_contains":
      return textOperator(
        criterion,
        operator === "not_contains",
        "contains",
        "does not contain",
        (v, p) => v.includes(p),
      );
    case "starts_with":
      return textOperator(
        criterion,
        false,
        "starts with",
        "does not start with",
        (v, p) => v.startsWith(p),
      );
    case "ends_with":
      return textOperator(
        criterion,
        false,
        "ends with",
        "does not end with",
        (v, p) => v.endsWith(p),
      );
    case "regex":
    case "not_regex":
      return regexOperator(criterion, operator === "not_regex");
    case "exists":
    case "not_exists":
      return existsOperator(criterion, operator === "not_exists");
    case "under":
    case "not_under":
      return underOperator(criterion, operator === "not_under");
    case "in_cidr":
    case "not_in_cidr":
      return cidrOperator(criterion, operator === "not_in_cidr");
    default: {
      const problem = `unknown operator ${quote(operator satisfies never)}`;
      return { ...constant(criterion, false, problem), problem };
    }
  }
}

/** Compiles and explains a criterion once; for rule testers and tests, not for loops. */
export function testCriterion(
  criterion: Criterion,
  value: InputValue,
  env: RuleEnv,
): CriterionOutcome {
  return compileCriterion(criterion).explain(value, env);
}
