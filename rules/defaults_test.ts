import assert from "node:assert/strict";
import { decideEntity, decideImport } from "./decide.ts";
import {
  DEFAULT_ENTITY_RULES,
  DEFAULT_IMPORT_RULES,
  DEFAULT_RULES,
  defaultRules,
} from "./defaults.ts";
import { compileCollection, evaluate } from "./engine.ts";
import { TestRegistry } from "./testing_env.ts";
import type { RuleInput } from "./types.ts";

const importRules = compileCollection(DEFAULT_IMPORT_RULES);

const registry = new TestRegistry([
  {
    id: 5,
    serial: "SN-DELL-1",
    uuid: "4C4C4544-0001",
    name: "old-name",
    mac: ["00:11:22:33:44:55"],
  },
  { id: 7, serial: "VMware-42 1a 2b", uuid: "UUID-VM-1", name: "vm-1", mac: ["00:50:56:00:00:01"] },
  { id: 9, serial: "", uuid: "UUID-ONLY", name: "uuid-pc" },
  { id: 11, serial: "SN-NO-UUID", name: "legacy" },
  { id: 13, name: "named-pc", mac: ["aa:bb:cc:dd:ee:ff"] },
]);

function importDecision(input: RuleInput) {
  return decideImport(evaluate(importRules, input, registry));
}

Deno.test("defaults: a reinstalled machine (same serial and UUID, new name) is linked", () => {
  const decision = importDecision({
    deviceid: "new-name-2025-01-01-00-00-00",
    name: "new-name",
    serial: "SN-DELL-1",
    uuid: "4c4c4544-0001",
    mac: ["02:00:00:00:00:09"],
  });
  assert.equal(decision.kind, "link");
  assert.equal(decision.kind === "link" && decision.computerId, 5);
  assert.equal(decision.kind === "link" && decision.rule.name, "Link by serial and UUID");
  const [first] = decision.result.trace;
  assert.equal(
    first!.reason,
    'serial "SN-DELL-1" and uuid "4c4c4544-0001" present in the registry (computer 5)',
  );
  assert.deepEqual(first!.criteria.map((c) => [c.field, c.operator, c.matched]), [
    ["serial", "exists", true],
    ["uuid", "exists", true],
    ["serial", "present", true],
    ["uuid", "present", true],
  ]);
});

Deno.test("defaults: a VM sharing a serial but not the UUID is created, not merged (glpi#9741)", () => {
  const decision = importDecision({
    deviceid: "vm-2-2025",
    name: "vm-2",
    serial: "VMware-42 1a 2b",
    uuid: "UUID-VM-2",
    mac: ["00:50:56:00:00:02"],
  });
  assert.equal(decision.kind, "create");
  assert.equal(decision.kind === "create" && decision.rule.name, "Import everything else");
  assert.deepEqual(
    decision.result.trace.map((t) => [t.name, t.matched, t.reason]),
    [
      [
        "Link by serial and UUID",
        false,
        'no computer in the registry has serial "VMware-42 1a 2b" and uuid "UUID-VM-2"',
      ],
      ["Link by serial when no UUID", false, "1 of 2 criteria failed"],
      ["Link by UUID", false, 'no computer in the registry has uuid "UUID-VM-2"'],
      ["Link by MAC", false, 'no computer in the registry has mac in ["00:50:56:00:00:02"]'],
      ["Link by name", false, 'no computer in the registry has name "vm-2"'],
      ["Import everything else", true, "every criterion passed"],
    ],
  );
  assert.equal(decision.result.trace[1]!.criteria[0]!.reason, 'uuid "UUID-VM-2" is not empty');
  assert.equal(
    decision.result.trace[1]!.criteria[2]!.reason,
    "not looked up: the other criteria did not pass",
  );
});

Deno.test("defaults: serial alone links a machine that reports no UUID", () => {
  const decision = importDecision({ deviceid: "d", serial: "SN-NO-UUID", name: "renamed" });
  assert.equal(decision.kind === "link" && decision.computerId, 11);
  assert.equal(decision.kind === "link" && decision.rule.name, "Link by serial when no UUID");
  assert.equal(decision.result.trace[0]!.reason, "1 of 2 criteria failed");
});

Deno.test("defaults: without a serial, the UUID, then a MAC, then the name link", () => {
  const byUuid = importDecision({ deviceid: "d", uuid: "uuid-only", name: "x" });
  assert.equal(byUuid.kind === "link" && byUuid.rule.name, "Link by UUID");
  assert.equal(byUuid.kind === "link" && byUuid.computerId, 9);
  const byMac = importDecision({ deviceid: "d", mac: ["02:00:00:00:00:01", "AA:BB:CC:DD:EE:FF"] });
  assert.equal(byMac.kind === "link" && byMac.rule.name, "Link by MAC");
  assert.equal(byMac.kind === "link" && byMac.computerId, 13);
  const byName = importDecision({ deviceid: "d", name: "NAMED-PC", mac: [] });
  assert.equal(byName.kind === "link" && byName.rule.name, "Link by name");
  assert.equal(byName.kind === "link" && byName.computerId, 13);
  assert.equal(byName.result.trace[3]!.reason, "1 of 1 criteria failed", "no MAC: rule 4 fails");
});

Deno.test("defaults: an unknown machine is created, and an inventory without deviceid is unmatched", () => {
  const created = importDecision({
    deviceid: "brand-new",
    name: "brand-new",
    serial: "S",
    uuid: "U",
  });
  assert.equal(created.kind, "create");
  assert.equal(created.explanation, 'new computer created by rule "Import everything else"');
  assert.equal(importDecision({}).kind, "unmatched");
});

Deno.test("defaults: every computer goes to the root entity", () => {
  const decision = decideEntity(
    evaluate(compileCollection(DEFAULT_ENTITY_RULES), { deviceid: "pc-1" }, registry),
  );
  assert.equal(decision.kind === "assign" && decision.entity, "Root entity");
  assert.equal(decision.explanation, 'entity "Root entity" by rule "Root entity for all"');
});

Deno.test("defaults: stable unique uuids, ranked 1…n, location and software empty, copies given", () => {
  const all = defaultRules();
  assert.equal(all.length, 7);
  assert.equal(new Set(all.map((r) => r.uuid)).size, 7);
  assert.equal(DEFAULT_IMPORT_RULES[0]!.uuid, "79e51e91-b722-4408-b839-f974d2a4bd8a");
  assert.deepEqual(DEFAULT_IMPORT_RULES.map((r) => r.ranking), [1, 2, 3, 4, 5, 6]);
  assert.deepEqual(DEFAULT_RULES.location, []);
  assert.deepEqual(DEFAULT_RULES.software, []);
  all[0]!.name = "changed";
  assert.equal(DEFAULT_IMPORT_RULES[0]!.name, "Link by serial and UUID");
});
