/**
 * `deno bench rules/engine_bench.ts`: the cost of one software-dictionary evaluation, the
 * collection the ingest runs once per software entry (~8 million times for 10k devices).
 */

import { compileCollection, evaluate } from "./engine.ts";
import type { Rule, RuleEnv } from "./types.ts";

const env: RuleEnv = { findPresent: () => [], isUnder: () => false };
const inputs = [
  { name: "Mozilla Firefox (x64 en-US)", publisher: "Mozilla", version: "128.0" },
  {
    name: "Microsoft Visual C++ 2019 X64 Minimum Runtime",
    publisher: "Microsoft",
    version: "14.29",
  },
  { name: "7-Zip 23.01 (x64)", publisher: "Igor Pavlov", version: "23.01" },
  { name: "libreoffice-core", publisher: "", version: "1:7.3.7" },
];

function softwareRule(i: number, criteria: Rule["criteria"], actions: Rule["actions"]): Rule {
  const uuid = `bench-${i}`;
  return {
    uuid,
    collection: "software",
    name: uuid,
    description: "",
    ranking: i,
    active: true,
    match: "AND",
    criteria,
    actions,
  };
}

const empty = compileCollection([], "software");
const twentyRegex = compileCollection(Array.from({ length: 20 }, (_, i) =>
  softwareRule(
    i,
    [{ field: "name", operator: "regex", pattern: `/^Vendor${i} (.*) (\\d+)$/` }],
    [{ type: "regex_result", field: "name", value: "#0" }],
  )));
const fivePlain = compileCollection(Array.from({ length: 5 }, (_, i) =>
  softwareRule(i, [
    { field: "name", operator: "is", pattern: `Product ${i}` },
    { field: "publisher", operator: "contains", pattern: `vendor${i}` },
  ], [{ type: "assign", field: "category", value: "x" }])));
const matching = compileCollection([softwareRule(0, [
  { field: "name", operator: "regex", pattern: "/^(.*?)\\s*\\(x64.*\\)$/" },
], [{ type: "regex_result", field: "name", value: "#0" }])]);

let k = 0;
Deno.bench("software: empty collection", () => {
  evaluate(empty, inputs[k++ & 3]!, env);
});
Deno.bench("software: 20 regex rules, none matching", () => {
  evaluate(twentyRegex, inputs[k++ & 3]!, env);
});
Deno.bench("software: 5 regex-free rules of 2 criteria, none matching", () => {
  evaluate(fivePlain, inputs[k++ & 3]!, env);
});
Deno.bench("software: 1 regex rule, matching half the time (captures applied)", () => {
  evaluate(matching, inputs[k++ & 3]!, env);
});
Deno.bench("software: 20 regex rules, trace read", () => {
  evaluate(twentyRegex, inputs[k++ & 3]!, env).trace;
});
