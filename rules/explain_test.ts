import assert from "node:assert/strict";
import { DEFAULT_IMPORT_RULES } from "./defaults.ts";
import { compileCollection, evaluate } from "./engine.ts";
import { explainResult } from "./explain.ts";
import { TestRegistry } from "./testing_env.ts";
import type { Rule } from "./types.ts";

Deno.test("explainResult() shows the outcome, then each rule, criterion and action", () => {
  const registry = new TestRegistry([{ id: 8, uuid: "U-1" }, { id: 3, uuid: "U-1" }]);
  const rules = DEFAULT_IMPORT_RULES.map((r, i) => i === 1 ? { ...r, active: false, id: 2 } : r);
  const result = evaluate(compileCollection(rules), { deviceid: "d", uuid: "U-1" }, registry);
  assert.deepEqual(explainResult(result), [
    'import rules: rule "Link by UUID" matched',
    "  found in the registry: computer 3, 8",
    '  output: _link = "link_or_create"',
    "  [1] Link by serial and UUID: no match: 1 of 2 criteria failed",
    "    ✗ serial exists: serial is empty",
    '    ✓ uuid exists: uuid "U-1" is not empty',
    "    ✗ serial is already present in the registry: not looked up: the other criteria did not pass",
    "    ✗ uuid is already present in the registry: not looked up: the other criteria did not pass",
    "  [2] Link by serial when no UUID (id 2): skipped, inactive",
    '  [3] Link by UUID: MATCHED: uuid "U-1" present in the registry (computers 3, 8)',
    '    ✓ uuid exists: uuid "U-1" is not empty',
    '    ✓ uuid is already present in the registry: uuid "U-1" present in the registry (computers 3, 8)',
    '    → _link: assign "link_or_create"',
    "  [4] Link by MAC: not reached (an earlier rule matched)",
    "  [5] Link by name: not reached (an earlier rule matched)",
    "  [6] Import everything else: not reached (an earlier rule matched)",
  ]);
  result.failure = "no entity has the inventory TAG X";
  assert.equal(
    explainResult(result)[0],
    'import rules: rule "Link by UUID" matched, but its action FAILED: no entity has the inventory TAG X',
  );
  assert.equal(result.materialize().notReached?.length, 3);
});

Deno.test("explainResult() shows patterns, regex captures substituted, and no match at all", () => {
  const rule: Rule = {
    uuid: "r",
    collection: "software",
    name: "Strip arch",
    description: "",
    ranking: 1,
    active: true,
    match: "AND",
    criteria: [{ field: "name", operator: "regex", pattern: "/^(.*) \\(x64\\)$/" }],
    actions: [{ type: "regex_result", field: "name", value: "#0" }],
  };
  const compiled = compileCollection([rule]);
  const env = new TestRegistry();
  assert.deepEqual(explainResult(evaluate(compiled, { name: "7-Zip (x64)" }, env)), [
    'software rules: rule "Strip arch" matched',
    '  output: name = "7-Zip"',
    "  [1] Strip arch: MATCHED: every criterion passed",
    '    ✓ name matches regex "/^(.*) \\(x64\\)$/": name "7-Zip (x64)" matches "/^(.*) \\(x64\\)$/", captures "7-Zip"',
    '    → name: assign the regex result "7-Zip"',
  ]);
  assert.deepEqual(explainResult(evaluate(compiled, { name: "7-Zip" }, env)), [
    "software rules: no rule matched",
    "  [1] Strip arch: no match: 1 of 1 criteria failed",
    '    ✗ name matches regex "/^(.*) \\(x64\\)$/": name "7-Zip" does not match "/^(.*) \\(x64\\)$/"',
  ]);
  assert.deepEqual(explainResult(evaluate(compileCollection([], "location"), {}, env)), [
    "location rules: no rule matched",
    "  (no rules in this collection)",
  ]);
});
