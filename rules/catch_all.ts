/**
 * Catch-all rules: a rule every inventory matches ("Import everything else", "Root entity for
 * all"). Rules after an active catch-all are never reached, so a rule created without a ranking
 * goes before its collection's first catch-all rather than after it (GLPI appends, and its users
 * wonder why their new rule never fires).
 *
 * @module
 */

import { WILDCARD } from "./operators.ts";
import type { Criterion, Rule } from "./types.ts";

/** A criterion every inventory passes: `deviceid exists` (every inventory has one), or "*". */
function alwaysPasses(criterion: Criterion): boolean {
  if (criterion.operator === "present") return false;
  if (criterion.pattern === WILDCARD) return true;
  return criterion.operator === "exists" && criterion.field === "deviceid";
}

/** Whether `rule` is active and matches every inventory. */
export function isCatchAll(rule: Rule): boolean {
  if (!rule.active || rule.criteria.length === 0) return false;
  return rule.match === "OR" ? rule.criteria.some(alwaysPasses) : rule.criteria.every(alwaysPasses);
}

/**
 * The ranking a new rule of a collection gets: that of the first active catch-all (which, with
 * everything after it, moves down one), or after the last rule when there is none. `shift` lists
 * the rules to move down, with their new rankings.
 */
export function newRuleRanking(
  rules: readonly Rule[],
): { ranking: number; shift: { id: number; ranking: number }[] } {
  const sorted = [...rules].sort((a, b) => a.ranking - b.ranking);
  const catchAll = sorted.find(isCatchAll);
  if (!catchAll) {
    const top = sorted.at(-1)?.ranking;
    return { ranking: top === undefined ? 1 : top + 1, shift: [] };
  }
  const shift = sorted.filter((r) => r.ranking >= catchAll.ranking && r.id !== undefined)
    .map((r) => ({ id: r.id!, ranking: r.ranking + 1 }));
  return { ranking: catchAll.ranking, shift };
}
