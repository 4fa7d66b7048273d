/**
 * The computers list, its CSV export, bulk actions and the trash, through the real app
 * (`createApp(ctx).fetch`) with real sessions, on computers made by the real pipeline (agent
 * inventories → synchronisation with a TAG → entity rule). Covers search (MAC in any notation,
 * software), filters, sort, pages, columns, the CSV's content and escaping, bulk
 * trash/restore/purge/set-location with locks, the purge confirmation, CSRF, and entity scoping:
 * a technician of Europe never sees, counts, exports or acts on Asia's computers, nor is offered
 * or may set Asia's locations.
 *
 * @module
 */

import assert from "node:assert/strict";
import type { ServerContext } from "../server/context.ts";
import { syncBatch } from "../server/registry/batch.ts";
import { editComputers } from "../server/registry/edit.ts";
import { createEntity, ensureLocation } from "../server/registry/tree.ts";
import { entityFromTagRule } from "./_helpers/api.ts";
import { createTestUser } from "./_helpers/auth.ts";
import { type ConsoleSession, signedIn } from "./_helpers/console.ts";
import { type Machine, machineXml } from "./_helpers/fleet.ts";
import { withPipeline } from "./_helpers/roundtrip.ts";

interface Fleet {
  ctx: ServerContext;
  ids: Record<string, number>;
  entities: { europe: number; paris: number; asia: number };
  admin: ConsoleSession;
  tech: ConsoleSession;
  reader: ConsoleSession;
}

const MACHINES: (Machine & { key: string })[] = [
  {
    key: "paris1",
    deviceid: "paris-1-2026-01-01-00-00-00",
    name: "paris-1",
    serial: "SER-P1",
    uuid: "UUID-P1",
    macs: ["00:aa:bb:cc:01:01"],
    tag: "PARIS",
    software: [{ name: "curl", version: "8.0" }],
  },
  {
    key: "paris2",
    deviceid: "paris-2-2026-01-01-00-00-00",
    name: "paris-2",
    serial: "SER-P2",
    uuid: "UUID-P2",
    macs: ["00:aa:bb:cc:01:02"],
    tag: "PARIS",
    software: [{ name: "curl", version: "8.1" }, { name: "Firefox ESR", version: "128" }],
  },
  {
    key: "europe1",
    deviceid: "europe-1-2026-01-01-00-00-00",
    name: "europe-1",
    serial: "SER-E1",
    uuid: "UUID-E1",
    macs: ["00:aa:bb:cc:02:01"],
    tag: "EUROPE",
    software: [{ name: "vim", version: "9" }],
  },
  {
    key: "asia1",
    deviceid: "asia-1-2026-01-01-00-00-00",
    name: "asia-1",
    serial: "SER-A1",
    uuid: "UUID-A1",
    macs: ["00:aa:bb:cc:03:01"],
    tag: "ASIA",
    software: [{ name: "Firefox ESR", version: "128" }],
  },
  {
    key: "asia2",
    deviceid: "asia-2-2026-01-01-00-00-00",
    name: "asia-2",
    serial: "SER-A2",
    uuid: "UUID-A2",
    macs: ["00:aa:bb:cc:03:02"],
    tag: "ASIA",
    software: [{ name: "vim", version: "9" }],
  },
];

/** Five computers in Europe > Paris, Europe and Asia, made through the real pipeline. */
async function withFleet(fn: (fleet: Fleet) => Promise<void>): Promise<void> {
  await withPipeline(async ({ ctx, send }) => {
    const europe = await createEntity(ctx.db, "Europe", 1, "EUROPE");
    const paris = await createEntity(ctx.db, "Paris", europe.id, "PARIS");
    const asia = await createEntity(ctx.db, "Asia", 1, "ASIA");
    await entityFromTagRule(ctx);
    for (const m of MACHINES) await send(machineXml(m));
    const result = await syncBatch(ctx);
    assert.deepEqual(result.errors, []);
    const ids: Record<string, number> = {};
    for (const m of MACHINES) {
      const link = await ctx.db.selectFrom("computer_links").select("computer_id")
        .where("deviceid", "=", m.deviceid).executeTakeFirstOrThrow();
      ids[m.key] = link.computer_id;
    }
    await fn({
      ctx,
      ids,
      entities: { europe: europe.id, paris: paris.id, asia: asia.id },
      admin: signedIn(ctx, await createTestUser(ctx, "admin", "admin")),
      tech: signedIn(
        ctx,
        await createTestUser(ctx, "tech", "technician", [{ entityId: europe.id, recursive: true }]),
      ),
      reader: signedIn(ctx, await createTestUser(ctx, "reader", "readonly")),
    });
  });
}

/** A page's HTML, with the renderer's doubled spaces inside tags collapsed for matching. */
async function page(user: ConsoleSession, path: string): Promise<string> {
  const { status, html } = await user.page(path);
  assert.equal(status, 200, html);
  return tidy(html);
}

function tidy(html: string): string {
  return html.replace(/<[a-z][^<>]*>/g, (tag) => tag.replace(/ {2,}/g, " ").replace(/ >$/, ">"));
}

/** The computer ids of the rows a list page shows, in order. */
function rowIds(html: string): number[] {
  return [...html.matchAll(/<tr data-id="(\d+)"/g)].map((m) => Number(m[1]));
}

function countOf(html: string): number {
  const match = /data-testid="computer-count"><strong>([\d,]+)<\/strong>/.exec(html);
  assert.ok(match, "the page shows a count");
  return Number(match[1]!.replaceAll(",", ""));
}

function sorted(ids: number[]): number[] {
  return [...ids].sort((a, b) => a - b);
}

/** The CSV's records (BOM and CRLF checked and removed); quoted fields unquoted. */
async function csvRecords(response: Response): Promise<string[][]> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf], "UTF-8 byte-order mark");
  const body = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes.slice(3));
  assert.ok(body.endsWith("\r\n"), "records end with CRLF");
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      record.push(field);
      field = "";
    } else if (ch === "\r" && body[i + 1] === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      i++;
    } else throw new Error(`unquoted character ${JSON.stringify(ch)} at ${i}`);
  }
  return records;
}

Deno.test("computers list: search, filters, sort, pages, columns", async (t) => {
  await withFleet(async (fleet) => {
    const { admin, ids, entities } = fleet;
    const all = Object.values(ids);

    await t.step("the list shows every computer, each linking to its page", async () => {
      const html = await page(admin, "/computers");
      assert.equal(countOf(html), 5);
      assert.deepEqual(sorted(rowIds(html)), sorted(all));
      assert.match(html, new RegExp(`<a href="/computers/${ids.paris1}">paris-1</a>`));
      assert.match(html, /<a href="\/computers" aria-current="page">Computers<\/a>/);
      assert.match(html, /software:NAME/, "the search hint tells about software:");
    });

    await t.step("a MAC in any usual notation finds its computer by network port", async () => {
      for (
        const mac of ["00:AA:BB:CC:03:02", "00-aa-bb-cc-03-02", "00aa.bbcc.0302", "00aabbcc0302"]
      ) {
        const html = await page(admin, `/computers?q=${encodeURIComponent(mac)}`);
        assert.deepEqual(rowIds(html), [ids.asia2], mac);
        assert.equal(countOf(html), 1);
      }
    });

    await t.step("twelve hex digits that are no MAC search the text (a serial)", async () => {
      await fleet.ctx.writes.run((db) =>
        editComputers(db, [ids.europe1!], { serial: "5CD1234ABC56" }, "test", fleet.ctx.now())
      );
      assert.deepEqual(rowIds(await page(admin, "/computers?q=5cd1234abc56")), [
        ids.europe1,
      ]);
      await fleet.ctx.writes.run((db) =>
        editComputers(db, [ids.europe1!], { serial: "SER-E1" }, "test", fleet.ctx.now())
      );
    });

    await t.step("search by name, serial, UUID and software", async () => {
      assert.deepEqual(
        sorted(rowIds(await page(admin, "/computers?q=paris"))),
        sorted([ids.paris1!, ids.paris2!]),
      );
      assert.deepEqual(rowIds(await page(admin, "/computers?q=ser-e1")), [ids.europe1]);
      assert.deepEqual(rowIds(await page(admin, "/computers?q=UUID-A1")), [ids.asia1]);
      assert.deepEqual(
        sorted(rowIds(await page(admin, "/computers?q=software%3Afirefox"))),
        sorted([ids.paris2!, ids.asia1!]),
      );
      assert.deepEqual(rowIds(await page(admin, "/computers?q=nothing-like-this")), []);
      assert.deepEqual(rowIds(await page(admin, "/computers?q=50%25")), [], "% is literal");
    });

    await t.step("filters: entity with sub-entities, TAG, OS, state, location, stale", async () => {
      const europe = await page(admin, `/computers?entity=${entities.europe}`);
      assert.deepEqual(
        sorted(rowIds(europe)),
        sorted([ids.paris1!, ids.paris2!, ids.europe1!]),
      );
      assert.deepEqual(
        sorted(rowIds(await page(admin, `/computers?entity=${entities.paris}`))),
        sorted([ids.paris1!, ids.paris2!]),
      );
      assert.deepEqual(
        sorted(rowIds(await page(admin, "/computers?tag=ASIA"))),
        sorted([ids.asia1!, ids.asia2!]),
      );
      assert.deepEqual(rowIds(await page(admin, "/computers?tag=AS")), [], "TAG is exact");
      const os = await fleet.ctx.db.selectFrom("computers").select("os_name")
        .where("id", "=", ids.paris1!).executeTakeFirstOrThrow();
      assert.ok(os.os_name.length > 3);
      const osPart = os.os_name.slice(1, 4).toLowerCase();
      assert.equal(
        countOf(await page(admin, `/computers?os=${encodeURIComponent(osPart)}`)),
        5,
      );
      assert.equal(countOf(await page(admin, "/computers?os=Windows")), 0);

      const now = fleet.ctx.now();
      const hq = await fleet.ctx.writes.run((db) => ensureLocation(db, "HQ > Floor 2", 1));
      await fleet.ctx.writes.run((db) =>
        editComputers(db, [ids.europe1!], { location_id: hq!.id, state_id: 2 }, "test", now)
      );
      assert.deepEqual(rowIds(await page(admin, `/computers?location=${hq!.id}`)), [
        ids.europe1,
      ]);
      assert.deepEqual(rowIds(await page(admin, "/computers?state=2")), [ids.europe1]);
      // Age one computer's last inventory (the pipeline stamps "now").
      await fleet.ctx.writes.run((db) =>
        db.updateTable("computers")
          .set({ last_inventory_at: new Date(now.getTime() - 40 * 86_400_000).toISOString() })
          .where("id", "=", ids.asia2!).execute()
      );
      assert.deepEqual(rowIds(await page(admin, "/computers?stale_days=30")), [ids.asia2]);
      assert.equal(countOf(await page(admin, "/computers?stale_days=60")), 0);
      // Filters combine, and the filter form shows them back.
      const combined = await page(admin, `/computers?entity=${entities.europe}&q=paris-2`);
      assert.deepEqual(rowIds(combined), [ids.paris2]);
      assert.match(combined, /name="q" value="paris-2"/);
      assert.match(combined, new RegExp(`<option value="${entities.europe}" selected>`));
    });

    await t.step("sort by clickable headers, both ways", async () => {
      const byName = rowIds(await page(admin, "/computers"));
      assert.deepEqual(byName, [ids.asia1, ids.asia2, ids.europe1, ids.paris1, ids.paris2]);
      const html = await page(admin, "/computers?sort=name&dir=desc");
      assert.deepEqual(rowIds(html), [...byName].reverse());
      assert.match(html, /aria-sort="descending"><a href="\/computers\?sort=name">/);
      const bySerialDesc = rowIds(await page(admin, "/computers?sort=serial&dir=desc"));
      assert.deepEqual(bySerialDesc, [ids.paris2, ids.paris1, ids.europe1, ids.asia2, ids.asia1]);
      const byEntity = rowIds(await page(admin, "/computers?sort=entity"));
      assert.deepEqual(sorted(byEntity.slice(0, 2)), sorted([ids.asia1!, ids.asia2!]));
      const bad = await admin.get("/computers?sort=password");
      assert.equal(bad.status, 400);
      assert.match(await bad.text(), /Cannot sort by/);
    });

    await t.step("pages keep the filter and sort", async () => {
      const html = await page(admin, "/computers?per_page=2&page=2&sort=serial");
      assert.deepEqual(rowIds(html), [ids.europe1, ids.paris1]);
      assert.match(html, /3–4 of 5/);
      assert.match(html, /href="\/computers\?sort=serial&amp;per_page=2&amp;page=3" rel="next"/);
      const last = await page(admin, "/computers?per_page=2&page=3&sort=serial");
      assert.deepEqual(rowIds(last), [ids.paris2]);
      assert.equal((await admin.get("/computers?page=0")).status, 400);
      assert.equal((await admin.get("/computers?per_page=100000")).status, 400);
    });

    await t.step("columns: defaults, a chosen set in the URL, kept by links", async () => {
      const defaults = await page(admin, "/computers");
      for (const label of ["Name", "Entity", "Location", "Operating system", "Serial number"]) {
        assert.match(
          defaults,
          new RegExp(`>${label}(<span aria-hidden="true"> ▲</span>)?</a></th>`),
        );
      }
      assert.doesNotMatch(defaults, />UUID<\/a><\/th>/);
      const chosen = await page(admin, "/computers?cols=uuid&cols=tag&q=asia-1");
      assert.match(chosen, />UUID<\/a><\/th>/);
      assert.match(chosen, />TAG<\/a><\/th>/);
      assert.match(chosen, />Name(<span[^>]*> ▲<\/span>)?<\/a><\/th>/, "the name is always shown");
      assert.doesNotMatch(chosen, />Serial number<\/a><\/th>/);
      assert.match(chosen, /<td class="optional">UUID-A1<\/td>/);
      assert.match(
        chosen,
        /href="\/computers\?q=asia-1&amp;sort=name&amp;dir=desc&amp;cols=name%2Cuuid%2Ctag"/,
      );
      assert.match(chosen, /name="cols" value="uuid" checked/);
    });
  });
});

Deno.test("computers CSV: the filter's rows, chosen columns, quoting, formula guard", async () => {
  await withFleet(async (fleet) => {
    const { admin, ids, ctx } = fleet;
    await ctx.writes.run((db) =>
      editComputers(
        db,
        [ids.asia1!],
        {
          name: '=HYPERLINK("http://evil","x")',
          user: 'O\'Brien, "the boss"',
          comment: "",
        },
        "test",
        ctx.now(),
      )
    );
    await ctx.writes.run((db) =>
      editComputers(db, [ids.asia2!], { name: "Ærø-øst 東京", user: "@admin" }, "test", ctx.now())
    );
    const response = await admin.get("/computers.csv?tag=ASIA&cols=user,serial&sort=serial");
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("content-type"), "text/csv; charset=utf-8");
    assert.match(
      response.headers.get("content-disposition") ?? "",
      /^attachment; filename="computers-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const records = await csvRecords(response);
    assert.deepEqual(records, [
      ["Name", "Serial number", "User"],
      [`'=HYPERLINK("http://evil","x")`, "SER-A1", `O'Brien, "the boss"`],
      ["Ærø-øst 東京", "SER-A2", "'@admin"],
    ]);
    // Default columns, every matching row (not just a page).
    const full = await csvRecords(await admin.get("/computers.csv?per_page=1"));
    assert.equal(full.length, 6);
    assert.deepEqual(full[0], [
      "Name",
      "Entity",
      "Location",
      "Operating system",
      "Serial number",
      "IP address",
      "Last inventory",
    ]);
    assert.ok(full.slice(1).some((r) => r[1] === "Root entity > Europe > Paris"));
    assert.equal((await admin.get("/computers.csv?entity=x")).status, 400);
  });
});

Deno.test("bulk actions: trash, restore, purge with confirmation, set location with locks", async (t) => {
  await withFleet(async (fleet) => {
    const { admin, ids, ctx } = fleet;

    await t.step("trash the checked computers, with a notice, back to the filter", async () => {
      const response = await admin.post("/computers/bulk", [
        ["action", "trash"],
        ["id", String(ids.paris1)],
        ["id", String(ids.paris2)],
        ["q", "paris"],
        ["cols", "name,uuid"],
      ]);
      assert.equal(response.status, 303);
      const location = response.headers.get("location")!;
      assert.equal(location, "/computers?q=paris&cols=name%2Cuuid&notice=trash&count=2");
      const html = await page(admin, location);
      assert.match(html, /2 computers moved to the trash\./);
      assert.equal(countOf(html), 0);
      assert.equal(countOf(await page(admin, "/computers")), 3);
      const trash = await page(admin, "/trash");
      assert.deepEqual(sorted(rowIds(trash)), sorted([ids.paris1!, ids.paris2!]));
      assert.match(trash, /Empty the trash \(2\)…/);
      const history = await ctx.db.selectFrom("history").select(["kind", "actor"])
        .where("computer_id", "=", ids.paris1!).where("kind", "=", "trashed").execute();
      assert.deepEqual(history.map((h) => ({ ...h })), [{ kind: "trashed", actor: "admin" }]);
    });

    await t.step("restore one from the trash", async () => {
      const response = await admin.post("/trash/bulk", [
        ["action", "restore"],
        ["id", String(ids.paris2)],
      ]);
      assert.equal(response.headers.get("location"), "/trash?notice=restore&count=1");
      assert.deepEqual(rowIds(await page(admin, "/trash")), [ids.paris1]);
      // The trash's CSV holds the trash's rows, never a live computer.
      const trashed = await admin.get("/trash.csv?cols=name");
      assert.match(trashed.headers.get("content-disposition") ?? "", /filename="trash-/);
      const records = await csvRecords(trashed);
      const name = await ctx.db.selectFrom("computers").select("name")
        .where("id", "=", ids.paris1!).executeTakeFirstOrThrow();
      assert.deepEqual(records.slice(1), [[name.name]]);
    });

    await t.step("purge asks for confirmation first, then purges", async () => {
      const ask = await admin.post("/trash/bulk", [["action", "purge"], ["all", "1"]]);
      assert.equal(ask.status, 200);
      const html = tidy(await ask.text());
      assert.match(html, /Purge 1 computer\?/);
      assert.match(html, /<li>paris-1<\/li>/);
      assert.match(html, /name="confirm" value="1"/);
      assert.match(html, /name="all" value="1"/);
      assert.ok(
        await ctx.db.selectFrom("computers").select("id").where("id", "=", ids.paris1!)
          .executeTakeFirst(),
        "nothing purged before the confirmation",
      );
      const done = await admin.post("/trash/bulk", [
        ["action", "purge"],
        ["all", "1"],
        ["confirm", "1"],
      ]);
      assert.equal(done.headers.get("location"), "/trash?notice=purge&count=1");
      assert.equal(
        await ctx.db.selectFrom("computers").select("id").where("id", "=", ids.paris1!)
          .executeTakeFirst(),
        undefined,
      );
      assert.match(await page(admin, done.headers.get("location")!), /1 computer purged/);
    });

    await t.step("set location on all computers matching a filter locks the field", async () => {
      const hq = await ctx.writes.run((db) => ensureLocation(db, "HQ", 1));
      const response = await admin.post("/computers/bulk", [
        ["action", "set_location"],
        ["to_location", String(hq!.id)],
        ["all", "1"],
        ["tag", "ASIA"],
      ]);
      assert.equal(
        response.headers.get("location"),
        "/computers?tag=ASIA&notice=set_location&count=2",
      );
      const rows = await ctx.db.selectFrom("computers").select(["id", "location_id"])
        .where("tag", "=", "ASIA").orderBy("id").execute();
      assert.deepEqual(rows.map((r) => r.location_id), [hq!.id, hq!.id]);
      const locks = await ctx.db.selectFrom("computer_locks").select(["computer_id", "field"])
        .where("field", "=", "location_id").orderBy("computer_id").execute();
      assert.deepEqual(locks.map((l) => l.computer_id), [ids.asia1, ids.asia2]);
      // Without a chosen value nothing happens.
      const none = await admin.post("/computers/bulk", [
        ["action", "set_location"],
        ["to_location", ""],
        ["id", String(ids.asia1)],
      ]);
      assert.equal(none.headers.get("location"), "/computers?notice=choose-target");
      const unknown = await admin.post("/computers/bulk", [
        ["action", "set_location"],
        ["to_location", "999999"],
        ["id", String(ids.asia1)],
      ]);
      assert.equal(unknown.status, 400);
      assert.match(await unknown.text(), /There is no such location\. Nothing was done\./);
    });

    await t.step("lock and unlock all fields in bulk", async () => {
      const lock = await admin.post("/computers/bulk", [
        ["action", "lock"],
        ["id", String(ids.europe1)],
      ]);
      assert.equal(lock.status, 303);
      const count = async () =>
        (await ctx.db.selectFrom("computer_locks").select("field")
          .where("computer_id", "=", ids.europe1!).execute()).length;
      assert.ok(await count() > 5);
      const unlock = await admin.post("/computers/bulk", [
        ["action", "unlock"],
        ["id", String(ids.europe1)],
      ]);
      assert.match(unlock.headers.get("location") ?? "", /notice=unlock&count=\d+/);
      assert.equal(await count(), 0);
    });

    await t.step(
      "purge from the computers list: live computers too, after confirmation",
      async () => {
        const ask = await admin.post("/computers/bulk", [
          ["action", "purge"],
          ["id", String(ids.europe1)],
        ]);
        assert.match(await ask.text(), /Computers that are not in the trash are purged too/);
        const done = await admin.post("/computers/bulk", [
          ["action", "purge"],
          ["id", String(ids.europe1)],
          ["confirm", "1"],
        ]);
        assert.equal(done.headers.get("location"), "/computers?notice=purge&count=1");
      },
    );

    await t.step("a post without the CSRF token is refused and changes nothing", async () => {
      const response = await admin.post("/computers/bulk", [
        ["action", "trash"],
        ["id", String(ids.asia1)],
      ], { csrf: false });
      assert.equal(response.status, 403);
      assert.match(await response.text(), /This form has expired or came from another site/);
      const row = await ctx.db.selectFrom("computers").select("is_deleted")
        .where("id", "=", ids.asia1!).executeTakeFirstOrThrow();
      assert.equal(row.is_deleted, 0);
    });

    await t.step("unknown actions and actions the list does not offer are refused", async () => {
      const odd = await admin.post("/computers/bulk", [["action", "drop"], ["all", "1"]]);
      assert.equal(odd.status, 400);
      const restore = await admin.post("/computers/bulk", [["action", "restore"]]);
      assert.equal(restore.status, 400);
    });
  });
});

Deno.test("entity scoping: a technician of Europe never sees or acts on Asia's computers", async (t) => {
  await withFleet(async (fleet) => {
    const { tech, ids, entities, ctx } = fleet;
    const europe = sorted([ids.paris1!, ids.paris2!, ids.europe1!]);

    await t.step("the list, its count, and the entity filter", async () => {
      const html = await page(tech, "/computers");
      assert.deepEqual(sorted(rowIds(html)), europe);
      assert.equal(countOf(html), 3);
      assert.doesNotMatch(html, /asia-/);
      assert.doesNotMatch(html, /Root entity > Asia/, "Asia is not among the entity choices");
      assert.equal(countOf(await page(tech, `/computers?entity=${entities.asia}`)), 0);
      assert.equal(countOf(await page(tech, "/computers?entity=1")), 3);
      assert.equal(countOf(await page(tech, "/computers?q=00:aa:bb:cc:03:01")), 0);
      assert.equal(countOf(await page(tech, "/computers?tag=ASIA")), 0);
      assert.equal(countOf(await page(tech, "/computers?q=software:firefox")), 1);
    });

    await t.step("the CSV", async () => {
      const records = await csvRecords(await tech.get("/computers.csv?cols=tag"));
      assert.equal(records.length, 4);
      assert.ok(records.slice(1).every((r) => r[1] !== "ASIA"));
      const asia = await csvRecords(
        await tech.get(`/computers.csv?entity=${entities.asia}`),
      );
      assert.equal(asia.length, 1, "only the header");
    });

    await t.step("bulk actions posting Asia's ids are refused as a whole", async () => {
      const response = await tech.post("/computers/bulk", [
        ["action", "trash"],
        ["id", String(ids.paris1)],
        ["id", String(ids.asia1)],
      ]);
      assert.equal(response.status, 403);
      assert.match(
        await response.text(),
        /1 of the selected computers do not exist or lie outside/,
      );
      const rows = await ctx.db.selectFrom("computers").select(["id", "is_deleted"])
        .where("id", "in", [ids.paris1!, ids.asia1!]).execute();
      assert.ok(rows.every((r) => r.is_deleted === 0), "nothing trashed");
      const edit = await tech.post("/computers/bulk", [
        ["action", "set_state"],
        ["to_state", "2"],
        ["id", String(ids.asia2)],
      ]);
      assert.equal(edit.status, 403);
    });

    await t.step("'all matching' covers only the technician's entities", async () => {
      const response = await tech.post("/computers/bulk", [
        ["action", "trash"],
        ["all", "1"],
        ["entity", String(entities.asia)],
      ]);
      assert.equal(
        response.headers.get("location"),
        `/computers?entity=${entities.asia}&notice=none-selected`,
      );
      const everything = await tech.post("/computers/bulk", [["action", "lock"], [
        "all",
        "1",
      ]]);
      assert.equal(everything.headers.get("location"), "/computers?notice=lock&count=3");
      const locked = await ctx.db.selectFrom("computer_locks").select("computer_id").distinct()
        .execute();
      assert.deepEqual(sorted(locked.map((l) => l.computer_id)), europe);
    });

    await t.step("moving computers to an entity outside the scope is refused", async () => {
      const response = await tech.post("/computers/bulk", [
        ["action", "set_entity"],
        ["to_entity", String(entities.asia)],
        ["id", String(ids.paris1)],
      ]);
      assert.equal(response.status, 403);
      const row = await ctx.db.selectFrom("computers").select("entity_id")
        .where("id", "=", ids.paris1!).executeTakeFirstOrThrow();
      assert.equal(row.entity_id, entities.paris);
    });

    await t.step(
      "only their entities' locations, and those above, are offered and accepted",
      async () => {
        const place = (path: string, entityId: number) =>
          ctx.writes.run(async (db) => (await ensureLocation(db, path, entityId))!.id);
        const groupHq = await place("Group HQ", 1);
        await place("Paris office", entities.paris);
        const tokyo = await place("Tokyo office", entities.asia);
        const html = await page(tech, "/computers");
        const picker = html.split('<select id="to-location"')[1]!.split("</select>")[0]!;
        assert.match(picker, />Group HQ</, "a location of the root entity, above Europe");
        assert.match(picker, />Paris office</);
        assert.doesNotMatch(html, /Tokyo office/, "neither in the bulk form nor in the filter");
        assert.match(await page(fleet.admin, "/computers"), />Tokyo office</, "an admin sees all");

        const before = await ctx.db.selectFrom("computers").select(["id", "location_id"])
          .orderBy("id").execute();
        for (
          const selection of [[["id", String(ids.paris1)]], [["all", "1"]]] as [string, string][][]
        ) {
          const refused = await tech.post("/computers/bulk", [
            ["action", "set_location"],
            ["to_location", String(tokyo)],
            ...selection,
          ]);
          assert.equal(refused.status, 403);
          assert.match(
            await refused.text(),
            /That location belongs to an entity outside yours: choose one of your entities' locations/,
          );
        }
        const after = await ctx.db.selectFrom("computers").select(["id", "location_id"])
          .orderBy("id").execute();
        assert.deepEqual(after, before, "nothing changed");

        const allowed = await tech.post("/computers/bulk", [
          ["action", "set_location"],
          ["to_location", String(groupHq)],
          ["id", String(ids.paris1)],
        ]);
        assert.equal(allowed.headers.get("location"), "/computers?notice=set_location&count=1");
        const row = await ctx.db.selectFrom("computers").select("location_id")
          .where("id", "=", ids.paris1!).executeTakeFirstOrThrow();
        assert.equal(row.location_id, groupHq);
      },
    );

    await t.step("a technician cannot purge; the trash shows only their entities", async () => {
      await fleet.admin.post("/computers/bulk", [
        ["action", "trash"],
        ["id", String(ids.asia1)],
        ["id", String(ids.europe1)],
      ]);
      const trash = await page(tech, "/trash");
      assert.deepEqual(rowIds(trash), [ids.europe1]);
      assert.doesNotMatch(trash, /Purge…|Empty the trash/);
      const purge = await tech.post("/trash/bulk", [
        ["action", "purge"],
        ["id", String(ids.europe1)],
        ["confirm", "1"],
      ]);
      assert.equal(purge.status, 403);
      const restoreAsia = await tech.post("/trash/bulk", [
        ["action", "restore"],
        ["id", String(ids.asia1)],
      ]);
      assert.equal(restoreAsia.status, 403);
    });

    await t.step("a read-only user sees no checkboxes and cannot post", async () => {
      const html = await page(fleet.reader, "/computers");
      assert.equal(countOf(html), 3 + 2 - 2, "all entities, minus the two in the trash");
      assert.doesNotMatch(html, /type="checkbox" name="id"/);
      assert.doesNotMatch(html, /action="\/computers\/bulk"/);
      const response = await fleet.reader.post("/computers/bulk", [
        ["action", "trash"],
        ["id", String(ids.asia2)],
      ]);
      assert.equal(response.status, 403);
      assert.equal((await fleet.reader.get("/trash")).status, 403);
    });
  });
});
