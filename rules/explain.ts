/**
 * A collection's result as text for the CLI's rule tester: the outcome first, then rule by rule
 * and criterion by criterion, with ✓/✗, the reason and the actions applied.
 *
 * @module
 */

import { ACTION_TYPE_LABELS } from "./collections.ts";
import { OPERATOR_LABELS, PATTERNLESS_OPERATORS } from "./operators.ts";
import type { Action, CollectionResult, CriterionTrace, RuleTrace } from "./types.ts";

function criterionLine(c: CriterionTrace): string {
  const test = PATTERNLESS_OPERATORS.has(c.operator)
    ? `${c.field} ${OPERATOR_LABELS[c.operator]}`
    : `${c.field} ${OPERATOR_LABELS[c.operator]} "${c.pattern}"`;
  return `    ${c.matched ? "✓" : "✗"} ${test}: ${c.reason}`;
}

function actionLine(a: Action): string {
  return `    → ${a.field}: ${ACTION_TYPE_LABELS[a.type]} "${a.value}"`;
}

function ruleLines(rule: RuleTrace): string[] {
  const id = rule.ruleId === null ? "" : ` (id ${rule.ruleId})`;
  const head = `  [${rule.ranking}] ${rule.name}${id}`;
  if (!rule.active) return [`${head}: skipped, inactive`];
  const verdict = rule.matched ? "MATCHED" : "no match";
  return [
    `${head}: ${verdict}${rule.reason ? `: ${rule.reason}` : ""}`,
    ...rule.criteria.map(criterionLine),
    ...rule.actions.map(actionLine),
  ];
}

/** The result as lines of text, readable by an admin. */
export function explainResult(result: CollectionResult): string[] {
  const lines = [
    result.matched
      ? `${result.collection} rules: rule "${result.matched.name}" matched` +
        (result.failure ? `, but its action FAILED: ${result.failure}` : "")
      : `${result.collection} rules: no rule matched`,
  ];
  if (result.found.length) {
    lines.push(`  found in the registry: computer ${result.found.join(", ")}`);
  }
  const output = Object.entries(result.output);
  if (output.length) {
    lines.push(`  output: ${output.map(([field, value]) => `${field} = "${value}"`).join(", ")}`);
  }
  if (result.trace.length === 0) lines.push("  (no rules in this collection)");
  for (const rule of result.trace) lines.push(...ruleLines(rule));
  for (const rule of result.notReached ?? []) {
    lines.push(`  [${rule.ranking}] ${rule.name}: not reached (an earlier rule matched)`);
  }
  return lines;
}
