/**
 * Rules an admin adds fire without reordering: a new rule goes before its collection's
 * catch-all ("Root entity for all", "Import everything else"), through the API as through the
 * console. Traces name the rules never reached, and a rule that matched but whose action failed
 * (no entity has the TAG) is a failure with its reason, not a green "matched".
 */

import assert from "node:assert/strict";
import { newRuleRanking } from "../rules/mod.ts";
import { DEFAULT_ENTITY_RULES, DEFAULT_IMPORT_RULES } from "../rules/defaults.ts";
import type { CollectionResult, Rule } from "../rules/types.ts";
import { listRules } from "../server/registry/rule_store.ts";
import { notImportedTrace } from "../server/registry/queries.ts";
import { createEntity } from "../server/registry/tree.ts";
import { apiMachine, withApi } from "./_helpers/api.ts";
import { createTestUser } from "./_helpers/auth.ts";
import { RuleTraces } from "../ui/trace.tsx";
import { renderToString } from "preact-render-to-string";

const entityByTag = {
  collection: "entity",
  name: "Entity from TAG",
  criteria: [{ field: "tag", operator: "regex", pattern: "/^(.+)$/" }],
  actions: [{ type: "regex_result", field: "_entity_by_tag", value: "#0" }],
};

Deno.test("newRuleRanking(): before the first active catch-all, else last", () => {
  const withIds = (rules: readonly Rule[]) => rules.map((r, i) => ({ ...r, id: i + 1 }));
  assert.deepEqual(newRuleRanking(withIds(DEFAULT_ENTITY_RULES)), {
    ranking: 1,
    shift: [{ id: 1, ranking: 2 }],
  });
  assert.deepEqual(newRuleRanking(withIds(DEFAULT_IMPORT_RULES)), {
    ranking: 6,
    shift: [{ id: 6, ranking: 7 }],
  });
  const inactive = withIds(DEFAULT_ENTITY_RULES).map((r) => ({ ...r, active: false }));
  assert.deepEqual(
    newRuleRanking(inactive),
    { ranking: 2, shift: [] },
    "an inactive one hides nothing",
  );
  assert.deepEqual(newRuleRanking([]), { ranking: 1, shift: [] });
});

Deno.test("a rule created through the API fires at once: it goes before the catch-all", async () => {
  await withApi(async ({ ctx, call, addMachines }) => {
    const admin = await createTestUser(ctx, "admin", "admin");
    const paris = await createEntity(ctx.db, "Paris", 1, "PARIS");
    const created = await call(admin.token, "POST", "/rules", entityByTag);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const order = (await listRules(ctx.db, "entity")).map((r) => `${r.ranking} ${r.name}`);
    assert.deepEqual(order, ["1 Entity from TAG", "2 Root entity for all"]);

    const ids = await addMachines([apiMachine("PARIS")]);
    const [computerId] = [...ids.values()];
    const computer = await ctx.db.selectFrom("computers").select("entity_id")
      .where("id", "=", computerId!).executeTakeFirstOrThrow();
    assert.equal(computer.entity_id, paris.id, "the new rule fired without reordering");
  });
});

Deno.test("traces list the rules not reached; a matched rule whose action failed is a failure", async () => {
  await withApi(async ({ ctx, call, addMachines }) => {
    const admin = await createTestUser(ctx, "admin", "admin");
    assert.equal((await call(admin.token, "POST", "/rules", entityByTag)).status, 201);
    // No entity has the TAG NOWHERE: the rule matches, its action cannot be carried out.
    const machine = apiMachine("NOWHERE");
    const ids = await addMachines([machine]);
    assert.equal(ids.size, 0, "not imported");
    const device = await ctx.db.selectFrom("devices").select("id")
      .where("deviceid", "=", machine.deviceid).executeTakeFirstOrThrow();
    const stored = (await notImportedTrace(ctx.db, device.id))!;
    assert.equal(stored.status, "failed");
    const traces = stored.trace as CollectionResult[];
    const entity = traces.find((t) => t.collection === "entity")!;
    assert.equal(entity.matched?.name, "Entity from TAG");
    assert.equal(entity.failure, 'no entity has the inventory TAG "NOWHERE"');
    assert.deepEqual(entity.notReached?.map((r) => r.name), ["Root entity for all"]);

    const html = renderToString(<RuleTraces traces={traces} />);
    assert.match(html, /matched, but its action failed: no entity has the inventory TAG/);
    assert.doesNotMatch(html, /class="verdict matched"/, "nothing shown as a success");
    assert.match(html, /Root entity for all.*not reached/s);

    // The API's rule tester says it too.
    const tested = await call(admin.token, "POST", "/rules/test", {
      collection: "entity",
      input: { deviceid: "x", tag: "NOWHERE" },
    });
    assert.equal(tested.status, 200, JSON.stringify(tested.body));
    assert.deepEqual(tested.body.traces[0].notReached.map((r: Rule) => r.name), [
      "Root entity for all",
    ]);
    assert.ok(
      tested.body.explanation.includes(
        "  [2] Root entity for all: not reached (an earlier rule matched)",
      ),
    );
  });
});
