import assert from "node:assert/strict";
import { decideEntity, decideImport, decideLocation, decideSoftware } from "./decide.ts";
import { compileCollection, evaluate } from "./engine.ts";
import { TestRegistry } from "./testing_env.ts";
import type { Action, CollectionName, CollectionResult, Criterion, RuleOutput } from "./types.ts";

const registry = new TestRegistry([
  { id: 30, serial: "SN1" },
  { id: 12, serial: "SN1" },
]);

/** Evaluates one rule of `collection` on `input`. */
function resultOf(
  collection: CollectionName,
  criteria: Criterion[],
  actions: Action[],
  input: Record<string, string>,
): CollectionResult {
  const rules = [{
    id: 4,
    uuid: "11111111-1111-4111-8111-111111111111",
    collection,
    name: "the rule",
    description: "",
    ranking: 1,
    active: true,
    match: "AND" as const,
    criteria,
    actions,
  }];
  return evaluate(compileCollection(rules), input, registry);
}

function literal(collection: CollectionName, output: RuleOutput, found: number[] = []) {
  const result: CollectionResult = {
    collection,
    matched: { ruleId: 4, uuid: "u", name: "the rule" },
    output,
    found,
    trace: [],
  };
  return result;
}

const rule = { ruleId: 4, uuid: "11111111-1111-4111-8111-111111111111", name: "the rule" };
const bySerial: Criterion[] = [{ field: "serial", operator: "present", pattern: "" }];
const everyone: Criterion[] = [{ field: "deviceid", operator: "exists", pattern: "" }];
const link = (value: string): Action => ({ type: "assign", field: "_link", value });

Deno.test("decideImport(): link_or_create links to the lowest found id, or creates", () => {
  const linked = decideImport(resultOf("import", bySerial, [link("link_or_create")], {
    serial: "SN1",
  }));
  assert.equal(linked.kind, "link");
  assert.equal(linked.kind === "link" && linked.computerId, 12);
  assert.deepEqual(linked.kind === "link" && linked.rule, rule);
  assert.equal(
    linked.explanation,
    'linked to computer 12 by rule "the rule" (lowest of 12, 30)',
  );
  assert.equal(linked.result.trace[0]!.matched, true);
  const created = decideImport(resultOf("import", everyone, [link("link_or_create")], {
    deviceid: "pc-2024",
  }));
  assert.deepEqual({ ...created, result: null }, {
    kind: "create",
    rule,
    result: null,
    explanation: 'new computer created by rule "the rule"',
  });
});

Deno.test("decideImport(): a rule without _link links or creates, like link_or_create", () => {
  assert.equal(decideImport(literal("import", {}, [7])).kind, "link");
  assert.equal(decideImport(literal("import", {})).kind, "create");
});

Deno.test("decideImport(): link_or_refuse refuses (logged) when nothing was found", () => {
  assert.equal(
    decideImport(resultOf("import", bySerial, [link("link_or_refuse")], { serial: "SN1" })).kind,
    "link",
  );
  const refused = decideImport(
    resultOf("import", everyone, [link("link_or_refuse")], { deviceid: "d" }),
  );
  assert.deepEqual({ ...refused, result: null }, {
    kind: "refuse",
    logged: true,
    rule,
    reason: 'rule "the rule" links only to a known computer, and none was found',
    result: null,
    explanation: 'refused: rule "the rule" links only to a known computer, and none was found',
  });
});

Deno.test("decideImport(): refuse_silent refuses unlogged; _refuse=yes refuses logged", () => {
  const silent = decideImport(resultOf("import", everyone, [link("refuse_silent")], {
    deviceid: "d",
  }));
  assert.equal(silent.kind === "refuse" && silent.logged, false);
  assert.equal(silent.explanation, 'refused without logging: rule "the rule" refuses the import');
  const refuse = decideImport(resultOf("import", bySerial, [
    link("link_or_create"),
    { type: "assign", field: "_refuse", value: "yes" },
  ], { serial: "SN1" }));
  assert.equal(refuse.kind, "refuse");
  assert.equal(refuse.kind === "refuse" && refuse.logged, true);
  assert.equal(refuse.kind === "refuse" && refuse.reason, 'rule "the rule" refuses the import');
});

Deno.test("decideImport(): an unknown _link value refuses (logged) rather than guess", () => {
  const decision = decideImport(literal("import", { _link: "merge" }, [1]));
  assert.equal(decision.kind === "refuse" && decision.logged, true);
  assert.equal(
    decision.kind === "refuse" && decision.reason,
    'rule "the rule" sets _link to the unknown value "merge"',
  );
});

Deno.test("decideImport(): no matching rule is 'unmatched' with the trace kept", () => {
  const result = resultOf("import", bySerial, [link("link_or_create")], { serial: "OTHER" });
  const decision = decideImport(result);
  assert.equal(decision.kind, "unmatched");
  assert.equal(decision.kind === "unmatched" && decision.reason, "no import rule matched");
  assert.equal(decision.explanation, "no import rule matched");
  assert.equal(decision.result.trace[0]!.reason, 'no computer in the registry has serial "OTHER"');
});

Deno.test("decideEntity(): entity, entity by tag and location, or refuse, or unmatched", () => {
  const tagRegex: Criterion[] = [{ field: "tag", operator: "regex", pattern: "/^site-(\\w+)$/" }];
  const assigned = decideEntity(resultOf("entity", tagRegex, [
    { type: "regex_result", field: "entity", value: "Root entity > #0" },
    { type: "regex_result", field: "_entity_by_tag", value: "#0" },
    { type: "assign", field: "location", value: "HQ" },
  ], { tag: "site-paris" }));
  assert.deepEqual({ ...assigned, result: null }, {
    kind: "assign",
    entity: "Root entity > paris",
    entityByTag: "paris",
    location: "HQ",
    rule,
    result: null,
    explanation:
      'entity "Root entity > paris", entity with tag "paris", location "HQ" by rule "the rule"',
  });
  const onlyEntity = decideEntity(literal("entity", { entity: "Root entity", location: "" }));
  assert.deepEqual(Object.keys(onlyEntity).sort(), [
    "entity",
    "explanation",
    "kind",
    "result",
    "rule",
  ]);
  const refused = decideEntity(literal("entity", { _refuse: "yes", entity: "X" }));
  assert.equal(refused.kind, "refuse");
  assert.equal(refused.explanation, 'refused: rule "the rule" refuses the import');
  const nothing = decideEntity(literal("entity", {}));
  assert.equal(nothing.explanation, 'rule "the rule" matched but assigns no entity');
  const unmatched = decideEntity(resultOf("entity", tagRegex, [], { tag: "lab" }));
  assert.equal(unmatched.kind === "unmatched" && unmatched.reason, "no entity rule matched");
});

Deno.test("decideLocation(): the location set, an empty one left out, or unmatched", () => {
  const tag: Criterion[] = [{ field: "tag", operator: "regex", pattern: "/^(.*)$/" }];
  const action: Action[] = [{ type: "regex_result", field: "location", value: "#0" }];
  const assigned = decideLocation(resultOf("location", tag, action, { tag: "Paris > Floor 2" }));
  assert.equal(assigned.kind === "assign" && assigned.location, "Paris > Floor 2");
  assert.equal(assigned.explanation, 'location "Paris > Floor 2" by rule "the rule"');
  const empty = decideLocation(resultOf("location", tag, action, {}));
  assert.equal(empty.kind, "assign");
  assert.ok(!("location" in empty));
  assert.equal(empty.explanation, 'rule "the rule" matched but gives an empty location');
  const none = decideLocation(literal("location", {}));
  assert.equal(none.kind, "assign");
  const unmatched = decideLocation({ ...literal("location", {}), matched: null });
  assert.equal(unmatched.kind === "unmatched" && unmatched.reason, "no location rule matched");
});

Deno.test("decideSoftware(): ignore, rename with the fields changed, or unmatched", () => {
  const named: Criterion[] = [{ field: "name", operator: "regex", pattern: "/^(.*) (\\d+)$/" }];
  const renamed = decideSoftware(resultOf("software", named, [
    { type: "regex_result", field: "name", value: "#0" },
    { type: "append_regex_result", field: "version", value: " (#1)" },
    { type: "assign", field: "publisher", value: "ACME" },
  ], { name: "Tool 2024", version: "1.0" }));
  assert.deepEqual({ ...renamed, result: null }, {
    kind: "rename",
    changes: { name: "Tool", version: "1.0 (2024)", publisher: "ACME" },
    rule,
    result: null,
    explanation: 'name "Tool", version "1.0 (2024)", publisher "ACME" set by rule "the rule"',
  });
  const ignored = decideSoftware(literal("software", { _ignore: "yes", name: "x" }));
  assert.equal(ignored.kind, "ignore");
  assert.equal(ignored.explanation, 'ignored by rule "the rule"');
  const unchanged = decideSoftware(literal("software", { name: "" }));
  assert.deepEqual(unchanged.kind === "rename" && unchanged.changes, {});
  assert.equal(unchanged.explanation, 'rule "the rule" matched but changes nothing');
  const unmatched = decideSoftware({ ...literal("software", {}), matched: null });
  assert.equal(unmatched.kind === "unmatched" && unmatched.reason, "no software rule matched");
});
