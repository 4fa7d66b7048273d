import assert from "node:assert/strict";
import { RuleValidationError, validateRule } from "../rules/mod.ts";
import type { Rule } from "../rules/types.ts";
import {
  draftFromForm,
  draftFromRule,
  draftValue,
  emptyDraft,
  MAX_ROWS,
  placeProblems,
  withBlankRow,
} from "./rule_draft.ts";

const RULE: Rule = {
  id: 7,
  uuid: "u-7",
  collection: "location",
  name: "TAG to location",
  description: "",
  ranking: 3,
  active: false,
  match: "OR",
  criteria: [{ field: "tag", operator: "regex", pattern: "/^(.+)$/" }],
  actions: [{ type: "regex_result", field: "location", value: "#0" }],
};

Deno.test("a stored rule becomes a draft with one blank row of each kind", () => {
  const draft = draftFromRule(RULE);
  assert.equal(draft.criteria.length, 2);
  assert.equal(draft.actions.length, 2);
  assert.deepEqual(draft.criteria[1], { field: "", operator: "is", pattern: "" });
  assert.equal(draft.active, false);
  assert.equal(draft.match, "OR");
});

Deno.test("the form round-trips through a draft; blank rows are dropped from the value", () => {
  const form = new URLSearchParams([
    ["name", "  TAG to location "],
    ["active", "1"],
    ["match", "AND"],
    ["criteria_rows", "3"],
    ["criteria[0][field]", ""],
    ["criteria[0][operator]", "is"],
    ["criteria[0][pattern]", ""],
    ["criteria[1][field]", "tag"],
    ["criteria[1][operator]", "regex"],
    ["criteria[1][pattern]", "/^(.+)$/"],
    ["action_rows", "1"],
    ["actions[0][field]", "location"],
    ["actions[0][type]", "regex_result"],
    ["actions[0][value]", "#0"],
  ]);
  const draft = draftFromForm(form, "location");
  assert.equal(draft.criteria.length, 3, "rows as posted, the missing third one blank");
  const value = draftValue(draft, { uuid: "u-7", ranking: 3 });
  assert.deepEqual(value.criteriaRows, [1]);
  assert.deepEqual(value.actionRows, [0]);
  const rule = validateRule(value.value);
  assert.equal(rule.name, "TAG to location");
  assert.equal(rule.uuid, "u-7");
  assert.equal(rule.ranking, 3);
  assert.deepEqual(rule.criteria, [{ field: "tag", operator: "regex", pattern: "/^(.+)$/" }]);
});

Deno.test("row counts are capped and 'add' stops at the cap", () => {
  const form = new URLSearchParams([["criteria_rows", "100000"], ["action_rows", "-3"]]);
  const draft = draftFromForm(form, "import");
  assert.equal(draft.criteria.length, MAX_ROWS);
  assert.equal(draft.actions.length, 1, "a bad count gives one blank row");
  assert.equal(withBlankRow(draft, "criterion").criteria.length, MAX_ROWS);
  assert.equal(withBlankRow(emptyDraft("import"), "action").actions.length, 2);
});

Deno.test("validation problems land on the form rows they are about", () => {
  const draft = {
    ...emptyDraft("location"),
    criteria: [
      { field: "", operator: "is", pattern: "" },
      { field: "tag", operator: "regex", pattern: "/(/" },
    ],
    actions: [{ field: "location", type: "regex_result", value: "#0" }],
  };
  const value = draftValue(draft, { ranking: 0 });
  let problems;
  try {
    validateRule(value.value);
    assert.fail("the rule is invalid");
  } catch (error) {
    assert.ok(error instanceof RuleValidationError);
    problems = placeProblems(error.problems, value);
  }
  assert.deepEqual(problems.general, ["Name: name is missing"]);
  assert.deepEqual([...problems.criteria.keys()], [1], "form row 2, not value row 1");
  assert.match(problems.criteria.get(1)![0]!, /^pattern: regex "\/\(\/" is invalid/);
  assert.match(problems.all[1]!, /^Criterion 2, pattern: /);
  const empty = placeProblems([{
    path: "rule.criteria",
    message: "a rule needs at least one criterion",
  }], value);
  assert.deepEqual(empty.general, ["Criteria: a rule needs at least one criterion"]);
});
