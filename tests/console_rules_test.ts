/**
 * The rules pages over the real app (`createApp(ctx).fetch`) with real sessions: every
 * collection listed, a rule created through the row-by-row form (with "add a criterion"),
 * validation problems shown on their row with 400, edit, reorder, enable/disable, delete,
 * export as a download and import (with errors named by their path), the tester against typed
 * values and a stored device with its full trace, and refusals (no "rules" right, no CSRF).
 *
 * @module
 */

import assert from "node:assert/strict";
import type { ServerContext } from "../server/context.ts";
import { importInventoryFile } from "../server/ingest/import_file.ts";
import { getRule, listRules } from "../server/registry/rule_store.ts";
import { saveSetting } from "../server/registry/settings.ts";
import { syncBatch } from "../server/registry/batch.ts";
import { createTestUser } from "./_helpers/auth.ts";
import { signedIn } from "./_helpers/console.ts";
import { withContext } from "./_helpers/context.ts";
import { machineXml } from "./_helpers/fleet.ts";

/** The editor's fields for a rule with these rows. */
function ruleForm(
  rule: {
    name: string;
    match?: string;
    active?: boolean;
    criteria: [string, string, string][];
    actions: [string, string, string][];
  },
  intent = "save",
): [string, string][] {
  return [
    ["name", rule.name],
    ["description", ""],
    ["match", rule.match ?? "AND"],
    ...(rule.active === false ? [] : [["active", "1"] as [string, string]]),
    ["criteria_rows", String(rule.criteria.length)],
    ...rule.criteria.flatMap(([field, operator, pattern], i): [string, string][] => [
      [`criteria[${i}][field]`, field],
      [`criteria[${i}][operator]`, operator],
      [`criteria[${i}][pattern]`, pattern],
    ]),
    ["action_rows", String(rule.actions.length)],
    ...rule.actions.flatMap(([field, type, value], i): [string, string][] => [
      [`actions[${i}][field]`, field],
      [`actions[${i}][type]`, type],
      [`actions[${i}][value]`, value],
    ]),
    ["intent", intent],
  ];
}

const TAG_TO_LOCATION = {
  name: "TAG to location",
  criteria: [["tag", "regex", "/^(.+)$/"], ["", "is", ""]] as [string, string, string][],
  actions: [["location", "regex_result", "Sites > #0"]] as [string, string, string][],
};

async function locationRules(ctx: ServerContext) {
  return await listRules(ctx.db, "location");
}

Deno.test("rules pages: list, create, validate, edit, reorder, enable, delete", async (t) => {
  await withContext(async (ctx) => {
    const admin = signedIn(ctx, await createTestUser(ctx, "boss", "admin"));

    await t.step("every collection is listed with the shipped rules in ranking order", async () => {
      const response = await admin.get("/rules");
      assert.equal(response.status, 200);
      const html = await response.text();
      for (
        const label of ["Entity assignment", "Import and link", "Location", "Software dictionary"]
      ) {
        assert.ok(html.includes(`>${label}</h2>`), label);
      }
      const imports = await listRules(ctx.db, "import");
      assert.ok(imports.length >= 5, "defaults seeded");
      const positions = imports.map((r) => html.indexOf(`data-rule="${r.name}"`));
      assert.ok(positions.every((p) => p > 0));
      assert.deepEqual(positions, [...positions].sort((a, b) => a - b), "in ranking order");
      assert.match(html, /<code>serial is already present in the registry<\/code>/);
    });

    await t.step("the new-rule form has one row of each; 'add a criterion' adds one", async () => {
      const form = await (await admin.get("/rules/new?collection=location")).text();
      assert.match(form, /name="criteria_rows" value="1"/);
      assert.match(form, /name="action_rows" value="1"/);
      assert.match(form, /<label class="visually-hidden" for="c0-field">Criterion 1 field/);
      const added = await admin.post(
        "/rules/new?collection=location",
        ruleForm(
          { ...TAG_TO_LOCATION, criteria: TAG_TO_LOCATION.criteria.slice(0, 1) },
          "add-criterion",
        ),
      );
      assert.equal(added.status, 200);
      const html = await added.text();
      assert.match(html, /name="criteria_rows" value="2"/);
      assert.match(html, /name="criteria\[0\]\[pattern\]" value="\/\^\(\.\+\)\$\/"/, "kept");
      assert.match(html, /id="c1-field"/);
      assert.equal((await locationRules(ctx)).length, 0, "nothing saved");
      assert.equal((await admin.get("/rules/new?collection=nope")).status, 400);
    });

    await t.step("validation problems come back on their row with 400", async () => {
      const response = await admin.post(
        "/rules/new?collection=location",
        ruleForm({
          name: "",
          criteria: [["", "is", ""], ["tag", "regex", "/(unclosed/"]],
          actions: [["location", "regex_result", "#0"]],
        }),
      );
      assert.equal(response.status, 400);
      const html = await response.text();
      assert.match(html, /The rule was not saved: 2 problems/);
      assert.match(html, /Name: name is missing/);
      assert.match(html, /Criterion 2, pattern: /, "numbered as the form shows it");
      assert.match(html, /id="criterion-1-errors"/);
      assert.match(html, /aria-describedby="criterion-1-errors"/);
      assert.match(html, /aria-invalid="true"/);
      assert.equal((await locationRules(ctx)).length, 0);
    });

    let first = 0;
    await t.step(
      "a valid rule is created last in its collection; blank rows are dropped",
      async () => {
        const response = await admin.post(
          "/rules/new?collection=location",
          ruleForm(TAG_TO_LOCATION),
        );
        assert.equal(response.status, 303);
        const rules = await locationRules(ctx);
        assert.equal(rules.length, 1);
        const rule = rules[0]!;
        first = rule.id!;
        assert.equal(response.headers.get("location"), `/rules?notice=created#rule-${first}`);
        assert.deepEqual(rule.criteria, [{ field: "tag", operator: "regex", pattern: "/^(.+)$/" }]);
        assert.deepEqual(rule.actions, [
          { type: "regex_result", field: "location", value: "Sites > #0" },
        ]);
        assert.equal(rule.active, true);
        assert.match(await (await admin.get("/rules?notice=created")).text(), /Rule created\./);
      },
    );

    let second = 0;
    await t.step("edit: the form shows the rule; saving keeps its identity", async () => {
      const form = await (await admin.get(`/rules/${first}/edit`)).text();
      assert.match(form, /value="TAG to location"/);
      assert.match(form, /value="regex" selected>matches regex<\/option>/);
      assert.match(form, /name="criteria_rows" value="2"/, "its row plus a blank one");
      const before = (await getRule(ctx.db, String(first)))!;
      const saved = await admin.post(
        `/rules/${first}/edit`,
        ruleForm({ ...TAG_TO_LOCATION, name: "TAG to site", match: "OR" }),
      );
      assert.equal(saved.status, 303);
      const after = (await getRule(ctx.db, String(first)))!;
      assert.equal(after.name, "TAG to site");
      assert.equal(after.match, "OR");
      assert.equal(after.uuid, before.uuid);
      assert.equal(after.ranking, before.ranking);
      await admin.post(
        "/rules/new?collection=location",
        ruleForm({
          name: "Lab subnet",
          criteria: [["ip", "in_cidr", "10.9.0.0/16"]],
          actions: [["location", "assign", "Lab"]],
        }),
      );
      second = (await locationRules(ctx)).find((r) => r.name === "Lab subnet")!.id!;
      assert.deepEqual((await locationRules(ctx)).map((r) => r.id), [first, second]);
    });

    await t.step("reorder with up/down", async () => {
      const up = await admin.post(`/rules/${second}/move`, [["direction", "up"]]);
      assert.equal(up.status, 303);
      assert.deepEqual((await locationRules(ctx)).map((r) => r.id), [second, first]);
      await admin.post(`/rules/${second}/move`, [["direction", "up"]]); // already first
      assert.deepEqual((await locationRules(ctx)).map((r) => r.id), [second, first]);
      await admin.post(`/rules/${second}/move`, [["direction", "down"]]);
      assert.deepEqual((await locationRules(ctx)).map((r) => r.id), [first, second]);
      const html = await (await admin.get("/rules")).text();
      assert.ok(html.indexOf('data-rule="TAG to site"') < html.indexOf('data-rule="Lab subnet"'));
      assert.equal(
        (await admin.post(`/rules/${second}/move`, [["direction", "sideways"]])).status,
        400,
      );
    });

    await t.step("enable and disable", async () => {
      const off = await admin.post(`/rules/${second}/active`, [["active", "0"]]);
      assert.equal(off.status, 303);
      assert.equal((await getRule(ctx.db, String(second)))?.active, false);
      assert.match(
        await (await admin.get("/rules")).text(),
        /Lab subnet<\/a> <span class="badge off">inactive/,
      );
      await admin.post(`/rules/${second}/active`, [["active", "1"]]);
      assert.equal((await getRule(ctx.db, String(second)))?.active, true);
    });

    await t.step("delete asks for confirmation first", async () => {
      const confirm = await admin.get(`/rules/${second}/delete`);
      assert.equal(confirm.status, 200);
      assert.match(await confirm.text(), /Delete rule “Lab subnet”\?/);
      assert.ok(await getRule(ctx.db, String(second)), "a GET deletes nothing");
      const deleted = await admin.post(`/rules/${second}/delete`);
      assert.equal(deleted.status, 303);
      assert.equal(await getRule(ctx.db, String(second)), undefined);
      assert.equal((await admin.post(`/rules/${second}/delete`)).status, 404);
      assert.equal((await admin.get("/rules/999999/edit")).status, 404);
    });
  });
});

Deno.test("rules pages: export download and import, with errors named by their path", async (t) => {
  await withContext(async (ctx) => {
    const user = await createTestUser(ctx, "boss", "admin");
    const admin = signedIn(ctx, user);
    const upload = (text: string, mode = "merge") => {
      const form = new FormData();
      form.set("_csrf", user.csrfToken);
      form.set("mode", mode);
      form.set("file", new File([text], "rules.json", { type: "application/json" }));
      return admin.upload("/rules/import", form);
    };
    let exported: { format: string; rules: Record<string, unknown>[] } = { format: "", rules: [] };

    await t.step("export is a JSON download of every rule", async () => {
      const response = await admin.get("/rules/export.json");
      assert.equal(response.status, 200);
      assert.match(response.headers.get("content-type")!, /^application\/json/);
      assert.match(
        response.headers.get("content-disposition")!,
        /^attachment; filename="inventory-rules-\d{4}-\d{2}-\d{2}\.json"$/,
      );
      exported = await response.json();
      assert.equal(exported.format, "inventory-rules");
      assert.equal(exported.rules.length, (await listRules(ctx.db)).length);
      assert.ok(exported.rules.every((r) => !("id" in r)));
    });

    await t.step("import merges a file: new rules added, same uuid replaced", async () => {
      const renamed = { ...exported.rules[0]!, name: "Renamed by import" };
      const added = {
        uuid: "imported-location-rule",
        collection: "location",
        name: "Imported TAG rule",
        description: "",
        ranking: 1,
        active: true,
        match: "AND",
        criteria: [{ field: "tag", operator: "regex", pattern: "/^(.+)$/" }],
        actions: [{ type: "regex_result", field: "location", value: "#0" }],
      };
      const response = await upload(
        JSON.stringify({ format: "inventory-rules", version: 1, rules: [renamed, added] }),
      );
      assert.equal(response.status, 303);
      const location = response.headers.get("location")!;
      assert.equal(location, "/rules?notice=imported&added=1&replaced=1&mode=merge");
      assert.match(
        await (await admin.get(location)).text(),
        /Rules imported: 1 added, 1 replaced\./,
      );
      const names = (await listRules(ctx.db)).map((r) => r.name);
      assert.ok(names.includes("Renamed by import"));
      assert.ok(names.includes("Imported TAG rule"));
      assert.equal(names.length, exported.rules.length + 1);
    });

    await t.step("a bad file is refused whole, each problem named by its path", async () => {
      const before = await listRules(ctx.db);
      const response = await upload(JSON.stringify({
        format: "inventory-rules",
        version: 1,
        rules: [
          { ...exported.rules[0]!, uuid: "fresh-1", name: "Would be added" },
          { ...exported.rules[1]!, uuid: "fresh-2", collection: "printers" },
          {
            ...exported.rules[2]!,
            uuid: "fresh-3",
            criteria: [{ field: "tag", operator: "regex", pattern: "/(/" }],
          },
        ],
      }));
      assert.equal(response.status, 400);
      const html = await response.text();
      assert.match(html, /Nothing was imported/);
      assert.match(html, /<li ?>rules\[1\]\.collection: unknown collection &quot;printers&quot;/);
      assert.match(
        html,
        /<li ?>rules\[2\]\.criteria\[0\]\.pattern: regex &quot;\/\(\/&quot; is invalid/,
      );
      assert.deepEqual(await listRules(ctx.db), before);
      const notJson = await upload("{ nope");
      assert.equal(notJson.status, 400);
      assert.match(await notJson.text(), /\(document\): not valid JSON/);
    });

    await t.step("replace mode replaces the collections in the file", async () => {
      const only = {
        uuid: "the-only-import-rule",
        collection: "import",
        name: "Create everything",
        description: "",
        ranking: 1,
        active: true,
        match: "AND",
        criteria: [{ field: "name", operator: "regex", pattern: "/.*/" }],
        actions: [{ type: "assign", field: "_link", value: "link_or_create" }],
      };
      const response = await upload(
        JSON.stringify({ format: "inventory-rules", version: 1, rules: [only] }),
        "replace",
      );
      assert.equal(response.status, 303);
      assert.deepEqual((await listRules(ctx.db, "import")).map((r) => r.name), [
        "Create everything",
      ]);
      assert.ok((await listRules(ctx.db, "location")).length > 0, "other collections kept");
    });
  });
});

Deno.test("rules tester: typed values and a stored device, with the full trace", async (t) => {
  await withContext(async (ctx) => {
    const admin = signedIn(ctx, await createTestUser(ctx, "boss", "admin"));
    await admin.post("/rules/new?collection=location", ruleForm(TAG_TO_LOCATION));

    await t.step("the form lists the collection's input fields", async () => {
      const html = await (await admin.get("/rules/test?collection=location")).text();
      assert.match(html, /<label for="in-tag">Agent tag <code>tag<\/code><\/label>/);
      assert.match(html, /name="in_subnet"/);
      assert.match(html, /separate several values with commas/);
      assert.equal((await admin.get("/rules/test?collection=nope")).status, 400);
    });

    await t.step("typed values: decision, location and trace", async () => {
      const response = await admin.get("/rules/test?collection=location&mode=values&in_tag=PARIS");
      assert.equal(response.status, 200);
      const html = await response.text();
      assert.match(
        html,
        /Decision:<\/strong> location &quot;Sites > PARIS&quot; by rule &quot;TAG to location&quot;/,
      );
      assert.match(html, /Sites > PARIS \(created when a device is imported\)/);
      assert.match(html, /rule “TAG to location” matched/);
      assert.match(html, /<code title="Agent tag">tag<\/code> matches regex “\/\^\(\.\+\)\$\/”/);
      assert.match(html, /<span class="visually-hidden">matched<\/span>/);
      assert.match(html, /<code>location<\/code>: assign the regex result “Sites > PARIS”/);
      const none = await (await admin.get("/rules/test?collection=location&mode=values")).text();
      assert.match(none, /no location rule matched/);
    });

    await t.step("typed values in the import collection look the registry up", async () => {
      const serial = "TESTER-SERIAL-1";
      const xml = machineXml({
        deviceid: "tester-1-2026-01-01-00-00-00",
        name: "tester-1",
        serial,
        uuid: "TESTER-UUID-1",
        macs: ["00:12:34:56:78:9a"],
      });
      const stored = await importInventoryFile(ctx, "t.xml", new TextEncoder().encode(xml), {
        userAgent: "test",
        ipSource: "192.0.2.1",
      });
      assert.ok(stored.ok);
      await syncBatch(ctx);
      const html = await (await admin.get(
        `/rules/test?collection=import&mode=values&in_serial=${serial}&in_uuid=TESTER-UUID-1`,
      )).text();
      assert.match(html, /Found in the registry/);
      assert.match(html, /linked to computer \d+ by rule/);
    });

    await t.step(
      "a stored device held for approval: the decision, then the trace once approved",
      async () => {
        await saveSetting(ctx.db, "approval", "manual");
        const deviceid = "tester-2-2026-01-01-00-00-00";
        const xml = machineXml({
          deviceid,
          name: "tester-2",
          serial: "TESTER-SERIAL-2",
          uuid: "TESTER-UUID-2",
          macs: ["00:12:34:56:78:9b"],
          tag: "LYON",
        });
        await importInventoryFile(ctx, "t2.xml", new TextEncoder().encode(xml), {
          userAgent: "test",
          ipSource: "192.0.2.1",
        });
        const response = await admin.get(
          `/rules/test?collection=import&mode=device&device=${deviceid}`,
        );
        assert.equal(response.status, 200);
        const html = await response.text();
        assert.match(html, /Decision:<\/strong> not imported \(pending\): waiting for approval/);
        assert.match(html, /Once approved<\/dt><dd>create a new computer by rule/);
        assert.match(html, /Sites > LYON/);
        assert.match(html, /Entity assignment rules:/);
        assert.match(html, /Import and link rules:/);
        assert.match(html, /Location rules:/);
        assert.equal(
          (await listRules(ctx.db, "location")).length,
          1,
          "the dry run created nothing",
        );
        const locations = await ctx.db.selectFrom("locations").select("id").execute();
        assert.equal(locations.length, 0, "the location named by the rule was rolled back");
        const unknown = await admin.get("/rules/test?collection=import&mode=device&device=nope");
        assert.equal(unknown.status, 404);
        assert.match(await unknown.text(), /No device “nope”/);
      },
    );
  });
});

Deno.test("rules pages: refused without the rules right, and without the CSRF token", async () => {
  await withContext(async (ctx) => {
    const tech = signedIn(ctx, await createTestUser(ctx, "tech", "technician"));
    const admin = signedIn(ctx, await createTestUser(ctx, "boss", "admin"));
    const limitedAdmin = signedIn(
      ctx,
      await createTestUser(ctx, "paris-admin", "admin", [{ entityId: 1, recursive: false }]),
    );
    for (
      const path of ["/rules", "/rules/test", "/rules/export.json", "/rules/new?collection=import"]
    ) {
      const response = await tech.get(path);
      assert.equal(response.status, 403, path);
      assert.match(await response.text(), /needs &quot;rules&quot;/);
      assert.equal((await limitedAdmin.get(path)).status, 403, `${path}: rules are global`);
    }
    const techPost = await tech.post("/rules/new?collection=location", ruleForm(TAG_TO_LOCATION));
    assert.equal(techPost.status, 403);
    const noCsrf = await admin.post(
      "/rules/new?collection=location",
      ruleForm(TAG_TO_LOCATION),
      { csrf: false },
    );
    assert.equal(noCsrf.status, 403);
    assert.equal((await listRules(ctx.db, "location")).length, 0);
    assert.equal((await admin.get("/rules")).status, 200);
    const anyRule = (await listRules(ctx.db))[0]!;
    assert.equal(
      (await admin.post(`/rules/${anyRule.id}/delete`, [], { csrf: false })).status,
      403,
    );
    assert.ok(await getRule(ctx.db, String(anyRule.id)));
    const form = new FormData();
    form.set("file", new File(["{}"], "rules.json"));
    assert.equal(
      (await admin.upload("/rules/import", form)).status,
      403,
      "multipart without token",
    );
  });
});
