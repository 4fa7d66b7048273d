/**
 * One computer's console page through the real app (`createApp(ctx).fetch`) with real sessions,
 * on computers made by the real pipeline from the Debian agent fixture (~780 packages) and the
 * registry synchronisation: every section shows the fixture's data, the edit form locks what it
 * changes and synchronisation keeps it, unlock re-imports, the XML download, the import trace,
 * validation errors, CSRF-less posts refused, trash/restore/purge, and entity scoping (a
 * technician of one entity gets 404 for another entity's computer, on every route).
 *
 * @module
 */

import assert from "node:assert/strict";
import type { ServerContext } from "../server/context.ts";
import { syncBatch } from "../server/registry/batch.ts";
import { editComputers } from "../server/registry/edit.ts";
import { getComputer } from "../server/registry/queries.ts";
import { ensureLocation } from "../server/registry/tree.ts";
import { twoEntities } from "./_helpers/api.ts";
import { createTestUser } from "./_helpers/auth.ts";
import { formFields, signedIn } from "./_helpers/console.ts";
import { type Machine, machineXml } from "./_helpers/fleet.ts";
import { withPipeline } from "./_helpers/roundtrip.ts";

const PARIS: Machine = {
  deviceid: "paris-ws-1-2026-01-01-00-00-00",
  name: "paris-ws-1",
  serial: "PARIS-SER-1",
  uuid: "PARIS-UUID-1",
  macs: ["00:aa:bb:cc:01:01"],
  monitors: [{ name: "Dell U2415", serial: "MON-PARIS-1" }],
  tag: "PARIS",
};

const LYON: Machine = {
  deviceid: "lyon-ws-1-2026-01-01-00-00-00",
  name: "lyon-ws-1",
  serial: "LYON-SER-1",
  uuid: "LYON-UUID-1",
  macs: ["00:aa:bb:cc:02:01"],
  tag: "LYON",
};

async function computerIdOf(ctx: ServerContext, deviceid: string): Promise<number> {
  const link = await ctx.db.selectFrom("computer_links").select("computer_id")
    .where("deviceid", "=", deviceid).executeTakeFirstOrThrow();
  return link.computer_id;
}

Deno.test("console: one computer's page, edit and locks, trash and purge, entity scoping", async (t) => {
  await withPipeline(async ({ ctx, send }) => {
    const { paris, lyon } = await twoEntities(ctx);
    const floor = await ensureLocation(ctx.db, "HQ > Floor 2", paris);
    const lyonSite = await ensureLocation(ctx.db, "Lyon site", lyon);
    await send(machineXml(PARIS));
    await send(machineXml(LYON));
    assert.deepEqual((await syncBatch(ctx)).errors, []);
    const parisId = await computerIdOf(ctx, PARIS.deviceid);
    const lyonId = await computerIdOf(ctx, LYON.deviceid);

    const admin = signedIn(ctx, await createTestUser(ctx, "admin-1", "admin"));
    const techParis = signedIn(
      ctx,
      await createTestUser(ctx, "tech-paris", "technician", [{ entityId: paris, recursive: true }]),
    );
    const reader = signedIn(ctx, await createTestUser(ctx, "reader", "readonly"));
    const page = `/computers/${parisId}`;

    await t.step("every section renders with the fixture's data", async () => {
      const started = performance.now();
      const response = await techParis.get(page);
      const elapsed = performance.now() - started;
      const html = await response.text();
      assert.equal(response.status, 200, html);
      assert.match(response.headers.get("content-security-policy") ?? "", /default-src 'none'/);
      const detail = (await getComputer(ctx.db, parisId))!;
      assert.ok(detail.software.length > 700, `${detail.software.length} packages`);
      for (
        const text of [
          "<h1>paris-ws-1",
          "PARIS-SER-1",
          "PARIS-UUID-1",
          "Debian GNU/Linux 12",
          "Root entity > Paris",
          `Software (${detail.software.length})`,
          `${detail.software.length} installed.`,
          "adduser", // the first package, on the first software page
          "00:aa:bb:cc:01:01", // network port MAC
          "10.0.0.1", // its IP
          "ext4", // a volume
          "Dell U2415",
          "MON-PARIS-1",
          "Processor", // a component kind
          PARIS.deviceid, // the device feeding it
          "OCS-NG_unified_unix_agent_v2.10.0",
          "Import everything else", // the import rule
          "Link by serial and UUID", // a rule that did not match, in the trace
          "no computer in the registry has serial", // a criterion's reason
          "Entity from TAG", // the entity rule that placed it
          "Created", // history
          "No virtual machines reported.",
          "No field is locked",
        ]
      ) assert.ok(html.includes(text), `the page shows ${text}`);
      for (const id of ["summary", "components", "software", "network", "volumes", "vms"]) {
        assert.match(html, new RegExp(`<section id="${id}"`), id);
        assert.match(html, new RegExp(`href="#${id}"`), `tab ${id}`);
      }
      for (const id of ["peripherals", "locks", "devices", "rules", "history"]) {
        assert.match(html, new RegExp(`<section id="${id}"`), id);
      }
      // One page of software, not all of it.
      const rows = html.slice(html.indexOf('id="software"'), html.indexOf('id="network"'))
        .match(/<th scope="row">/g)?.length;
      assert.equal(rows, 50);
      assert.match(html, /Page 1 of 16/);
      assert.ok(!html.includes("<script"), "no scripts");
      assert.ok(elapsed < 2000, `rendered in ${elapsed.toFixed(0)} ms`);
      // A technician may edit and trash but not purge.
      assert.match(html, new RegExp(`href="${page}/edit"`));
      assert.match(html, /Move to the trash/);
      assert.ok(!html.includes("Purge"));
    });

    await t.step("a computer kept by hand has no devices, trace or XML", async () => {
      const at = ctx.now().toISOString();
      const { id } = await ctx.db.insertInto("computers")
        .values({ name: "hand-made", entity_id: paris, created_at: at, updated_at: at })
        .returning("id").executeTakeFirstOrThrow();
      const html = await (await techParis.get(`/computers/${id}`)).text();
      assert.match(html, /No device feeds this computer/);
      assert.match(html, /No rule trace is stored/);
      assert.match(html, /0 installed\./);
      assert.ok(!html.includes("inventory.xml"), "no download offered");
      const xml = await techParis.get(`/computers/${id}/inventory.xml`);
      assert.equal(xml.status, 404);
      await xml.body?.cancel();
    });

    await t.step("software is filtered and paged", async () => {
      const html = await (await techParis.get(`${page}?software=curl`)).text();
      assert.match(html, /match “curl”/);
      const section = html.slice(html.indexOf('id="software"'), html.indexOf('id="network"'));
      assert.ok(section.includes(">curl<"));
      assert.ok(!section.includes(">adduser<"));
      const second = await (await techParis.get(`${page}?software_page=2`)).text();
      assert.match(second, /Page 2 of 16/);
      assert.ok(!second.includes(">adduser<"));
    });

    await t.step("a read-only user sees the page without edit or trash buttons", async () => {
      const html = await (await reader.get(page)).text();
      assert.ok(!html.includes(`${page}/edit`));
      assert.ok(!html.includes("Move to the trash"));
      const edit = await reader.get(`${page}/edit`);
      assert.equal(edit.status, 403);
      await edit.body?.cancel();
    });

    await t.step("the last inventory downloads as XML", async () => {
      const response = await techParis.get(`${page}/inventory.xml`);
      assert.equal(response.status, 200);
      assert.match(response.headers.get("content-type") ?? "", /^application\/xml/);
      assert.match(
        response.headers.get("content-disposition") ?? "",
        /attachment; filename="paris-ws-1-2026-01-01-00-00-00\.xml"/,
      );
      const xml = await response.text();
      assert.match(xml, /<DEVICEID>paris-ws-1-2026-01-01-00-00-00<\/DEVICEID>/);
      assert.match(xml, /<SSN>PARIS-SER-1<\/SSN>/);
      const other = await techParis.get(`${page}/inventory.xml?device=999999`);
      assert.equal(other.status, 404, "a device that does not feed this computer");
      await other.body?.cancel();
    });

    await t.step("the edit form changes the location and locks it; sync keeps it", async () => {
      const form = await techParis.get(`${page}/edit`);
      const html = await form.text();
      assert.equal(form.status, 200);
      assert.match(html, /<label for="edit-location_id">Location/);
      assert.ok(html.includes("HQ > Floor 2"), "locations of the technician's entity");
      assert.ok(!html.includes("Lyon site"), "no location of another entity");
      assert.ok(!html.includes("Root entity > Lyon"), "no entity outside the scope");
      const fields = Object.fromEntries(formFields(html));
      assert.equal(fields.name, "paris-ws-1");
      assert.equal(fields.was_name, "paris-ws-1");
      const saved = await techParis.post(page, {
        ...fields,
        location_id: String(floor!.id),
        name: "paris-renamed",
      });
      assert.equal(saved.status, 303, await saved.text());
      assert.equal(saved.headers.get("location"), `${page}?notice=saved`);

      const after = await (await techParis.get(`${page}?notice=saved`)).text();
      assert.match(after, /Saved\. The fields you changed are locked\./);
      assert.match(after, /data-field="location_id"[^]*?HQ > Floor 2[^]*?class="lock-badge"/);
      assert.match(after, /class="lock-badge" data-field="name"/);
      assert.match(after, /the inventory says “paris-ws-1”/);
      const locks = (await getComputer(ctx.db, parisId))!.locks.map((l) => l.field).sort();
      assert.deepEqual(locks, ["location_id", "name"], "only the changed fields are locked");
      assert.match(after, /Field changed[^]*?Location[^]*?HQ > Floor 2[^]*?user \(tech-paris\)/);

      // The agent reports again: the locked fields keep the technician's values.
      await send(machineXml(PARIS));
      assert.deepEqual((await syncBatch(ctx)).errors, []);
      const synced = (await getComputer(ctx.db, parisId))!.computer;
      assert.equal(synced.name, "paris-renamed");
      assert.equal(synced.location, "HQ > Floor 2");
    });

    await t.step("an unchanged form saves nothing and locks nothing", async () => {
      const fields = Object.fromEntries(
        formFields(await (await admin.get(`/computers/${lyonId}/edit`)).text()),
      );
      const response = await admin.post(`/computers/${lyonId}`, fields);
      assert.equal(response.headers.get("location"), `/computers/${lyonId}?notice=unchanged`);
      await response.body?.cancel();
      assert.deepEqual((await getComputer(ctx.db, lyonId))!.locks, []);
    });

    await t.step("unlock re-imports the value from the last inventory", async () => {
      const response = await techParis.post(`${page}/unlock`, { field: "name" });
      assert.equal(response.status, 303);
      assert.equal(response.headers.get("location"), `${page}?notice=unlocked#locks`);
      await response.body?.cancel();
      const detail = (await getComputer(ctx.db, parisId))!;
      assert.equal(detail.computer.name, "paris-ws-1");
      assert.deepEqual(detail.locks.map((l) => l.field), ["location_id"]);
      const html = await (await techParis.get(page)).text();
      assert.ok(!html.includes('class="lock-badge" data-field="name"'));
      assert.match(html, /Field unlocked/);
      const bad = await techParis.post(`${page}/unlock`, { field: "password" });
      assert.equal(bad.status, 400);
      await bad.body?.cancel();
    });

    await t.step("validation errors come back on the form with 400", async () => {
      const fields = Object.fromEntries(
        formFields(await (await techParis.get(`${page}/edit`)).text()),
      );
      const long = await techParis.post(page, { ...fields, name: "x".repeat(300) });
      const html = await long.text();
      assert.equal(long.status, 400);
      assert.match(html, /role="alert"/);
      assert.match(html, /Name is too long: at most 255 characters/);
      assert.match(html, /id="edit-name"[^>]*aria-invalid="true"/);
      assert.ok(html.includes("x".repeat(300)), "the typed value is kept");
      const foreign = await techParis.post(page, {
        ...fields,
        entity_id: String(lyon),
      });
      assert.equal(foreign.status, 400);
      assert.match(await foreign.text(), /Choose one of the entities you manage/);
      const place = await techParis.post(page, {
        ...fields,
        location_id: String(lyonSite!.id),
      });
      assert.equal(place.status, 400);
      assert.match(await place.text(), /Choose a location from the list/);
      assert.equal((await getComputer(ctx.db, parisId))!.computer.name, "paris-ws-1");
    });

    await t.step("a form post without the CSRF token is refused", async () => {
      const fields = Object.fromEntries(formFields(await (await admin.get(`${page}/edit`)).text()));
      for (
        const [path, body] of [
          [page, { ...fields, name: "csrf-less" }],
          [`${page}/unlock`, { field: "all" }],
          [`${page}/trash`, {}],
        ] as const
      ) {
        const response = await admin.post(path, body, { csrf: false });
        assert.equal(response.status, 403, path);
        assert.match(await response.text(), /Not allowed/);
      }
      const detail = (await getComputer(ctx.db, parisId))!;
      assert.equal(detail.computer.name, "paris-ws-1");
      assert.equal(detail.locks.length, 1);
      assert.equal(detail.computer.is_deleted, 0);
    });

    await t.step("a technician of Paris gets 404 for Lyon's computer, everywhere", async () => {
      const other = `/computers/${lyonId}`;
      for (const path of [other, `${other}/edit`, `${other}/inventory.xml`, `${other}/purge`]) {
        const response = await techParis.get(path);
        const text = await response.text();
        // /purge needs "purge", which a technician lacks: refused before the scope is looked at.
        assert.equal(response.status, path.endsWith("/purge") ? 403 : 404, path);
        assert.ok(!text.includes("lyon-ws-1"), `${path} reveals nothing`);
      }
      const missing = await techParis.get("/computers/999999");
      assert.equal(missing.status, 404);
      const missingText = await missing.text();
      const outside = await (await techParis.get(other)).text();
      assert.equal(
        outside.replace(/value="[^"]*"/g, ""),
        missingText.replace(/value="[^"]*"/g, ""),
        "outside the scope reads exactly as missing",
      );
      for (
        const [path, body] of [
          [other, { name: "hijacked" }],
          [`${other}/unlock`, { field: "all" }],
          [`${other}/trash`, {}],
          [`${other}/restore`, {}],
        ] as const
      ) {
        const response = await techParis.post(path, body);
        assert.equal(response.status, 404, path);
        await response.body?.cancel();
      }
      const lyonRow = (await getComputer(ctx.db, lyonId))!.computer;
      assert.equal(lyonRow.name, "lyon-ws-1");
      assert.equal(lyonRow.is_deleted, 0);
      // The admin (every entity) sees it.
      const seen = await admin.get(other);
      assert.equal(seen.status, 200);
      await seen.body?.cancel();
    });

    await t.step("history pages backwards", async () => {
      for (let i = 0; i < 30; i++) {
        await ctx.writes.run((db) =>
          editComputers(db, [lyonId], { comment: `note ${i}` }, "admin-1", ctx.now())
        );
      }
      const html = await (await admin.get(`/computers/${lyonId}`)).text();
      assert.ok(html.includes("note 29"));
      const older = /href="([^"]*history_before=\d+)#history"/.exec(html)?.[1];
      assert.ok(older, "an Older changes link");
      const next = await (await admin.get(older.replaceAll("&amp;", "&"))).text();
      const history = next.slice(next.indexOf('<section id="history"'));
      assert.ok(!history.includes(">note 29<"), "the newest change is on the first page only");
      assert.ok(history.includes("Created"), "the oldest change is on the second page");
      assert.match(next, /Newest changes/);
    });

    await t.step("trash, restore, then purge with a confirmation", async () => {
      const trashed = await techParis.post(`${page}/trash`, {});
      assert.equal(trashed.headers.get("location"), `${page}?notice=trashed`);
      await trashed.body?.cancel();
      const html = await (await techParis.get(`${page}?notice=trashed`)).text();
      assert.match(html, /In the trash/);
      assert.match(html, />Restore</);
      assert.match(html, /Moved to the trash/);
      const restored = await techParis.post(`${page}/restore`, {});
      assert.equal(restored.headers.get("location"), `${page}?notice=restored`);
      await restored.body?.cancel();
      assert.equal((await getComputer(ctx.db, parisId))!.computer.is_deleted, 0);

      const notYet = await admin.get(`${page}/purge`);
      assert.equal(notYet.headers.get("location"), `${page}?notice=not-trashed`);
      await notYet.body?.cancel();
      await (await admin.post(`${page}/trash`, {})).body?.cancel();
      const confirm = await admin.get(`${page}/purge`);
      const confirmHtml = await confirm.text();
      assert.equal(confirm.status, 200);
      assert.match(confirmHtml, /Purge paris-ws-1\?/);
      assert.match(confirmHtml, /cannot be undone/);
      const unconfirmed = await admin.post(`${page}/purge`, {});
      assert.equal(unconfirmed.status, 400);
      await unconfirmed.body?.cancel();
      assert.ok(await getComputer(ctx.db, parisId), "not purged without confirmation");
      const purged = await admin.post(`${page}/purge`, { confirm: "yes" });
      assert.equal(purged.status, 303);
      assert.equal(purged.headers.get("location"), "/computers?notice=purged");
      await purged.body?.cancel();
      assert.equal(await getComputer(ctx.db, parisId), undefined);
      const gone = await admin.get(page);
      assert.equal(gone.status, 404);
      await gone.body?.cancel();
    });
  });
});
