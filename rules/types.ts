/**
 * The rule model shared by the engine, the registry synchronisation, the CLI and the console.
 * Rules are data: they round-trip through JSON export/import unchanged.
 *
 * @module
 */

import type { CandidateIdentity } from "./identity.ts";

export type { CandidateIdentity };

/** The four rule collections, each evaluated on its own input and stopping at the first match. */
export type CollectionName = "import" | "entity" | "location" | "software";

/** Criterion operators (GLPI's conditions, named for people rather than numbered). */
export type Operator =
  | "is"
  | "is_not"
  | "contains"
  | "not_contains"
  | "starts_with"
  | "ends_with"
  | "regex"
  | "not_regex"
  | "exists"
  | "not_exists"
  /** "Is already present in the registry": checked through {@linkcode RuleEnv.findPresent}. */
  | "present"
  | "under"
  | "not_under"
  | "in_cidr"
  | "not_in_cidr";

/** One test of one input field. `pattern` "*" always matches (as in GLPI). */
export interface Criterion {
  field: string;
  operator: Operator;
  pattern: string;
}

/** Action types. `#0`…`#9` in a regex_result value are replaced by the regex captures. */
export type ActionType = "assign" | "regex_result" | "append" | "append_regex_result";

/** One output of a matching rule. */
export interface Action {
  type: ActionType;
  /** An output field, e.g. `entity`, `location`, `_link`, `_refuse`, `name`, `version`. */
  field: string;
  value: string;
}

/** A rule as stored and exported. */
export interface Rule {
  /** Database id; absent in exported JSON and before the rule is saved. */
  id?: number;
  /** Stable identity across export/import. */
  uuid: string;
  collection: CollectionName;
  name: string;
  description: string;
  /** Evaluation order inside the collection, lowest first. */
  ranking: number;
  active: boolean;
  match: "AND" | "OR";
  criteria: Criterion[];
  actions: Action[];
}

/** What a collection evaluates: field name → value(s). Arrays match if any element does. */
export type RuleInput = Readonly<Record<string, string | readonly string[] | undefined>>;

/** Output fields set by matched rules' actions. */
export type RuleOutput = Record<string, string>;

/** The few questions the engine asks its caller; the engine itself does no I/O. */
export interface RuleEnv {
  /**
   * Ids of registry computers matching every given (field, value) pair, for the `present`
   * criteria of one rule (serial, uuid, mac, name, …). An array value matches any element.
   */
  findPresent(values: Readonly<Record<string, string | readonly string[]>>): number[];
  /** True when tree node `value` (an entity or location id or path) is `ancestor` or below it. */
  isUnder(field: string, value: string, ancestor: string): boolean;
  /**
   * The identities of computers an import rule found, for the identity veto (identity.ts);
   * without it (rule tests on no registry) nothing is vetoed.
   */
  identities?(ids: readonly number[]): CandidateIdentity[];
}

/** How one criterion went. */
export interface CriterionTrace {
  field: string;
  operator: Operator;
  pattern: string;
  /** The input value(s) tested, as text; "" when absent. */
  value: string;
  matched: boolean;
  /** Why, for a person: `serial "ABC" is present in the registry (computer 12)`. */
  reason: string;
}

/** How one rule went. */
export interface RuleTrace {
  ruleId: number | null;
  uuid: string;
  name: string;
  ranking: number;
  /** Inactive rules appear in the trace, marked skipped. */
  active: boolean;
  matched: boolean;
  criteria: CriterionTrace[];
  /** Actions applied (with captures substituted); empty unless matched. */
  actions: Action[];
  /** Why the rule matched, failed or was skipped, in one line (set by the engine). */
  reason?: string;
}

/** The result of evaluating one collection. */
export interface CollectionResult {
  collection: CollectionName;
  /** The first matching rule, or null when none matched. */
  matched: { ruleId: number | null; uuid: string; name: string } | null;
  output: RuleOutput;
  /** For the import collection: the computers found by the matching rule's `present` criteria. */
  found: number[];
  trace: RuleTrace[];
  /** The rules after the matching one, never evaluated (absent when none). */
  notReached?: RuleRefTrace[];
  /**
   * Set by the caller when the matching rule's action could not be carried out (e.g. no entity
   * has the TAG it names): the rule matched, but the decision is a failure, for this reason.
   */
  failure?: string;
}

/** A rule named in a trace without being evaluated. */
export interface RuleRefTrace {
  ruleId: number | null;
  uuid: string;
  name: string;
  ranking: number;
  active: boolean;
}
