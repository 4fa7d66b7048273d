/**
 * The rule engine: a collection's rules are compiled once (sorted by ranking, patterns parsed),
 * then evaluated on each input. Evaluation stops at the first matching rule, as GLPI's import,
 * entity, location and dictionary collections do, and always returns the output with a trace of
 * every rule and criterion it looked at.
 *
 * @module
 */

import { RuleCollectionError } from "./errors.ts";
import { identityVeto, VETO_FIELD, VETO_OFF } from "./identity.ts";
import {
  compileCriterion,
  type CompiledCriterion,
  type InputValue,
  isEmptyValue,
  valueText,
} from "./operators.ts";
import type {
  Action,
  CollectionName,
  CollectionResult,
  CriterionTrace,
  Rule,
  RuleEnv,
  RuleInput,
  RuleOutput,
  RuleRefTrace,
  RuleTrace,
} from "./types.ts";

/** One rule ready for evaluation. */
export interface CompiledRule {
  readonly rule: Rule;
  /** Every criterion, in the rule's order; `present` ones are checked by one lookup after the rest. */
  readonly criteria: readonly CompiledCriterion[];
  /** The criteria other than `present`, tested first, with their input field. */
  readonly plain: readonly { readonly field: string; readonly test: CompiledCriterion }[];
  /** Indexes in `criteria` of the `present` criteria. */
  readonly presentIndexes: readonly number[];
  readonly isAnd: boolean;
}

/** A collection ready for evaluation: active and inactive rules, lowest ranking first. */
export interface CompiledCollection {
  readonly collection: CollectionName;
  readonly rules: readonly CompiledRule[];
  /** Patterns that cannot be used (`rule "X": regex … is invalid`); their criteria always fail. */
  readonly problems: readonly string[];
}

/**
 * Compiles `rules` of one collection. Rules are sorted by ranking (equal rankings keep their
 * order); regexes and CIDRs are parsed here, once. Pass `collection` when `rules` may be empty.
 * Throws {@linkcode RuleCollectionError} when rules of several collections are mixed.
 */
export function compileCollection(
  rules: readonly Rule[],
  collection?: CollectionName,
): CompiledCollection {
  const name = collection ?? rules[0]?.collection;
  if (name === undefined) {
    throw new RuleCollectionError("an empty rule list needs its collection name");
  }
  const stray = rules.find((rule) => rule.collection !== name);
  if (stray) {
    throw new RuleCollectionError(
      `rule "${stray.name}" belongs to the ${stray.collection} collection, not ${name}`,
    );
  }
  const problems: string[] = [];
  const compiled = [...rules]
    .sort((a, b) => a.ranking - b.ranking)
    .map((rule): CompiledRule => {
      const criteria = rule.criteria.map(compileCriterion);
      for (const c of criteria) if (c.problem) problems.push(`rule "${rule.name}": ${c.problem}`);
      const presentIndexes = criteria.flatMap((c, i) =>
        c.criterion.operator === "present" ? [i] : []
      );
      const plain = criteria
        .filter((c) => c.criterion.operator !== "present")
        .map((test) => ({ field: test.criterion.field, test }));
      return { rule, criteria, plain, presentIndexes, isAnd: rule.match !== "OR" };
    });
  return { collection: name, rules: compiled, problems };
}

const CAPTURE_REFERENCE = /#([0-9])/g;

/** Replaces `#0`…`#9` with the regex captures (`#0` is the first group); a missing one gives "". */
export function substituteCaptures(value: string, captures: readonly string[] | null): string {
  if (!value.includes("#")) return value;
  return value.replace(CAPTURE_REFERENCE, (_, n: string) => captures?.[Number(n)] ?? "");
}

/**
 * Applies a matched rule's actions to `output` and returns them as applied.
 * `assign` sets the value; `regex_result` sets it with captures substituted; `append` and
 * `append_regex_result` concatenate, without a separator, onto the field's current value: the
 * output when an earlier action set it, else the input's field of the same name (so a software
 * rule can turn version "1.2" into "1.2 (x64)", as GLPI's version append does).
 */
export function applyActions(
  actions: readonly Action[],
  captures: readonly string[] | null,
  input: RuleInput,
  output: RuleOutput,
): Action[] {
  return actions.map((action) => {
    const value = action.type === "regex_result" || action.type === "append_regex_result"
      ? substituteCaptures(action.value, captures)
      : action.value;
    if (action.type === "append" || action.type === "append_regex_result") {
      const current = output[action.field] ?? input[action.field];
      output[action.field] = (typeof current === "string" ? current : "") + value;
    } else {
      output[action.field] = value;
    }
    return { type: action.type, field: action.field, value };
  });
}

function criterionTrace(
  compiled: CompiledCriterion,
  value: InputValue,
  matched: boolean,
  reason: string,
): CriterionTrace {
  const { field, operator, pattern } = compiled.criterion;
  return { field, operator, pattern, value: valueText(value), matched, reason };
}

function ruleTrace(
  rule: Rule,
  matched: boolean,
  criteria: CriterionTrace[],
  actions: Action[],
  reason: string,
): RuleTrace {
  return {
    ruleId: rule.id ?? null,
    uuid: rule.uuid,
    name: rule.name,
    ranking: rule.ranking,
    active: rule.active,
    matched,
    criteria,
    actions,
    reason,
  };
}

/** The values a lookup is asked for: empty elements dropped. */
function lookupValue(value: InputValue): string | readonly string[] {
  return typeof value === "string" ? value : (value ?? []).filter((v) => v !== "");
}

function describeLookup(values: Readonly<Record<string, string | readonly string[]>>): string {
  return Object.entries(values)
    .map(([field, v]) =>
      typeof v === "string"
        ? `${field} "${v}"`
        : `${field} in [${v.map((x) => `"${x}"`).join(", ")}]`
    )
    .join(" and ");
}

interface PresentOutcome {
  /** The computers found and not vetoed. */
  found: number[];
  /** Why the lookup passed or failed, e.g. `no uuid in the inventory`. */
  reason: string;
  /** The input field whose value was missing, or null when the lookup was made. */
  missing: string | null;
}

/** ONE registry lookup for all of a rule's `present` criteria; none when a value is missing. */
function lookUpPresent(compiled: CompiledRule, input: RuleInput, env: RuleEnv): PresentOutcome {
  const values: Record<string, string | readonly string[]> = {};
  for (const i of compiled.presentIndexes) {
    const { field } = compiled.criteria[i]!.criterion;
    const value = input[field];
    if (isEmptyValue(value)) {
      return { found: [], reason: `no ${field} in the inventory`, missing: field };
    }
    values[field] = lookupValue(value);
  }
  const all = [...new Set(env.findPresent(values))].sort((a, b) => a - b);
  const described = describeLookup(values);
  if (all.length === 0) {
    return { found: [], reason: `no computer in the registry has ${described}`, missing: null };
  }
  const computers = (ids: number[]) => `computer${ids.length > 1 ? "s" : ""} ${ids.join(", ")}`;
  const vetoes = vetoesOf(compiled, all, input, env);
  const found = all.filter((id) => !vetoes.has(id));
  let reason = `${described} present in the registry (${computers(found)})`;
  if (vetoes.size > 0) {
    const why = [...vetoes].map(([id, veto]) => `vetoed: ${veto} (computer ${id})`).join("; ");
    reason = found.length
      ? `${reason}; ${why}`
      : `${described} present in the registry (${computers(all)}) but ${why}`;
  }
  return { found, reason, missing: null };
}

/** The found computers an import rule may not link to, with why (identity.ts). */
function vetoesOf(
  compiled: CompiledRule,
  found: readonly number[],
  input: RuleInput,
  env: RuleEnv,
): Map<number, string> {
  const vetoes = new Map<number, string>();
  const { rule } = compiled;
  if (rule.collection !== "import" || !env.identities) return vetoes;
  if (rule.actions.some((a) => a.field === VETO_FIELD && a.value === VETO_OFF)) return vetoes;
  for (const candidate of env.identities(found)) {
    const veto = identityVeto(input, candidate);
    if (veto !== null) vetoes.set(candidate.id, veto);
  }
  return vetoes;
}

/** Whether a rule's criteria other than `present` pass: the fast path, no text built. */
function othersPass(compiled: CompiledRule, input: RuleInput, env: RuleEnv): boolean {
  const { plain, isAnd } = compiled;
  if (compiled.criteria.length === 0) return false;
  for (let i = 0; i < plain.length; i++) {
    const criterion = plain[i]!;
    if (criterion.test.matches(input[criterion.field], env) !== isAnd) return !isAnd;
  }
  return isAnd || plain.length === 0;
}

/** The captures for a matched rule's actions: those of its last matching regex criterion. */
function capturesOf(compiled: CompiledRule, input: RuleInput, env: RuleEnv): string[] | null {
  let captures: readonly string[] | null = null;
  for (const criterion of compiled.criteria) {
    if (criterion.criterion.operator !== "regex") continue;
    captures = criterion.captures(input[criterion.criterion.field], env) ?? captures;
  }
  return captures ? [...captures] : null;
}

/** Rebuilds the trace of one rule looked at, with every criterion explained. */
function traceRule(
  compiled: CompiledRule,
  present: PresentOutcome | undefined,
  applied: Action[] | null,
  input: RuleInput,
  env: RuleEnv,
): RuleTrace {
  const { rule, criteria } = compiled;
  if (!rule.active) return ruleTrace(rule, false, [], [], "inactive: skipped");
  const traces: CriterionTrace[] = [];
  let tested = 0;
  let passed = 0;
  for (const criterion of criteria) {
    const { field, operator } = criterion.criterion;
    const value = input[field];
    if (operator !== "present") {
      const result = criterion.explain(value, env);
      traces.push(criterionTrace(criterion, value, result.matched, result.reason));
      tested++;
      if (result.matched) passed++;
    } else if (present === undefined) {
      traces.push(
        criterionTrace(criterion, value, false, "not looked up: the other criteria did not pass"),
      );
    } else if (present.missing !== null && field !== present.missing) {
      traces.push(criterionTrace(criterion, value, false, `not looked up: ${present.reason}`));
    } else {
      traces.push(criterionTrace(criterion, value, present.found.length > 0, present.reason));
    }
  }
  const isAnd = rule.match !== "OR";
  let reason: string;
  if (criteria.length === 0) reason = "the rule has no criteria";
  else if (present !== undefined) reason = present.reason;
  else if (isAnd) {
    reason = passed === tested
      ? "every criterion passed"
      : `${tested - passed} of ${tested} criteria failed`;
  } else {
    reason = passed > 0
      ? `${passed} of ${tested} criteria passed (OR)`
      : `none of ${tested} criteria passed (OR)`;
  }
  return ruleTrace(rule, applied !== null, traces, applied ?? [], reason);
}

/**
 * A {@linkcode CollectionResult} whose `trace` is built when first read: the software dictionary
 * runs millions of times and those traces are rarely read. `toJSON()` includes the trace; a spread
 * (`{...result}`) or structuredClone does not, so use `materialize()` to get a plain object.
 */
export class Evaluation implements CollectionResult {
  readonly collection: CollectionName;
  readonly matched: CollectionResult["matched"];
  readonly output: RuleOutput;
  readonly found: number[];
  /** Set by the caller when the matching rule's action failed (see CollectionResult). */
  failure?: string;
  #trace: RuleTrace[] | undefined;
  readonly #rules: readonly CompiledRule[];
  readonly #visited: number;
  readonly #present: readonly (PresentOutcome | undefined)[] | null;
  readonly #applied: Action[] | null;
  readonly #input: RuleInput;
  readonly #env: RuleEnv;

  constructor(
    compiled: CompiledCollection,
    visited: number,
    present: readonly (PresentOutcome | undefined)[] | null,
    applied: Action[] | null,
    found: number[],
    output: RuleOutput,
    input: RuleInput,
    env: RuleEnv,
  ) {
    this.collection = compiled.collection;
    const last = applied && compiled.rules[visited - 1]!.rule;
    this.matched = last ? { ruleId: last.id ?? null, uuid: last.uuid, name: last.name } : null;
    this.output = output;
    this.found = found;
    this.#rules = compiled.rules;
    this.#visited = visited;
    this.#present = present;
    this.#applied = applied;
    this.#input = input;
    this.#env = env;
  }

  /** Every rule looked at, in order, up to and including the matching one. */
  get trace(): RuleTrace[] {
    if (this.#trace === undefined) {
      const trace: RuleTrace[] = [];
      for (let i = 0; i < this.#visited; i++) {
        const applied = i === this.#visited - 1 ? this.#applied : null;
        trace.push(traceRule(this.#rules[i]!, this.#present?.[i], applied, this.#input, this.#env));
      }
      this.#trace = trace;
    }
    return this.#trace;
  }

  set trace(trace: RuleTrace[]) {
    this.#trace = trace;
  }

  /** The rules after the matching one: never evaluated. */
  get notReached(): RuleRefTrace[] {
    return this.matched === null ? [] : this.#rules.slice(this.#visited).map(({ rule }) => ({
      ruleId: rule.id ?? null,
      uuid: rule.uuid,
      name: rule.name,
      ranking: rule.ranking,
      active: rule.active,
    }));
  }

  /** A plain object with the trace built, for structuredClone, spreads and deep comparisons. */
  materialize(): CollectionResult {
    const { collection, matched, output, found, trace, notReached, failure } = this;
    return {
      collection,
      matched,
      output,
      found,
      trace,
      ...(notReached.length ? { notReached } : {}),
      ...(failure !== undefined ? { failure } : {}),
    };
  }

  toJSON(): CollectionResult {
    return this.materialize();
  }
}

/**
 * Evaluates a compiled collection on one input: rules in ranking order, inactive ones traced as
 * skipped, stopping at the first match. `present` criteria of a rule are combined into one
 * `env.findPresent` call, made only once the rule's other criteria passed (AND/OR as the rule
 * says); the rule then matches only when at least one computer is found.
 *
 * The trace is built when first read (see {@linkcode Evaluation}) from the same `input`: do not
 * change the input object before reading it. Registry lookups are never repeated for it.
 */
export function evaluate(
  compiled: CompiledCollection,
  input: RuleInput,
  env: RuleEnv,
): Evaluation {
  const { rules } = compiled;
  let presents: (PresentOutcome | undefined)[] | null = null;
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i]!;
    if (!rule.rule.active || !othersPass(rule, input, env)) continue;
    let found: number[] = [];
    if (rule.presentIndexes.length) {
      const present = lookUpPresent(rule, input, env);
      (presents ??= [])[i] = present;
      if (present.found.length === 0) continue;
      found = present.found;
    }
    const output: RuleOutput = {};
    const applied = applyActions(rule.rule.actions, capturesOf(rule, input, env), input, output);
    return new Evaluation(compiled, i + 1, presents, applied, found, output, input, env);
  }
  return new Evaluation(compiled, rules.length, presents, null, [], {}, input, env);
}
