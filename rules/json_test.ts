import assert from "node:assert/strict";
import { defaultRules } from "./defaults.ts";
import { RuleValidationError } from "./errors.ts";
import {
  exportRules,
  exportRulesJson,
  parseRulesJson,
  validateRule,
  validateRulesDocument,
} from "./json.ts";
import type { Rule } from "./types.ts";

const software: Rule = {
  id: 42,
  uuid: "5d7c2b1a-0000-4000-8000-000000000001",
  collection: "software",
  name: "Firefox versions",
  description: "one name for every Firefox",
  ranking: 3,
  active: false,
  match: "OR",
  criteria: [
    { field: "name", operator: "regex", pattern: "/^Mozilla Firefox (\\d+)/" },
    { field: "category", operator: "under", pattern: "Internet" },
  ],
  actions: [
    { type: "assign", field: "name", value: "Firefox" },
    { type: "append_regex_result", field: "version", value: " (#0)" },
  ],
};

const entity: Rule = {
  uuid: "5d7c2b1a-0000-4000-8000-000000000002",
  collection: "entity",
  name: "Paris LAN",
  description: "",
  ranking: 2,
  active: true,
  match: "AND",
  criteria: [
    { field: "ip", operator: "in_cidr", pattern: "10.75.0.0/16" },
    { field: "subnet", operator: "not_in_cidr", pattern: "2001:db8::/32" },
    { field: "tag", operator: "regex", pattern: "#^(\\w+)$#" },
  ],
  actions: [
    { type: "assign", field: "entity", value: "Root entity > Paris" },
    { type: "regex_result", field: "_entity_by_tag", value: "#0" },
  ],
};

Deno.test("export then import gives the same rules back, without database ids", () => {
  const rules = [software, ...defaultRules(), entity];
  const text = exportRulesJson(rules);
  const document = JSON.parse(text);
  assert.equal(document.format, "inventory-rules");
  assert.equal(document.version, 1);
  assert.deepEqual(
    document.rules.map((r: Rule) => `${r.collection}:${r.ranking}`),
    [
      "import:1",
      "import:2",
      "import:3",
      "import:4",
      "import:5",
      "import:6",
      "entity:1",
      "entity:2",
      "software:3",
    ],
  );
  assert.ok(!("id" in document.rules.at(-1)));
  const back = parseRulesJson(text);
  assert.deepEqual(back, exportRules(rules).rules);
  const { id: _, ...withoutId } = software;
  assert.deepEqual(back.at(-1), withoutId);
  assert.equal(exportRulesJson(back), text, "a second round trip changes nothing");
});

Deno.test("validateRule() fills defaults, generates a missing uuid and keeps an id", () => {
  const rule = validateRule({
    id: 9,
    collection: "location",
    name: "  From tag  ",
    criteria: [{ field: "tag", operator: "exists" }],
    actions: [{ type: "assign", field: "location", value: "HQ" }],
  });
  assert.match(rule.uuid, /^[0-9a-f-]{36}$/);
  assert.deepEqual({ ...rule, uuid: "" }, {
    id: 9,
    uuid: "",
    collection: "location",
    name: "From tag",
    description: "",
    ranking: 0,
    active: true,
    match: "AND",
    criteria: [{ field: "tag", operator: "exists", pattern: "" }],
    actions: [{ type: "assign", field: "location", value: "HQ" }],
  });
});

/** The problems `fn` throws, as "path: message" lines. */
function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof RuleValidationError, String(error));
    return error.problems.map((p) => `${p.path}: ${p.message}`);
  }
  assert.fail("no RuleValidationError thrown");
}

Deno.test("every problem of a document is listed with its path", () => {
  const document = {
    format: "inventory-rules",
    version: 1,
    rules: [
      entity,
      {
        uuid: "a",
        collection: "printers",
        name: "x",
        criteria: [{ field: "name", operator: "is", pattern: "x" }],
        actions: [{ type: "assign", field: "entity", value: "E" }],
      },
      { uuid: "b", collection: "import", name: " ", criteria: [], actions: [] },
      {
        uuid: "c",
        collection: "import",
        name: "fields and operators",
        criteria: [
          { field: "colour", operator: "is", pattern: "red" },
          { field: "name", operator: "looks_like", pattern: "x" },
          { field: "name", operator: "in_cidr", pattern: "10.0.0.0/8" },
          { field: "model", operator: "present" },
          { field: "name", operator: "regex", pattern: "^PC-(.*)$" },
          { field: "ip", operator: "in_cidr", pattern: "10.0.0.0/33" },
          { field: "ip", operator: "not_in_cidr", pattern: "10.0.0.0" },
          { field: "name", operator: "contains", pattern: "" },
          { field: "name", operator: "is", pattern: 3 },
          { field: "name", operator: "is", pattern: "x", extra: true },
          "serial exists",
        ],
        actions: [
          { type: "assign", field: "_link", value: "merge" },
          { type: "regex_result", field: "_link", value: "#0" },
          { type: "set", field: "_refuse", value: "yes" },
          { type: "assign", field: "entity", value: "E" },
          { type: "assign", field: "_refuse" },
        ],
      },
      {
        uuid: "d",
        collection: "software",
        name: "captures without regex",
        ranking: 1.5,
        active: "yes",
        match: "XOR",
        id: -1,
        criteria: [{ field: "name", operator: "under", pattern: "x" }],
        actions: [{ type: "regex_result", field: "name", value: "#0" }],
      },
      { ...entity, name: "same uuid" },
      "not a rule",
    ],
  };
  assert.deepEqual(problemsOf(() => validateRulesDocument(document)), [
    'rules[1].collection: unknown collection "printers" (expected import, entity, location, software)',
    "rules[2].name: name is missing",
    "rules[2].criteria: a rule needs at least one criterion",
    "rules[2].actions: a rule needs at least one action",
    'rules[3].criteria[0].field: unknown field "colour" for import rules (expected deviceid, name, serial, uuid, mac, ip, subnet, domain, tag, os_name, manufacturer, model, type, user, is_virtual)',
    'rules[3].criteria[1].operator: unknown operator "looks_like" (expected is, is_not, contains, not_contains, starts_with, ends_with, regex, not_regex, exists, not_exists, present, under, not_under, in_cidr, not_in_cidr)',
    "rules[3].criteria[2].operator: in_cidr does not apply to name (only to ip, subnet)",
    "rules[3].criteria[3].operator: present does not apply to model (only to deviceid, name, serial, uuid, mac, ip)",
    'rules[3].criteria[4].pattern: regex "^PC-(.*)$" has no closing "^" (write the pattern between delimiters, like /…/i)',
    'rules[3].criteria[5].pattern: CIDR "10.0.0.0/33" has prefix length "33"; expected 0 to 32',
    'rules[3].criteria[6].pattern: CIDR "10.0.0.0" needs a prefix length, like 10.0.0.0/8',
    "rules[3].criteria[7].pattern: contains needs a pattern",
    "rules[3].criteria[8].pattern: pattern must be a string",
    "rules[3].criteria[9].extra: unknown property (expected field, operator, pattern)",
    "rules[3].criteria[10]: a criterion must be an object { field, operator, pattern }",
    'rules[3].actions[0].value: "merge" is not a value of _link (expected link_or_create, link_or_refuse, refuse_silent)',
    "rules[3].actions[1].type: _link does not accept regex_result (only assign)",
    'rules[3].actions[2].type: unknown action type "set" (expected assign, regex_result, append, append_regex_result)',
    'rules[3].actions[3].field: unknown action field "entity" for import rules (expected _link, _identity_veto, _refuse)',
    "rules[3].actions[4].value: value must be a string",
    "rules[4].id: id must be a positive whole number",
    "rules[4].ranking: ranking must be a whole number",
    "rules[4].active: active must be true or false",
    'rules[4].match: match must be "AND" or "OR"',
    "rules[4].criteria[0].operator: under does not apply to name (only to category)",
    "rules[4].actions[0].type: regex_result needs a regex criterion in the rule",
    "rules[5].uuid: same uuid as rules[0]",
    "rules[6]: a rule must be an object",
  ]);
});

Deno.test("a wildcard pattern is valid for any operator that takes a pattern", () => {
  const rule = validateRule({
    collection: "entity",
    name: "all",
    criteria: [
      { field: "ip", operator: "in_cidr", pattern: "*" },
      { field: "tag", operator: "regex", pattern: "*" },
    ],
    actions: [{ type: "regex_result", field: "entity", value: "E #0" }],
  });
  assert.equal(rule.criteria.length, 2);
});

Deno.test("document-level problems: JSON syntax, format, version, rules list, extra keys", () => {
  const syntax = problemsOf(() => parseRulesJson("{"));
  assert.equal(syntax.length, 1);
  assert.match(syntax[0]!, /^\(document\): not valid JSON: \S/);
  assert.deepEqual(problemsOf(() => parseRulesJson("[]")), ["(document): not a rules document"]);
  assert.deepEqual(
    problemsOf(() => validateRulesDocument({ format: "glpi", version: 2, rules: {}, more: 1 })),
    [
      "(document).more: unknown property (expected format, version, rules)",
      'format: format must be "inventory-rules"',
      "version: version 2 is not supported (expected 1)",
      "rules: rules must be a list",
    ],
  );
  assert.deepEqual(validateRulesDocument({ format: "inventory-rules", version: 1, rules: [] }), []);
});

Deno.test("validateRule() throws one error whose message lists every problem", () => {
  assert.throws(
    () => validateRule({ collection: "software", name: "", criteria: "x", actions: [] }),
    (e: unknown) =>
      e instanceof RuleValidationError &&
      e.message === [
          "3 problems in the rules:",
          "  rule.name: name is missing",
          "  rule.criteria: criteria must be a list",
          "  rule.actions: a rule needs at least one action",
        ].join("\n"),
  );
  assert.deepEqual(problemsOf(() => validateRule(null)), ["rule: a rule must be an object"]);
  assert.deepEqual(
    problemsOf(() => validateRule({ ...entity, uuid: "has space" }, "rules[7]")),
    ["rules[7].uuid: uuid must be a text without spaces (up to 100 characters)"],
  );
});
