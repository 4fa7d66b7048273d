/**
 * The devices inbox over the real app (`createApp(ctx).fetch`) with real sessions: devices made
 * pending, unmatched and trashed-then-back through the real pipeline and registry; the list with
 * its status filter and traces; approve into an entity, retry, retry all, link (restoring a
 * trashed computer); offline upload of good and bad files; refusals (rights, CSRF).
 *
 * @module
 */

import assert from "node:assert/strict";
import { encodeBody } from "../protocol/codec.ts";
import type { ServerContext } from "../server/context.ts";
import { createApp } from "../server/http/app.ts";
import { importInventoryFile } from "../server/ingest/import_file.ts";
import { syncBatch } from "../server/registry/batch.ts";
import { listNotImported } from "../server/registry/queries.ts";
import { importRules, saveRule, seedDefaultRules } from "../server/registry/rule_store.ts";
import { saveSetting } from "../server/registry/settings.ts";
import { trashComputers } from "../server/registry/trash.ts";
import { createEntity } from "../server/registry/tree.ts";
import { findDevice } from "../server/store/devices.ts";
import { createTestUser } from "./_helpers/auth.ts";
import { consoleRequest, signedIn } from "./_helpers/console.ts";
import { withContext } from "./_helpers/context.ts";
import { type Machine, machineXml } from "./_helpers/fleet.ts";

let counter = 0;
function machine(overrides: Partial<Machine> = {}): Machine {
  const n = ++counter;
  return {
    deviceid: `inbox-${n}-2026-01-01-00-00-00`,
    name: `inbox-pc-${n}`,
    serial: `INBOX-SER-${n}`,
    uuid: `INBOX-UUID-${n}`,
    macs: [`00:ab:cd:ef:10:${n.toString(16).padStart(2, "0")}`],
    software: [{ name: "curl", version: "8.0" }],
    ...overrides,
  };
}

/** Stores `m`'s inventory through the real ingestion path; returns the device id. */
async function send(ctx: ServerContext, m: Machine): Promise<number> {
  const result = await importInventoryFile(
    ctx,
    `${m.deviceid}.xml`,
    new TextEncoder().encode(machineXml(m)),
    { userAgent: "OCS-NG_unified_unix_agent_v2.10.0", ipSource: "192.0.2.1" },
  );
  assert.ok(result.ok, result.message);
  return result.deviceId!;
}

async function computerOfDevice(ctx: ServerContext, deviceId: number) {
  const link = await ctx.db.selectFrom("computer_links").select("computer_id")
    .where("device_id", "=", deviceId).executeTakeFirst();
  if (!link) return undefined;
  return await ctx.db.selectFrom("computers").selectAll().where("id", "=", link.computer_id)
    .executeTakeFirstOrThrow();
}

Deno.test("devices inbox: list, status filter, traces, approve into an entity, retry", async (t) => {
  await withContext(async (ctx) => {
    const admin = signedIn(ctx, await createTestUser(ctx, "boss", "admin"));
    const reader = signedIn(ctx, await createTestUser(ctx, "reader", "readonly"));
    const paris = await createEntity(ctx.db, "Paris", 1, "PARIS");

    // An unmatched device: the only import rule takes TAG PARIS.
    await seedDefaultRules(ctx.db, ctx.now());
    await importRules(
      ctx.db,
      [{
        uuid: "paris-only",
        collection: "import",
        name: "Import Paris only",
        description: "",
        ranking: 1,
        active: true,
        match: "AND",
        criteria: [{ field: "tag", operator: "is", pattern: "PARIS" }],
        actions: [{ type: "assign", field: "_link", value: "link_or_create" }],
      }],
      ctx.now(),
      "replace",
    );
    const lyon = machine({ tag: "LYON" });
    const lyonId = await send(ctx, lyon);
    await syncBatch(ctx);
    // Two pending devices: manual approval.
    await saveSetting(ctx.db, "approval", "manual");
    const a = machine({ tag: "PARIS" });
    const b = machine({ tag: "PARIS" });
    const aId = await send(ctx, a);
    const bId = await send(ctx, b);
    await syncBatch(ctx);
    assert.equal((await listNotImported(ctx.db)).total, 3);

    await t.step("the list shows every device with status, reason and rule", async () => {
      const response = await admin.get("/devices");
      assert.equal(response.status, 200);
      const html = await response.text();
      for (const m of [lyon, a, b]) assert.ok(html.includes(m.deviceid), m.deviceid);
      assert.match(html, /waiting for approval \(manual approval mode\)/);
      assert.match(html, /no import rule matched/);
      assert.match(html, /Import selected/);
      assert.match(html, /enctype="multipart\/form-data"/, "the upload form is there");
      assert.match(html, /All <span class="count">3<\/span>/);
    });

    await t.step("the status filter keeps one status; a bad one is a 400", async () => {
      const html = await (await admin.get("/devices?status=unmatched")).text();
      assert.ok(html.includes(lyon.deviceid));
      assert.ok(!html.includes(a.deviceid));
      const bad = await admin.get("/devices?status=bogus");
      assert.equal(bad.status, 400);
      assert.match(await bad.text(), /Unknown status/);
      assert.equal((await admin.get("/devices?page=0")).status, 400);
    });

    await t.step("each row opens the stored trace, criterion by criterion", async () => {
      const html = await (await admin.get("/devices?status=unmatched")).text();
      assert.match(html, /<details><summary>Rule trace of inbox-pc-\d+<\/summary>/);
      assert.match(html, /Import Paris only<\/strong> <span class="verdict failed">no match/);
      assert.match(html, /<code title="Agent tag">tag<\/code> is “PARIS”/);
      assert.match(html, /<code>LYON<\/code>/, "the value tested");
      assert.match(html, /<span class="visually-hidden">not matched<\/span>/);
    });

    await t.step("a read-only user sees the inbox but no actions", async () => {
      const response = await reader.get("/devices");
      assert.equal(response.status, 200);
      const html = await response.text();
      assert.ok(html.includes(a.deviceid));
      assert.ok(!html.includes("Import selected"));
      assert.ok(!html.includes("/devices/upload"));
    });

    await t.step("import selected into an entity approves them there", async () => {
      const response = await admin.post("/devices/import", [
        ["device", String(aId)],
        ["entity", String(paris.id)],
        ["status", "pending"],
      ]);
      assert.equal(response.status, 303);
      const location = response.headers.get("location")!;
      assert.match(location, /^\/devices\?status=pending&notice=imported&n=1&done=1&left=0/);
      const computer = await computerOfDevice(ctx, aId);
      assert.equal(computer?.entity_id, paris.id);
      const locks = await ctx.db.selectFrom("computer_locks").select("field")
        .where("computer_id", "=", computer!.id).execute();
      assert.deepEqual(locks.map((l) => l.field), ["entity_id"], "the chosen entity stays");
      await syncBatch(ctx, { deviceIds: [aId], force: true });
      assert.equal((await computerOfDevice(ctx, aId))?.entity_id, paris.id);
      const page = await (await admin.get(location)).text();
      assert.match(page, /Import of 1 device: 1 device now in the registry\./);
      assert.ok(!page.includes(a.deviceid), "gone from the inbox");
      assert.ok(page.includes(b.deviceid));
    });

    await t.step("import with nothing selected or an unknown entity changes nothing", async () => {
      const none = await admin.post("/devices/import", []);
      assert.equal(none.status, 303);
      assert.match(none.headers.get("location")!, /notice=none/);
      const bad = await admin.post("/devices/import", [["device", String(bId)], [
        "entity",
        "999",
      ]]);
      assert.equal(bad.status, 400);
      assert.match(await bad.text(), /No entity #999/);
      assert.equal(await computerOfDevice(ctx, bId), undefined);
    });

    await t.step("retry selected replays the rules after a rule change", async () => {
      await saveSetting(ctx.db, "approval", "auto");
      const retried = await admin.post("/devices/retry", [["device", String(lyonId)]]);
      assert.match(retried.headers.get("location")!, /notice=retried&n=1&done=0&left=1/);
      assert.equal(await computerOfDevice(ctx, lyonId), undefined, "still unmatched");
      assert.equal((await listNotImported(ctx.db, { status: "unmatched" })).total, 1);
      await saveRule(ctx.db, {
        uuid: "lyon-too",
        collection: "import",
        name: "Import Lyon too",
        description: "",
        ranking: 2,
        active: true,
        match: "AND",
        criteria: [{ field: "tag", operator: "is", pattern: "LYON" }],
        actions: [{ type: "assign", field: "_link", value: "link_or_create" }],
      }, ctx.now());
      const again = await admin.post("/devices/retry", [["device", String(lyonId)]]);
      assert.match(again.headers.get("location")!, /notice=retried&n=1&done=1&left=0/);
      assert.equal((await computerOfDevice(ctx, lyonId))?.import_rule, "Import Lyon too");
    });

    await t.step("retry all replays refused, unmatched and failed devices", async () => {
      const c = machine({ tag: "NANTES" });
      const cId = await send(ctx, c);
      await syncBatch(ctx);
      assert.equal((await listNotImported(ctx.db, { status: "unmatched" })).total, 1);
      await saveRule(ctx.db, {
        uuid: "everything",
        collection: "import",
        name: "Import the rest",
        description: "",
        ranking: 3,
        active: true,
        match: "AND",
        criteria: [{ field: "tag", operator: "regex", pattern: "/.*/" }],
        actions: [{ type: "assign", field: "_link", value: "link_or_create" }],
      }, ctx.now());
      const response = await admin.post("/devices/retry-all", []);
      assert.equal(response.status, 303);
      assert.match(response.headers.get("location")!, /notice=retried&n=1&done=1&left=0/);
      assert.ok(await computerOfDevice(ctx, cId));
      const page = await (await admin.get(response.headers.get("location")!)).text();
      assert.match(page, /Retry of 1 device: 1 device now in the registry\./);
    });
  });
});

Deno.test("devices inbox: link a device to a chosen computer, restoring it from the trash", async () => {
  await withContext(async (ctx) => {
    const admin = signedIn(ctx, await createTestUser(ctx, "boss", "admin"));
    const old = machine();
    const oldId = await send(ctx, old);
    await syncBatch(ctx);
    const computer = (await computerOfDevice(ctx, oldId))!;
    await ctx.writes.run((db) =>
      trashComputers(db, [computer.id], ctx.now(), { source: "user", actor: "boss" })
    );
    await saveSetting(ctx.db, "approval", "manual");
    const fresh = machine(); // a reinstalled machine: new DEVICEID, new serial
    const freshId = await send(ctx, fresh);
    await syncBatch(ctx);

    const search = await admin.get(`/devices/${freshId}/link?q=${old.serial}`);
    assert.equal(search.status, 200);
    const html = await search.text();
    assert.match(html, new RegExp(`data-computer="${computer.id}"`));
    assert.match(html, /in the trash/);
    assert.match(html, /Restore and link/);
    assert.match(html, /waiting for approval/, "why it is in the inbox");
    const byId = await (await admin.get(`/devices/${freshId}/link?q=${computer.id}`)).text();
    assert.match(byId, new RegExp(`data-computer="${computer.id}"`));

    const missing = await admin.post(`/devices/${freshId}/link`, [["computer", "99999"]]);
    assert.equal(missing.status, 400);
    assert.match(await missing.text(), /No computer #99999/);
    assert.equal((await admin.get("/devices/424242/link")).status, 404);

    const linked = await admin.post(`/devices/${freshId}/link`, [[
      "computer",
      String(computer.id),
    ]]);
    assert.equal(linked.status, 303);
    const location = linked.headers.get("location")!;
    assert.equal(location, `/devices?notice=linked&computer=${computer.id}&restored=1`);
    const after = await computerOfDevice(ctx, freshId);
    assert.equal(after?.id, computer.id);
    assert.equal(after?.is_deleted, 0, "restored from the trash");
    assert.equal((await listNotImported(ctx.db)).total, 0);
    assert.match(
      await (await admin.get(location)).text(),
      new RegExp(`Device linked to computer #${computer.id}, restored from the trash\\.`),
    );
  });
});

Deno.test("devices inbox: offline upload of .xml and .ocs files, with a result per file", async (t) => {
  await withContext(async (ctx) => {
    const user = await createTestUser(ctx, "boss", "admin");
    const admin = signedIn(ctx, user);
    const xml = machine();
    const ocs = machine();
    const form = (files: [string, Uint8Array][], csrf = true) => {
      const data = new FormData();
      if (csrf) data.set("_csrf", user.csrfToken);
      for (const [name, bytes] of files) {
        data.append("files", new File([bytes as Uint8Array<ArrayBuffer>], name));
      }
      return data;
    };
    const encoder = new TextEncoder();

    await t.step(
      "good and bad files: each has its result, good ones reach the registry",
      async () => {
        const response = await admin.upload(
          "/devices/upload",
          form([
            [`${xml.deviceid}.xml`, encoder.encode(machineXml(xml))],
            [`${ocs.deviceid}.ocs`, encodeBody(machineXml(ocs), "zlib")],
            ["broken.ocs", encoder.encode("this is not an inventory")],
          ]),
        );
        assert.equal(response.status, 200);
        const html = await response.text();
        assert.match(html, /Upload: 2 of 3 files\s*stored/);
        for (const m of [xml, ocs]) {
          const device = await findDevice(ctx.db, m.deviceid);
          assert.ok(device, `${m.deviceid} stored`);
          const computer = await computerOfDevice(ctx, device.id);
          assert.ok(computer, `${m.deviceid} imported`);
          assert.ok(html.includes(`imported as computer #${computer.id}`));
        }
        assert.match(html, /data-file="broken\.ocs"/);
        assert.match(html, /refused \(400\)/);
      },
    );

    await t.step("only bad files: 400; no file: 400", async () => {
      const bad = await admin.upload(
        "/devices/upload",
        form([["notes.xml", encoder.encode("<hello/>")]]),
      );
      assert.equal(bad.status, 400);
      assert.match(await bad.text(), /Upload: 0 of 1 file\s*stored/);
      const empty = await admin.upload("/devices/upload", form([]));
      assert.equal(empty.status, 400);
      assert.match(await empty.text(), /Choose at least one \.ocs or \.xml file/);
    });

    await t.step("in manual approval mode an upload waits for approval", async () => {
      await saveSetting(ctx.db, "approval", "manual");
      const m = machine();
      const html = await (await admin.upload(
        "/devices/upload",
        form([[`${m.deviceid}.xml`, encoder.encode(machineXml(m))]]),
      )).text();
      assert.match(html, /not imported \(pending\): waiting for approval/);
    });

    await t.step("an upload without the CSRF token is refused", async () => {
      const m = machine();
      const response = await admin.upload(
        "/devices/upload",
        form([[`${m.deviceid}.xml`, encoder.encode(machineXml(m))]], false),
      );
      assert.equal(response.status, 403);
      assert.equal(await findDevice(ctx.db, m.deviceid), undefined);
    });
  });
});

Deno.test("devices inbox: refusals for missing rights, entity limits and CSRF-less posts", async () => {
  await withContext(async (ctx) => {
    const paris = await createEntity(ctx.db, "Paris", 1, "PARIS");
    await saveSetting(ctx.db, "approval", "manual");
    const m = machine();
    const id = await send(ctx, m);
    await syncBatch(ctx);
    const admin = signedIn(ctx, await createTestUser(ctx, "boss", "admin"));
    const reader = signedIn(ctx, await createTestUser(ctx, "reader", "readonly"));
    const limited = signedIn(
      ctx,
      await createTestUser(ctx, "tech-paris", "technician", [{
        entityId: paris.id,
        recursive: true,
      }]),
    );

    const scoped = await limited.get("/devices");
    assert.equal(
      scoped.status,
      403,
      "devices belong to no entity: entity-limited users are refused",
    );
    assert.ok(!(await scoped.text()).includes(m.deviceid));
    assert.equal((await limited.get(`/devices/${id}/link`)).status, 403);
    const readonlyImport = await reader.post("/devices/import", [["device", String(id)]]);
    assert.equal(readonlyImport.status, 403);
    const noCsrf = await admin.post("/devices/import", [["device", String(id)]], { csrf: false });
    assert.equal(noCsrf.status, 403);
    assert.match(await noCsrf.text(), /expired or came from another site/);
    const noCsrfLink = await admin.post(`/devices/${id}/link`, [["computer", "1"]], {
      csrf: false,
    });
    assert.equal(noCsrfLink.status, 403);
    assert.equal(await computerOfDevice(ctx, id), undefined, "nothing was imported");
    const anonymous = await consoleRequest(createApp(ctx), "/devices");
    assert.equal(anonymous.status, 303);
    assert.match(anonymous.headers.get("location")!, /^\/login/);
  });
});

Deno.test("devices inbox: 'all of this list' imports every device of the status filter", async () => {
  await withContext(async (ctx) => {
    const admin = signedIn(ctx, await createTestUser(ctx, "boss", "admin"));
    await seedDefaultRules(ctx.db, ctx.now());
    await saveSetting(ctx.db, "approval", "manual");
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push(await send(ctx, machine({ tag: "ALL" })));
    await syncBatch(ctx);
    assert.equal((await listNotImported(ctx.db, { status: "pending" })).total, 3);
    const page = await (await admin.get("/devices?status=pending")).text();
    assert.match(page, /Or all 3 devices of this list \(not only the checked rows\)/);

    const response = await admin.post("/devices/import", [["status", "pending"], ["all", "1"]]);
    assert.equal(response.status, 303);
    assert.match(response.headers.get("location") ?? "", /notice=imported&n=3&done=3/);
    assert.equal((await listNotImported(ctx.db)).total, 0);
    for (const id of ids) assert.ok(await computerOfDevice(ctx, id), `device ${id} imported`);
  });
});
