/**
 * Errors raised by the rule engine. Evaluation itself never throws on bad data: a criterion whose
 * pattern cannot be used fails with a reason in the trace. These errors are for callers that ask
 * for a pattern to be parsed, a collection to be compiled or a rule document to be validated.
 *
 * @module
 */

/** A regex or CIDR pattern that cannot be used; the message quotes the pattern and says why. */
export class RulePatternError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RulePatternError";
  }
}

/** Rules given to {@linkcode compileCollection} that cannot be evaluated together. */
export class RuleCollectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RuleCollectionError";
  }
}

/** One problem found while validating rules, located by its path (`rules[3].criteria[0].field`). */
export interface RuleProblem {
  path: string;
  message: string;
}

/** Rules that fail validation; `problems` lists every problem found, not just the first. */
export class RuleValidationError extends Error {
  readonly problems: readonly RuleProblem[];
  constructor(problems: readonly RuleProblem[]) {
    const lines = problems.map((p) => `  ${p.path}: ${p.message}`);
    super(
      `${problems.length} problem${problems.length === 1 ? "" : "s"} in the rules:\n${
        lines.join("\n")
      }`,
    );
    this.name = "RuleValidationError";
    this.problems = problems;
  }
}
