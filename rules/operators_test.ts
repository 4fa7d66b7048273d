import assert from "node:assert/strict";
import { compileCriterion, type InputValue, OPERATORS, testCriterion } from "./operators.ts";
import type { Operator, RuleEnv } from "./types.ts";

/** Tree nodes are paths "A > B > C"; a node is under itself and its ancestors. */
const env: RuleEnv = {
  findPresent: () => [],
  isUnder: (_field, value, ancestor) => value === ancestor || value.startsWith(`${ancestor} > `),
};

/** Explains one criterion, checking that the fast `matches` and `captures` agree with it. */
function check(operator: Operator, pattern: string, value: InputValue, field = "name") {
  const compiled = compileCriterion({ field, operator, pattern });
  const explained = compiled.explain(value, env);
  assert.equal(
    compiled.matches(value, env),
    explained.matched,
    `matches() disagrees with explain() for ${field} ${operator} ${pattern} on ${value}`,
  );
  assert.deepEqual(
    compiled.captures(value, env),
    explained.captures,
    `captures() disagrees with explain() for ${field} ${operator} ${pattern} on ${value}`,
  );
  return explained;
}

Deno.test("testCriterion() compiles and explains one criterion", () => {
  assert.deepEqual(testCriterion({ field: "tag", operator: "is", pattern: "x" }, "X", env), {
    matched: true,
    reason: 'tag "X" equals "x"',
    captures: null,
  });
});

function assertMatches(
  operator: Operator,
  pattern: string,
  cases: [InputValue, boolean][],
  field = "name",
) {
  for (const [value, expected] of cases) {
    const { matched, reason } = check(operator, pattern, value, field);
    assert.equal(matched, expected, `${field} ${operator} ${pattern} on ${value}: ${reason}`);
  }
}

Deno.test("is / is_not ignore case; an array is tested for membership", () => {
  assertMatches("is", "Office-PC", [
    ["office-pc", true],
    ["OFFICE-PC", true],
    ["office-pc2", false],
    [undefined, false],
    [["a", "OFFICE-pc"], true],
    [["a", "b"], false],
  ]);
  assertMatches("is_not", "Office-PC", [
    ["office-pc", false],
    ["other", true],
    [undefined, true],
    [["a", "office-pc"], false],
    [["a", "b"], true],
  ]);
  assertMatches("is", "", [[undefined, true], ["", true], ["x", false]]);
  assert.deepEqual(check("is", "Office-PC", "office-pc"), {
    matched: true,
    reason: 'name "office-pc" equals "Office-PC"',
    captures: null,
  });
  assert.equal(
    check("is", "x", ["a", "b"], "mac").reason,
    'none of mac ["a", "b"] equals "x"',
  );
  assert.equal(
    check("is", "b", ["a", "b"], "mac").reason,
    'mac "b" (one of the values) equals "b"',
  );
  assert.equal(check("is", "x", undefined).reason, 'name (empty) does not equal "x"');
});

Deno.test("contains / not_contains are false when the pattern or the value is empty", () => {
  assertMatches("contains", "soft", [
    ["Microsoft Office", true],
    ["Adobe", false],
    ["", false],
    [undefined, false],
    [["x", "SOFTWARE"], true],
  ]);
  assertMatches("not_contains", "soft", [
    ["Microsoft Office", false],
    ["Adobe", true],
    ["", false],
    [undefined, false],
    [["x", "y"], true],
    [["x", "SOFTWARE"], false],
  ]);
  assertMatches("contains", "", [["anything", false]]);
  assertMatches("not_contains", "", [["anything", false]]);
  assert.equal(check("contains", "", "x").reason, "the pattern is empty, so name contains nothing");
  assert.equal(check("not_contains", "soft", undefined).reason, "name is empty");
  assert.equal(
    check("not_contains", "soft", "Adobe").reason,
    'name "Adobe" does not contain "soft"',
  );
});

Deno.test("starts_with / ends_with ignore case and need a pattern and a value", () => {
  assertMatches("starts_with", "MICRO", [
    ["Microsoft", true],
    ["A Microsoft", false],
    [undefined, false],
    [["x", "micro"], true],
  ]);
  assertMatches("ends_with", "-pc", [["OFFICE-PC", true], ["PC-OFFICE", false], ["", false]]);
  assertMatches("starts_with", "", [["x", false]]);
  assert.equal(check("ends_with", "-pc", "PC-1").reason, 'name "PC-1" does not end with "-pc"');
});

Deno.test("regex keeps its captures (#0 is the first group) and ignores case and newlines", () => {
  const hit = check("regex", "/^(.*)-(PC|LAPTOP)$/", "office-pc");
  assert.deepEqual(hit.captures, ["office", "pc"]);
  assert.equal(
    hit.reason,
    'name "office-pc" matches "/^(.*)-(PC|LAPTOP)$/", captures "office", "pc"',
  );
  assert.deepEqual(check("regex", "/^a(x)?b$/", "ab").captures, [""], "unmatched group is empty");
  assert.deepEqual(check("regex", "/^a.b$/", "A\nB").matched, true);
  const inArray = check("regex", "/^10\\.(\\d+)\\./", ["192.168.0.1", "10.42.0.1"], "ip");
  assert.deepEqual(inArray.captures, ["42"]);
  assert.match(inArray.reason, /"10.42.0.1" \(one of the values\) matches/);
  assertMatches("regex", "/^$/", [[undefined, true], ["", true], ["x", false]]);
  const miss = check("regex", "/^x/", "abc");
  assert.deepEqual(miss, {
    matched: false,
    reason: 'name "abc" does not match "/^x/"',
    captures: null,
  });
});

Deno.test("not_regex passes when no value matches and never yields captures", () => {
  assertMatches("not_regex", "/^(test|demo)-/", [
    ["test-01", false],
    ["prod-01", true],
    [["prod", "DEMO-2"], false],
    [["prod", "qa"], true],
  ]);
  assert.equal(check("not_regex", "/(x)/", "x").captures, null);
});

Deno.test("a bad regex or CIDR fails its criterion with the reason, and is reported as a problem", () => {
  const bad = compileCriterion({ field: "name", operator: "regex", pattern: "^abc$" });
  assert.match(bad.problem ?? "", /has no closing/);
  const outcome = bad.explain("abc", env);
  assert.equal(bad.matches("abc", env), false);
  assert.equal(outcome.matched, false);
  assert.match(outcome.reason, /regex "\^abc\$" has no closing .*; the criterion cannot match/);
  for (const operator of ["not_regex", "in_cidr", "not_in_cidr"] as const) {
    const pattern = operator === "not_regex" ? "/(/" : "10.0.0.0/40";
    const compiled = compileCriterion({ field: "ip", operator, pattern });
    assert.ok(compiled.problem, operator);
    for (const value of ["10.0.0.1", undefined]) {
      assert.equal(compiled.matches(value, env), false, operator);
      assert.equal(compiled.explain(value, env).matched, false, operator);
    }
  }
  assert.equal(
    compileCriterion({ field: "name", operator: "regex", pattern: "/ok/" }).problem,
    null,
  );
});

Deno.test("exists / not_exists test for a non-empty value", () => {
  assertMatches("exists", "", [
    ["x", true],
    ["", false],
    [undefined, false],
    [[], false],
    [["", ""], false],
    [["", "a"], true],
  ]);
  assertMatches("not_exists", "", [["x", false], ["", true], [undefined, true], [[], true]]);
  assert.equal(check("exists", "", "SN1", "serial").reason, 'serial "SN1" is not empty');
  assert.equal(check("exists", "", undefined, "uuid").reason, "uuid is empty");
});

Deno.test("under / not_under ask the environment about the tree", () => {
  assertMatches("under", "Software > Office", [
    ["Software > Office", true],
    ["Software > Office > Word", true],
    ["Software > Games", false],
    [undefined, false],
    [["Software > Games", "Software > Office > Excel"], true],
  ], "category");
  assertMatches("not_under", "Software > Office", [
    ["Software > Office > Word", false],
    ["Software > Games", true],
    [undefined, true],
  ], "category");
  assert.equal(
    check("under", "A", "B", "category").reason,
    'category "B" is not under "A"',
  );
});

Deno.test("in_cidr / not_in_cidr: IPv4 and IPv6, any element of an array", () => {
  assertMatches("in_cidr", "192.168.0.0/16", [
    ["192.168.4.2", true],
    ["10.0.0.1", false],
    [["10.0.0.1", "192.168.1.1"], true],
    [["10.0.0.1", "garbage"], false],
    [undefined, false],
  ], "ip");
  assertMatches("not_in_cidr", "192.168.0.0/16", [
    ["192.168.4.2", false],
    ["10.0.0.1", true],
    [["10.0.0.1", "192.168.1.1"], false],
    [undefined, true],
  ], "ip");
  assertMatches("in_cidr", "2001:db8::/32", [
    ["2001:db8:1::7", true],
    ["2001:db9::7", false],
    [["192.168.1.1", "2001:DB8::1"], true],
  ], "ip");
  assertMatches("in_cidr", "10.0.0.0/8", [["10.20.0.0/16", true], ["0.0.0.0/0", false]], "subnet");
  assert.equal(
    check("in_cidr", "10.0.0.0/8", ["1.1.1.1", "10.9.9.9"], "ip").reason,
    'ip "10.9.9.9" (one of the values) is in "10.0.0.0/8"',
  );
});

Deno.test('the pattern "*" matches every operator except present, even on empty values', () => {
  for (const operator of OPERATORS) {
    if (operator === "present") continue;
    for (const value of [undefined, "", "x", ["a"]] as InputValue[]) {
      const outcome = check(operator, "*", value);
      assert.equal(outcome.matched, true, `${operator} * on ${value}`);
      assert.equal(outcome.reason, 'pattern "*" matches anything');
    }
  }
});

Deno.test("present is left to the engine: the compiled test only says so", () => {
  const outcome = check("present", "", "SN1", "serial");
  assert.equal(outcome.matched, true);
  assert.equal(outcome.reason, "checked against the registry once the other criteria pass");
});
