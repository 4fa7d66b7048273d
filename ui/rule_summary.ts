/**
 * One-line texts for rules in lists: a criterion as `tag matches regex "/^(.+)$/"`, an action as
 * `location ← regex result "#0"`.
 *
 * @module
 */

import { ACTION_TYPE_LABELS, OPERATOR_LABELS, PATTERNLESS_OPERATORS } from "../rules/mod.ts";
import type { Action, Criterion } from "../rules/types.ts";

/** A criterion in words. */
export function criterionText(c: Criterion): string {
  const operator = OPERATOR_LABELS[c.operator] ?? c.operator;
  return PATTERNLESS_OPERATORS.has(c.operator)
    ? `${c.field} ${operator}`
    : `${c.field} ${operator} "${c.pattern}"`;
}

/** An action in words. */
export function actionText(a: Action): string {
  return `${a.field}: ${ACTION_TYPE_LABELS[a.type] ?? a.type} "${a.value}"`;
}
