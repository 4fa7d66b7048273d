import assert from "node:assert/strict";
import { compileCollection, evaluate, substituteCaptures } from "./engine.ts";
import { RuleCollectionError } from "./errors.ts";
import { TestRegistry } from "./testing_env.ts";
import type { Action, Criterion, Rule, RuleInput } from "./types.ts";

let counter = 0;
function rule(
  name: string,
  criteria: Criterion[],
  actions: Action[],
  extra: Partial<Rule> = {},
): Rule {
  counter++;
  return {
    uuid: `00000000-0000-4000-8000-${String(counter).padStart(12, "0")}`,
    collection: "software",
    name,
    description: "",
    ranking: counter,
    active: true,
    match: "AND",
    criteria,
    actions,
    ...extra,
  };
}

const set = (field: string, value: string): Action => ({ type: "assign", field, value });
const nameIs = (pattern: string): Criterion => ({ field: "name", operator: "is", pattern });

function run(rules: Rule[], input: RuleInput, env = new TestRegistry()) {
  return evaluate(compileCollection(rules), input, env);
}

Deno.test("rules run in ranking order and evaluation stops at the first match", () => {
  const rules = [
    rule("third", [nameIs("firefox")], [set("category", "C")], { ranking: 30 }),
    rule("first", [nameIs("chrome")], [set("category", "A")], { ranking: 10 }),
    rule("second", [{ field: "name", operator: "contains", pattern: "fire" }], [
      set("category", "B"),
    ], { ranking: 20 }),
  ];
  const result = run(rules, { name: "Firefox" });
  assert.deepEqual(result.trace.map((t) => [t.name, t.matched]), [
    ["first", false],
    ["second", true],
  ]);
  assert.equal(result.matched?.name, "second");
  assert.deepEqual(result.output, { category: "B" });
  assert.equal(result.trace[0]!.reason, "1 of 1 criteria failed");
  assert.equal(result.trace[1]!.reason, "every criterion passed");
});

Deno.test("equal rankings keep the order they were given in", () => {
  const a = rule("a", [nameIs("x")], [set("category", "a")], { ranking: 1 });
  const b = rule("b", [nameIs("x")], [set("category", "b")], { ranking: 1 });
  assert.equal(run([a, b], { name: "x" }).matched?.name, "a");
  assert.equal(run([b, a], { name: "x" }).matched?.name, "b");
});

Deno.test("inactive rules appear in the trace as skipped and never match", () => {
  const result = run([
    rule("off", [nameIs("x")], [set("category", "off")], { active: false, id: 7 }),
    rule("on", [nameIs("x")], [set("category", "on")]),
  ], { name: "x" });
  assert.deepEqual(result.trace[0], {
    ruleId: 7,
    uuid: result.trace[0]!.uuid,
    name: "off",
    ranking: result.trace[0]!.ranking,
    active: false,
    matched: false,
    criteria: [],
    actions: [],
    reason: "inactive: skipped",
  });
  assert.equal(result.matched?.name, "on");
  assert.equal(result.matched?.ruleId, null);
});

Deno.test("AND needs every criterion, OR any one; every criterion is traced either way", () => {
  const criteria: Criterion[] = [
    nameIs("word"),
    { field: "publisher", operator: "contains", pattern: "microsoft" },
  ];
  const input = { name: "Word", publisher: "Adobe" };
  const and = run([rule("and", criteria, [set("category", "x")])], input);
  assert.equal(and.matched, null);
  assert.deepEqual(and.trace[0]!.criteria.map((c) => [c.field, c.matched, c.value]), [
    ["name", true, "Word"],
    ["publisher", false, "Adobe"],
  ]);
  assert.equal(and.trace[0]!.criteria[1]!.reason, 'publisher "Adobe" does not contain "microsoft"');
  const or = run([rule("or", criteria, [set("category", "x")], { match: "OR" })], input);
  assert.equal(or.matched?.name, "or");
  assert.equal(or.trace[0]!.reason, "1 of 2 criteria passed (OR)");
  const none = run([rule("or", criteria, [set("category", "x")], { match: "OR" })], {
    name: "Excel",
  });
  assert.equal(none.trace[0]!.reason, "none of 2 criteria passed (OR)");
});

Deno.test("assign and regex_result actions: #0…#9 are the captures of the last matching regex", () => {
  const rules = [rule("rename", [
    { field: "publisher", operator: "regex", pattern: "/^(\\w+) corp/" },
    { field: "name", operator: "regex", pattern: "/^(.+?) (\\d+)(?: \\((x64|x86)\\))?$/" },
  ], [
    { type: "regex_result", field: "name", value: "#0" },
    { type: "regex_result", field: "version", value: "#1.#2.#9" },
    set("publisher", "Contoso"),
  ])];
  const result = run(rules, { name: "Tool 2024 (x64)", publisher: "Contoso Corp" });
  assert.deepEqual(result.output, { name: "Tool", version: "2024.x64.", publisher: "Contoso" });
  assert.deepEqual(result.trace[0]!.actions, [
    { type: "regex_result", field: "name", value: "Tool" },
    { type: "regex_result", field: "version", value: "2024.x64." },
    { type: "assign", field: "publisher", value: "Contoso" },
  ]);
  assert.match(result.trace[0]!.criteria[1]!.reason, /captures "Tool", "2024", "x64"$/);
});

Deno.test("append and append_regex_result concatenate onto the output, else the input's field", () => {
  const rules = [rule("append", [
    { field: "name", operator: "regex", pattern: "/\\((x64|x86)\\)$/" },
  ], [
    { type: "append_regex_result", field: "version", value: " (#0)" },
    { type: "append", field: "comment", value: "first" },
    { type: "append", field: "comment", value: " then second" },
  ])];
  const result = run(rules, { name: "Tool (x64)", version: "1.2" });
  assert.deepEqual(result.output, { version: "1.2 (x64)", comment: "first then second" });
  assert.deepEqual(result.trace[0]!.actions[0], {
    type: "append_regex_result",
    field: "version",
    value: " (x64)",
  });
});

Deno.test("substituteCaptures() leaves text without # alone and empties missing captures", () => {
  assert.equal(substituteCaptures("plain", ["a"]), "plain");
  assert.equal(substituteCaptures("#0-#1-#0", ["a", "b"]), "a-b-a");
  assert.equal(substituteCaptures("x#5", ["a"]), "x");
  assert.equal(substituteCaptures("#0", null), "");
  assert.equal(substituteCaptures("#10", ["a", "b"]), "b0", "one digit: #1 then 0");
});

function importRule(name: string, criteria: Criterion[], extra: Partial<Rule> = {}): Rule {
  return rule(name, criteria, [set("_link", "link_or_create")], {
    collection: "import",
    ...extra,
  });
}

Deno.test("present criteria make ONE lookup, after the other criteria passed", () => {
  const registry = new TestRegistry([
    { id: 12, serial: "SN1", uuid: "U1" },
    { id: 5, serial: "SN1", uuid: "U1" },
    { id: 9, serial: "SN1", uuid: "U2" },
  ]);
  const rules = [importRule("serial+uuid", [
    { field: "serial", operator: "present", pattern: "" },
    { field: "serial", operator: "exists", pattern: "" },
    { field: "uuid", operator: "present", pattern: "" },
  ])];
  const result = run(rules, { serial: "SN1", uuid: "U1" }, registry);
  assert.deepEqual(registry.lookups, [{ serial: "SN1", uuid: "U1" }]);
  assert.deepEqual(result.found, [5, 12]);
  assert.equal(result.matched?.name, "serial+uuid");
  const expected = 'serial "SN1" and uuid "U1" present in the registry (computers 5, 12)';
  assert.equal(result.trace[0]!.reason, expected);
  assert.deepEqual(result.trace[0]!.criteria.map((c) => [c.operator, c.matched, c.reason]), [
    ["present", true, expected],
    ["exists", true, 'serial "SN1" is not empty'],
    ["present", true, expected],
  ]);
});

Deno.test("present: nothing found fails the rule naming the values; arrays are looked up whole", () => {
  const registry = new TestRegistry([{ id: 3, mac: ["aa:aa"] }]);
  const rules = [
    importRule("by mac", [{ field: "mac", operator: "present", pattern: "" }]),
    importRule("by serial", [{ field: "serial", operator: "present", pattern: "" }]),
  ];
  const miss = run(rules, { mac: ["bb:bb", "", "cc:cc"], serial: "S" }, registry);
  assert.deepEqual(registry.lookups, [{ mac: ["bb:bb", "cc:cc"] }, { serial: "S" }]);
  assert.equal(miss.matched, null);
  assert.deepEqual(miss.found, []);
  assert.equal(
    miss.trace[0]!.criteria[0]!.reason,
    'no computer in the registry has mac in ["bb:bb", "cc:cc"]',
  );
  assert.equal(miss.trace[1]!.reason, 'no computer in the registry has serial "S"');
  const hit = run(rules, { mac: ["bb:bb", "AA:AA"] }, registry);
  assert.deepEqual(hit.found, [3]);
  assert.equal(
    hit.trace[0]!.criteria[0]!.reason,
    'mac in ["bb:bb", "AA:AA"] present in the registry (computer 3)',
  );
});

Deno.test("present: a missing input value fails the rule without any lookup", () => {
  const registry = new TestRegistry([{ id: 1, serial: "S", uuid: "U" }]);
  const rules = [importRule("serial+uuid", [
    { field: "serial", operator: "present", pattern: "" },
    { field: "uuid", operator: "present", pattern: "" },
  ])];
  const result = run(rules, { serial: "S", uuid: "" }, registry);
  assert.deepEqual(registry.lookups, []);
  assert.equal(result.matched, null);
  assert.equal(result.trace[0]!.reason, "no uuid in the inventory");
  assert.deepEqual(result.trace[0]!.criteria.map((c) => [c.field, c.matched, c.reason]), [
    ["serial", false, "not looked up: no uuid in the inventory"],
    ["uuid", false, "no uuid in the inventory"],
  ]);
});

Deno.test("present: no lookup when the rule's other criteria failed", () => {
  const registry = new TestRegistry([{ id: 1, serial: "S" }]);
  const rules = [importRule("serial when no uuid", [
    { field: "uuid", operator: "not_exists", pattern: "" },
    { field: "serial", operator: "present", pattern: "" },
  ])];
  const result = run(rules, { serial: "S", uuid: "U" }, registry);
  assert.deepEqual(registry.lookups, []);
  assert.equal(
    result.trace[0]!.criteria[1]!.reason,
    "not looked up: the other criteria did not pass",
  );
  const passes = run(rules, { serial: "S" }, registry);
  assert.deepEqual(passes.found, [1]);
  assert.equal(registry.lookups.length, 1);
});

Deno.test("present under OR: the lookup is an extra condition after any other criterion passed", () => {
  const registry = new TestRegistry([{ id: 4, name: "pc" }]);
  const rules = [importRule("or", [
    { field: "tag", operator: "is", pattern: "lab" },
    { field: "tag", operator: "is", pattern: "office" },
    { field: "name", operator: "present", pattern: "" },
  ], { match: "OR" })];
  assert.deepEqual(run(rules, { tag: "office", name: "PC" }, registry).found, [4]);
  assert.equal(run(rules, { tag: "office", name: "other" }, registry).matched, null);
  assert.equal(run(rules, { tag: "home", name: "PC" }, registry).matched, null);
});

Deno.test("a rule without criteria never matches; a bad pattern fails only its criterion", () => {
  const rules = [
    rule("empty", [], [set("category", "x")]),
    rule("bad", [{ field: "name", operator: "regex", pattern: "/(/" }], [set("category", "y")], {
      match: "OR",
    }),
  ];
  const compiled = compileCollection(rules);
  assert.equal(compiled.problems.length, 1);
  assert.match(compiled.problems[0]!, /^rule "bad": regex "\/\(\/" is invalid/);
  const result = evaluate(compiled, { name: "x" }, new TestRegistry());
  assert.equal(result.matched, null);
  assert.equal(result.trace[0]!.reason, "the rule has no criteria");
  assert.match(result.trace[1]!.criteria[0]!.reason, /is invalid: .*the criterion cannot match$/);
});

Deno.test("an empty collection returns no match, no output and an empty trace", () => {
  const result = evaluate(compileCollection([], "software"), { name: "x" }, new TestRegistry());
  assert.deepEqual(result.materialize(), {
    collection: "software",
    matched: null,
    output: {},
    found: [],
    trace: [],
  });
});

Deno.test("compileCollection() refuses mixed collections and an unnamed empty list", () => {
  assert.throws(
    () => compileCollection([rule("a", [], []), importRule("b", [])]),
    (e: unknown) =>
      e instanceof RuleCollectionError &&
      e.message === 'rule "b" belongs to the import collection, not software',
  );
  assert.throws(() => compileCollection([rule("a", [], [])], "entity"), RuleCollectionError);
  assert.throws(() => compileCollection([]), /an empty rule list needs its collection name/);
  assert.equal(compileCollection([rule("a", [], [])]).collection, "software");
});

Deno.test("outputs of separate evaluations are independent objects", () => {
  const compiled = compileCollection([rule("r", [nameIs("x")], [set("category", "c")])]);
  const first = evaluate(compiled, { name: "x" }, new TestRegistry());
  first.output.category = "changed";
  assert.equal(evaluate(compiled, { name: "x" }, new TestRegistry()).output.category, "c");
});

Deno.test("the trace is built when first read, without repeating registry lookups", () => {
  const registry = new TestRegistry([{ id: 2, serial: "S" }]);
  const result = run(
    [
      importRule("skip", [{ field: "tag", operator: "is", pattern: "x" }]),
      importRule("by serial", [{ field: "serial", operator: "present", pattern: "" }]),
    ],
    { serial: "S" },
    registry,
  );
  assert.equal(registry.lookups.length, 1);
  const json = JSON.parse(JSON.stringify(result));
  assert.deepEqual(json.trace.map((t: { name: string; matched: boolean }) => [t.name, t.matched]), [
    ["skip", false],
    ["by serial", true],
  ]);
  assert.deepEqual(result.materialize().trace, result.trace);
  assert.deepEqual(structuredClone(result.materialize()), result.materialize());
  assert.equal(result.trace, result.trace, "built once, then kept");
  assert.equal(registry.lookups.length, 1);
  result.trace = [];
  assert.deepEqual(result.trace, []);
});

Deno.test("the trace agrees with the fast path on many generated rules and inputs", () => {
  let seed = 7;
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const values = ["", "pc-01", "PC-02", "lab-pc", "10.1.2.3", "192.168.1.9"];
  const patterns: [Criterion["operator"], string][] = [
    ["is", "pc-01"],
    ["is_not", "PC-01"],
    ["contains", "pc"],
    ["not_contains", "lab"],
    ["starts_with", "lab"],
    ["ends_with", "02"],
    ["regex", "/^(pc)-(\\d+)$/"],
    ["not_regex", "/^lab/"],
    ["exists", ""],
    ["not_exists", ""],
    ["in_cidr", "10.0.0.0/8"],
    ["not_in_cidr", "192.168.0.0/16"],
    ["is", "*"],
  ];
  const fields = ["name", "tag", "ip"];
  for (let round = 0; round < 300; round++) {
    const rules = Array.from({ length: 1 + random(4) }, (_, i) =>
      rule(
        `r${i}`,
        Array.from({ length: random(3) + 1 }, () => {
          const [operator, pattern] = patterns[random(patterns.length)]!;
          return { field: fields[random(fields.length)]!, operator, pattern };
        }),
        [{ type: "assign", field: "category", value: `r${i}` }],
        { match: random(2) ? "AND" : "OR", active: random(5) !== 0 },
      ));
    const input: RuleInput = {
      name: values[random(values.length)],
      tag: values[random(values.length)],
      ip: random(2) ? values[random(values.length)] : [values[random(6)]!, values[random(6)]!],
    };
    const result = run(rules, input);
    const traced = result.trace;
    const matchedIndex = traced.findIndex((t) => t.matched);
    assert.equal(
      matchedIndex === -1 ? null : traced[matchedIndex]!.name,
      result.matched?.name ?? null,
    );
    if (result.matched) assert.equal(matchedIndex, traced.length - 1, "stops at the match");
    for (const t of traced) {
      if (!t.active) continue;
      const passed = t.criteria.filter((c) => c.matched).length;
      const expected = rules.find((r) => r.name === t.name)!.match === "AND"
        ? passed === t.criteria.length
        : passed > 0;
      assert.equal(t.matched, expected, `${t.name} on ${JSON.stringify(input)}`);
    }
  }
});
