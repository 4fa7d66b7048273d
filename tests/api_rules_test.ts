/**
 * `/api/v1/rules` and the devices inbox over the real app: create, validate (400 naming the
 * path), update, reorder, delete, export/import, the test with typed values and with a stored
 * device; a device refused by the rules, its trace, retry after a rule change, approval in manual
 * mode, and linking a device to a chosen computer.
 */

import assert from "node:assert/strict";
import { saveSetting } from "../server/registry/settings.ts";
import { createTestUser } from "./_helpers/auth.ts";
import { apiMachine, withApi } from "./_helpers/api.ts";

const TAG_TO_LOCATION = {
  collection: "location",
  name: "TAG to location",
  criteria: [{ field: "tag", operator: "regex", pattern: "/^(.+)$/" }],
  actions: [{ type: "regex_result", field: "location", value: "Sites > #0" }],
};

Deno.test("rules: create, validate, update, reorder, delete, export and import", async () => {
  await withApi(async ({ ctx, call }) => {
    const admin = await createTestUser(ctx, "admin", "admin");
    const reader = await createTestUser(ctx, "reader", "readonly");

    const seeded = await call(reader.token, "GET", "/rules?collection=import");
    assert.equal(seeded.status, 200);
    assert.ok(seeded.body.total >= 5, "the shipped import rules are there from the first look");

    const created = await call(admin.token, "POST", "/rules", TAG_TO_LOCATION);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.ok(created.body.id > 0 && created.body.uuid);
    assert.equal(created.body.ranking, 1, "first in an empty collection");

    const invalid = await call(admin.token, "POST", "/rules", {
      ...TAG_TO_LOCATION,
      criteria: [{ field: "tag", operator: "resembles", pattern: "x" }],
    });
    assert.equal(invalid.status, 400);
    assert.equal(invalid.body.data.field, "rule.criteria[0].operator");
    assert.match(invalid.body.message, /rule\.criteria\[0\]\.operator: unknown operator/);
    const badRegex = await call(admin.token, "POST", "/rules", {
      ...TAG_TO_LOCATION,
      criteria: [{ field: "tag", operator: "regex", pattern: "/(/" }],
    });
    assert.equal(badRegex.status, 400);
    assert.equal(badRegex.body.data.problems[0].path, "rule.criteria[0].pattern");
    const again = await call(admin.token, "POST", "/rules", {
      ...TAG_TO_LOCATION,
      uuid: created.body.uuid,
    });
    assert.equal(again.status, 409);

    const second = await call(admin.token, "POST", "/rules", {
      ...TAG_TO_LOCATION,
      name: "Everything to HQ",
      criteria: [{ field: "tag", operator: "exists", pattern: "" }],
      actions: [{ type: "assign", field: "location", value: "HQ" }],
    });
    assert.equal(second.body.ranking, 2);

    const disabled = await call(admin.token, "PATCH", `/rules/${second.body.id}`, {
      active: false,
    });
    assert.equal(disabled.status, 200);
    assert.equal(disabled.body.active, false);
    assert.equal(disabled.body.name, "Everything to HQ");
    const uuidChange = await call(admin.token, "PATCH", `/rules/${second.body.id}`, {
      uuid: "other",
    });
    assert.equal(uuidChange.status, 400);
    assert.equal(uuidChange.body.data.field, "rule.uuid");

    const reordered = await call(admin.token, "POST", "/rules/reorder", {
      collection: "location",
      ids: [second.body.id, created.body.id],
    });
    assert.equal(reordered.status, 200);
    assert.deepEqual(reordered.body.items.map((r: { name: string }) => r.name), [
      "Everything to HQ",
      "TAG to location",
    ]);
    const partial = await call(admin.token, "POST", "/rules/reorder", {
      collection: "location",
      ids: [created.body.id],
    });
    assert.equal(partial.status, 400);
    assert.equal(partial.body.data.field, "ids");

    const exported = await call(reader.token, "GET", "/rules/export?collection=location");
    assert.equal(exported.body.format, "inventory-rules");
    assert.equal(exported.body.rules.length, 2);
    assert.equal(exported.body.rules[0].id, undefined, "exports carry no database ids");

    assert.equal((await call(admin.token, "DELETE", `/rules/${created.body.id}`)).status, 204);
    assert.equal((await call(admin.token, "GET", `/rules/${created.body.id}`)).status, 404);
    const imported = await call(
      admin.token,
      "POST",
      "/rules/import",
      JSON.stringify(exported.body),
    );
    assert.equal(imported.status, 200, JSON.stringify(imported.body));
    assert.deepEqual(imported.body, { imported: 2, added: 1, replaced: 1 });
    const replaced = await call(
      admin.token,
      "POST",
      "/rules/import?mode=replace",
      JSON.stringify({ ...exported.body, rules: exported.body.rules.slice(0, 1) }),
    );
    assert.deepEqual(replaced.body, { imported: 1, added: 1, replaced: 0 });
    const left = await call(reader.token, "GET", "/rules?collection=location");
    assert.deepEqual(left.body.items.map((r: { name: string }) => r.name), ["Everything to HQ"]);
    const byUuid = await call(reader.token, "GET", `/rules/${second.body.uuid}`);
    assert.equal(byUuid.body.name, "Everything to HQ");
    const broken = await call(admin.token, "POST", "/rules/import", '{"format": 1');
    assert.equal(broken.status, 400);
    assert.match(broken.body.message, /not valid JSON/);

    // Reading is for profiles over every entity; writing needs the rules right.
    assert.equal((await call(reader.token, "POST", "/rules", TAG_TO_LOCATION)).status, 403);
  });
});

Deno.test("rules: test typed values and a stored device, with the decision and trace", async () => {
  await withApi(async ({ ctx, call, addMachines }) => {
    const admin = await createTestUser(ctx, "admin", "admin");
    await call(admin.token, "POST", "/rules", TAG_TO_LOCATION);

    const typed = await call(admin.token, "POST", "/rules/test", {
      collection: "location",
      input: { tag: "PARIS" },
    });
    assert.equal(typed.status, 200, JSON.stringify(typed.body));
    assert.equal(typed.body.decision.kind, "assign");
    assert.equal(typed.body.decision.location, "Sites > PARIS");
    assert.equal(typed.body.traces[0].trace[0].criteria[0].matched, true);
    assert.ok(typed.body.explanation.some((l: string) => l.includes("TAG to location")));

    const badField = await call(admin.token, "POST", "/rules/test", {
      collection: "location",
      input: { colour: "red" },
    });
    assert.equal(badField.status, 400);
    assert.equal(badField.body.data.field, "input.colour");

    // A machine already in the registry: the import rules link by serial and UUID.
    const machine = apiMachine("LYON");
    const id = (await addMachines([machine])).get(machine.deviceid)!;
    const linkTest = await call(admin.token, "POST", "/rules/test", {
      collection: "import",
      input: { serial: machine.serial!, uuid: machine.uuid! },
    });
    assert.equal(linkTest.body.decision.kind, "link");
    assert.equal(linkTest.body.decision.computerId, id);

    const stored = await call(admin.token, "POST", "/rules/test", { device: machine.deviceid });
    assert.equal(stored.status, 200, JSON.stringify(stored.body));
    assert.equal(stored.body.deviceid, machine.deviceid);
    assert.equal(stored.body.decision.kind, "link");
    assert.ok(stored.body.traces.length >= 3, "entity, import and location traces");
    const missing = await call(admin.token, "POST", "/rules/test", { device: "nope" });
    assert.equal(missing.status, 404);
  });
});

Deno.test("devices inbox: refused with trace, retry after a rule change, approve, link", async () => {
  await withApi(async ({ ctx, call, addMachines }) => {
    const admin = await createTestUser(ctx, "admin", "admin");
    const tech = await createTestUser(ctx, "tech", "technician");
    const refuseLab = await call(admin.token, "POST", "/rules", {
      collection: "import",
      name: "Refuse LAB",
      ranking: -1,
      criteria: [{ field: "tag", operator: "is", pattern: "LAB" }],
      actions: [{ type: "assign", field: "_refuse", value: "yes" }],
    });
    assert.equal(refuseLab.status, 201, JSON.stringify(refuseLab.body));
    const lab = apiMachine("LAB");
    await addMachines([lab]);

    const inbox = await call(tech.token, "GET", "/devices/not-imported");
    assert.equal(inbox.status, 200);
    assert.equal(inbox.body.total, 1);
    assert.equal(inbox.body.items[0].deviceid, lab.deviceid);
    assert.equal(inbox.body.items[0].status, "refused");
    const why = await call(tech.token, "GET", `/devices/${lab.deviceid}/import`);
    assert.equal(why.body.status, "refused");
    assert.ok(why.body.trace.length > 0);
    assert.equal(
      (await call(tech.token, "GET", "/devices/not-imported?status=bogus")).status,
      400,
    );

    // Forcing an import does not bypass a refusing rule: 409 with the reason.
    const forced = await call(tech.token, "POST", `/devices/${lab.deviceid}/import`);
    assert.equal(forced.status, 409);
    assert.equal(forced.body.data.outcome.status, "refused");

    await call(admin.token, "DELETE", `/rules/${refuseLab.body.id}`);
    const retried = await call(tech.token, "POST", "/devices/not-imported/retry");
    assert.equal(retried.status, 200, JSON.stringify(retried.body));
    assert.equal(retried.body.counts.imported, 1);
    assert.equal((await call(tech.token, "GET", "/devices/not-imported")).body.total, 0);
    const imported = await call(tech.token, "GET", `/devices/${lab.deviceid}/import`);
    assert.equal(imported.body.status, "imported");

    // Manual approval: a new device waits, then is approved into a chosen entity.
    await ctx.writes.run((db) => saveSetting(db, "approval", "manual"));
    const paris = await call(admin.token, "POST", "/entities", { name: "Paris" });
    const pending = apiMachine("");
    await addMachines([pending]);
    const waiting = await call(tech.token, "GET", "/devices/not-imported?status=pending");
    assert.equal(waiting.body.total, 1);
    const approved = await call(tech.token, "POST", `/devices/${pending.deviceid}/import`, {
      entity_id: paris.body.id,
    });
    assert.equal(approved.status, 200, JSON.stringify(approved.body));
    assert.equal(approved.body.outcome.kind, "imported");
    const computer = await call(
      tech.token,
      "GET",
      `/computers/${approved.body.outcome.computerId}`,
    );
    assert.equal(computer.body.computer.entity_id, paris.body.id);
    assert.ok(computer.body.locks.some((l: { field: string }) => l.field === "entity_id"));

    // Link a device to a chosen computer.
    const other = apiMachine("", { serial: "", uuid: "" });
    await addMachines([other]); // pending: approval is manual
    const linked = await call(tech.token, "POST", `/devices/${other.deviceid}/link`, {
      computer_id: approved.body.outcome.computerId,
    });
    assert.equal(linked.status, 200, JSON.stringify(linked.body));
    assert.equal(linked.body.outcome.kind, "linked");
    const both = await call(tech.token, "GET", `/computers/${approved.body.outcome.computerId}`);
    assert.equal(both.body.links.length, 2);
    const badLink = await call(tech.token, "POST", `/devices/${other.deviceid}/link`, {
      computer_id: 999999,
    });
    assert.equal(badLink.status, 400);
    assert.equal(badLink.body.data.field, "computer_id");
  });
});
