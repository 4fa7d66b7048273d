/**
 * The rule editor's form as data: a draft holds what the form shows (rows as typed, blank rows
 * included), turns into the value `validateRule` checks (blank rows left out), and maps the
 * validation problems back to the form rows they are about. No JavaScript on the page: adding a
 * row is a submit that re-renders the draft with one more blank row.
 *
 * @module
 */

import type { RuleProblem } from "../rules/errors.ts";
import type { CollectionName, Rule } from "../rules/types.ts";

/** One criterion row as typed. */
export interface CriterionRow {
  field: string;
  operator: string;
  pattern: string;
}

/** One action row as typed. */
export interface ActionRow {
  field: string;
  type: string;
  value: string;
}

/** What the editor shows. */
export interface RuleDraft {
  collection: CollectionName;
  name: string;
  description: string;
  active: boolean;
  match: string;
  criteria: CriterionRow[];
  actions: ActionRow[];
}

/** The most rows a form may carry (a bigger form is cut, not refused). */
export const MAX_ROWS = 50;

/** The problems of a draft, placed where the form shows them. */
export interface PlacedProblems {
  /** Problems about the rule as a whole or its top fields (name, match…), as `label: message`. */
  general: string[];
  /** Form row → messages. */
  criteria: Map<number, string[]>;
  actions: Map<number, string[]>;
  /** Every problem, for the summary at the top: `Criterion 2, pattern: …`. */
  all: string[];
}

/** A draft with one blank criterion row and one blank action row. */
export function emptyDraft(collection: CollectionName): RuleDraft {
  return {
    collection,
    name: "",
    description: "",
    active: true,
    match: "AND",
    criteria: [blankCriterion()],
    actions: [blankAction()],
  };
}

/** A stored rule as a draft, with one blank row of each kind to fill. */
export function draftFromRule(rule: Rule): RuleDraft {
  return {
    collection: rule.collection,
    name: rule.name,
    description: rule.description,
    active: rule.active,
    match: rule.match,
    criteria: [...rule.criteria.map((c) => ({ ...c })), blankCriterion()],
    actions: [
      ...rule.actions.map((a) => ({ field: a.field, type: a.type, value: a.value })),
      blankAction(),
    ],
  };
}

/** Reads the editor's form (`criteria[i][field]`… up to the posted row counts). */
export function draftFromForm(form: URLSearchParams, collection: CollectionName): RuleDraft {
  const rows = (name: string) => {
    const n = Number(form.get(name) ?? "0");
    return Number.isSafeInteger(n) && n > 0 ? Math.min(n, MAX_ROWS) : 0;
  };
  const get = (name: string) => form.get(name) ?? "";
  const criteria: CriterionRow[] = [];
  for (let i = 0; i < rows("criteria_rows"); i++) {
    criteria.push({
      field: get(`criteria[${i}][field]`),
      operator: get(`criteria[${i}][operator]`),
      pattern: get(`criteria[${i}][pattern]`),
    });
  }
  const actions: ActionRow[] = [];
  for (let i = 0; i < rows("action_rows"); i++) {
    actions.push({
      field: get(`actions[${i}][field]`),
      type: get(`actions[${i}][type]`),
      value: get(`actions[${i}][value]`),
    });
  }
  return {
    collection,
    name: get("name"),
    description: get("description"),
    active: form.get("active") === "1",
    match: get("match") || "AND",
    criteria: criteria.length ? criteria : [blankCriterion()],
    actions: actions.length ? actions : [blankAction()],
  };
}

/** The draft with one more blank row of `kind` (the "add" buttons). */
export function withBlankRow(draft: RuleDraft, kind: "criterion" | "action"): RuleDraft {
  if (kind === "criterion" && draft.criteria.length < MAX_ROWS) {
    return { ...draft, criteria: [...draft.criteria, blankCriterion()] };
  }
  if (kind === "action" && draft.actions.length < MAX_ROWS) {
    return { ...draft, actions: [...draft.actions, blankAction()] };
  }
  return draft;
}

function isBlankCriterion(row: CriterionRow): boolean {
  return row.field === "" && row.pattern === "";
}

function isBlankAction(row: ActionRow): boolean {
  return row.field === "" && row.value === "";
}

/** What `validateRule` gets, with the form row of each criterion and action kept. */
export interface DraftValue {
  value: Record<string, unknown>;
  /** Index in `value.criteria` → form row. */
  criteriaRows: number[];
  actionRows: number[];
}

/** The draft as a rule value (blank rows left out), with identity fields from `base`. */
export function draftValue(
  draft: RuleDraft,
  base: { uuid?: string; ranking: number },
): DraftValue {
  const criteriaRows: number[] = [];
  const criteria = draft.criteria.flatMap((row, i) => {
    if (isBlankCriterion(row)) return [];
    criteriaRows.push(i);
    return [{ field: row.field, operator: row.operator, pattern: row.pattern }];
  });
  const actionRows: number[] = [];
  const actions = draft.actions.flatMap((row, i) => {
    if (isBlankAction(row)) return [];
    actionRows.push(i);
    return [{ type: row.type, field: row.field, value: row.value }];
  });
  return {
    value: {
      ...(base.uuid ? { uuid: base.uuid } : {}),
      collection: draft.collection,
      name: draft.name,
      description: draft.description,
      ranking: base.ranking,
      active: draft.active,
      match: draft.match,
      criteria,
      actions,
    },
    criteriaRows,
    actionRows,
  };
}

const PATH = /^rule(?:\.(criteria|actions)(?:\[(\d+)\])?)?(?:\.(\w+))?$/;

/** Places validation problems (paths `rule.criteria[0].pattern`…) on the form's rows. */
export function placeProblems(
  problems: readonly RuleProblem[],
  rows: Pick<DraftValue, "criteriaRows" | "actionRows">,
): PlacedProblems {
  const placed: PlacedProblems = { general: [], criteria: new Map(), actions: new Map(), all: [] };
  for (const problem of problems) {
    const match = PATH.exec(problem.path);
    const list = match?.[1] as "criteria" | "actions" | undefined;
    const index = match?.[2] === undefined ? undefined : Number(match[2]);
    const key = match?.[3];
    if (list && index !== undefined) {
      const row = (list === "criteria" ? rows.criteriaRows : rows.actionRows)[index] ?? index;
      const text = key ? `${key}: ${problem.message}` : problem.message;
      const target = list === "criteria" ? placed.criteria : placed.actions;
      target.set(row, [...(target.get(row) ?? []), text]);
      placed.all.push(`${list === "criteria" ? "Criterion" : "Action"} ${row + 1}, ${text}`);
      continue;
    }
    const label = list
      ? (list === "criteria" ? "Criteria" : "Actions")
      : key
      ? key[0]!.toUpperCase() + key.slice(1)
      : "Rule";
    const text = `${label}: ${problem.message}`;
    placed.general.push(text);
    placed.all.push(text);
  }
  return placed;
}

function blankCriterion(): CriterionRow {
  return { field: "", operator: "is", pattern: "" };
}

function blankAction(): ActionRow {
  return { field: "", type: "assign", value: "" };
}
