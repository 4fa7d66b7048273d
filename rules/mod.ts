/**
 * The rule engine: GLPI-style rules (import/link, entity, location, software dictionary)
 * evaluated on an inventory's fields, with a trace of every decision. Pure: no I/O; the registry
 * is reached only through the {@linkcode RuleEnv} the caller passes in.
 *
 * @module
 */

export type * from "./types.ts";
export {
  RuleCollectionError,
  RulePatternError,
  type RuleProblem,
  RuleValidationError,
} from "./errors.ts";
export {
  compileCriterion,
  type CompiledCriterion,
  type CriterionOutcome,
  type InputValue,
  OPERATOR_LABELS,
  OPERATORS,
  PATTERNLESS_OPERATORS,
  testCriterion,
  WILDCARD,
} from "./operators.ts";
export { parseRegexPattern } from "./regex.ts";
export { isCatchAll, newRuleRanking } from "./catch_all.ts";
export { type CandidateIdentity, identityVeto, VETO_FIELD, VETO_OFF } from "./identity.ts";
export { type Cidr, cidrContains, parseCidr, parseIp } from "./cidr.ts";
export {
  applyActions,
  compileCollection,
  type CompiledCollection,
  type CompiledRule,
  evaluate,
  Evaluation,
  substituteCaptures,
} from "./engine.ts";
export {
  ACTION_TYPE_LABELS,
  ACTION_TYPES,
  actionField,
  type ActionFieldSpec,
  type ActionValueSpec,
  COLLECTION_NAMES,
  COLLECTIONS,
  type CollectionSpec,
  type FieldKind,
  inputField,
  type InputFieldSpec,
  operatorsFor,
} from "./collections.ts";
export {
  decideEntity,
  decideImport,
  decideLocation,
  decideSoftware,
  type EntityDecision,
  type Explained,
  type ImportDecision,
  type LocationDecision,
  type RuleRef,
  type SoftwareChanges,
  type SoftwareDecision,
} from "./decide.ts";
export {
  DEFAULT_ENTITY_RULES,
  DEFAULT_IMPORT_RULES,
  DEFAULT_RULES,
  defaultRules,
} from "./defaults.ts";
export {
  exportRules,
  exportRulesJson,
  parseRulesJson,
  RULES_FORMAT,
  RULES_VERSION,
  type RulesDocument,
  validateRule,
  validateRulesDocument,
} from "./json.ts";
export { explainResult } from "./explain.ts";
