/**
 * One-line texts for rules in lists: a criterion as `tag matches regex "/^(.+)$/"`, an action as
 * `location ← regex result "#0"`.
 *
 * @module
 */

import { PATTERNLESS_OPERATORS } from "../rules/mod.ts";
import type { Action, Criterion } from "../rules/types.ts";
import { actionTypeLabel, operatorLabel } from "./rule_words.ts";

/** A criterion in words. */
export function criterionText(c: Criterion): string {
  const operator = operatorLabel(c.operator);
  return PATTERNLESS_OPERATORS.has(c.operator)
    ? `${c.field} ${operator}`
    : `${c.field} ${operator} "${c.pattern}"`;
}

/** An action in words. */
export function actionText(a: Action): string {
  return `${a.field}: ${actionTypeLabel(a.type)} "${a.value}"`;
}
