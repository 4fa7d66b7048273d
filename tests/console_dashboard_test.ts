/**
 * The dashboard through the real app (`createApp(ctx).fetch`) with real sessions, on computers
 * made by the real pipeline (agent inventories → synchronisation → TAG-to-entity rule): counts
 * and their links, the OS/manufacturer/software charts as valid SVG with accessible titles, the
 * inbox, task health with a failing task highlighted, and entity scoping (a technician of Paris
 * sees Paris's numbers only).
 *
 * @module
 */

import assert from "node:assert/strict";
import { createApp } from "../server/http/app.ts";
import { syncBatch } from "../server/registry/batch.ts";
import { saveSetting } from "../server/registry/settings.ts";
import { trashComputers } from "../server/registry/trash.ts";
import { BUILTIN_TASKS } from "../server/tasks/builtin/mod.ts";
import { ensureTasks } from "../server/tasks/store.ts";
import type { ServerContext } from "../server/context.ts";
import { twoEntities } from "./_helpers/api.ts";
import { createTestUser } from "./_helpers/auth.ts";
import { consoleRequest, type ConsoleSession, signedIn } from "./_helpers/console.ts";
import { type Machine, machineXml } from "./_helpers/fleet.ts";
import { withPipeline } from "./_helpers/roundtrip.ts";

const DAY = 86_400_000;

function machine(n: number, tag: string, software: string[]): Machine {
  return {
    deviceid: `dash-${n}-2026-01-01-00-00-00`,
    name: `dash-${n}`,
    serial: `DASH-SER-${n}`,
    uuid: `DASH-UUID-${n}`,
    macs: [`00:aa:bb:dd:00:${n.toString(16).padStart(2, "0")}`],
    tag,
    software: software.map((name) => ({ name, version: "1.0" })),
  };
}

interface Fleet {
  ctx: ServerContext;
  admin: ConsoleSession;
  parisTech: ConsoleSession;
  reader: ConsoleSession;
}

/**
 * Paris: 3 computers (curl, vim), one of them not seen for 40 days, one running another OS.
 * Lyon: 3 computers (curl, emacs), one of them trashed. One device waits for approval. The
 * backup task failed its last 5 runs.
 */
async function withFleet(fn: (fleet: Fleet) => Promise<void>): Promise<void> {
  await withPipeline(async ({ ctx, send }) => {
    const now = ctx.now();
    const { paris } = await twoEntities(ctx);
    for (let n = 1; n <= 3; n++) await send(machineXml(machine(n, "PARIS", ["curl", "vim"])));
    for (let n = 4; n <= 6; n++) await send(machineXml(machine(n, "LYON", ["curl", "emacs"])));
    assert.deepEqual((await syncBatch(ctx)).errors, []);

    const ids = new Map(
      (await ctx.db.selectFrom("computers").select(["id", "name"]).execute())
        .map((r) => [r.name, r.id]),
    );
    await ctx.writes.run(async (db) => {
      await db.updateTable("computers")
        .set({ last_inventory_at: new Date(now.getTime() - 40 * DAY).toISOString() })
        .where("id", "=", ids.get("dash-1")!).execute();
      await db.updateTable("computers").set({ os_name: "Microsoft Windows 11 Pro" })
        .where("id", "=", ids.get("dash-2")!).execute();
      await trashComputers(db, [ids.get("dash-6")!], now, { source: "user", actor: "test" });
      await ensureTasks(db, BUILTIN_TASKS, now);
      for (let i = 0; i < 5; i++) {
        await db.insertInto("task_runs").values({
          task: "backup",
          owner: "test",
          trigger: "schedule",
          started_at: new Date(now.getTime() - (5 - i) * 3_600_000).toISOString(),
          ended_at: new Date(now.getTime() - (5 - i) * 3_600_000 + 1000).toISOString(),
          status: "error",
          message: "disk full",
        }).execute();
      }
      await db.updateTable("tasks")
        .set({ last_status: "error", last_message: "disk full", last_run_at: now.toISOString() })
        .where("name", "=", "backup").execute();
    });
    // A new machine while approval is manual waits in the inbox.
    await saveSetting(ctx.db, "approval", "manual");
    await send(machineXml(machine(7, "PARIS", ["curl"])));
    await syncBatch(ctx);

    const parisOnly = [{ entityId: paris, recursive: true }];
    await fn({
      ctx,
      admin: signedIn(ctx, await createTestUser(ctx, "boss", "admin")),
      parisTech: signedIn(ctx, await createTestUser(ctx, "paris-tech", "technician", parisOnly)),
      reader: signedIn(ctx, await createTestUser(ctx, "reader", "readonly")),
    });
  });
}

async function dashboard(user: ConsoleSession): Promise<string> {
  const response = await user.get("/");
  assert.equal(response.status, 200);
  assert.match(response.headers.get("content-type") ?? "", /text\/html/);
  assert.match(response.headers.get("server-timing") ?? "", /^app;dur=\d+(\.\d+)?$/);
  return await response.text();
}

/** The number shown on the tile labelled `label`. */
function tile(html: string, label: string): number {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const match = new RegExp(
    `<span class="stat-value">([\\d,]+)</span><span class="stat-label">${escaped}</span>`,
  ).exec(html);
  assert.ok(match, `a tile "${label}"`);
  return Number(match[1]!.replaceAll(",", ""));
}

/** The link of the tile labelled `label`. */
function tileHref(html: string, label: string): string | undefined {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(
    `<a href="([^"]+)"><span class="stat-value">[\\d,]+</span><span class="stat-label">${escaped}<`,
  ).exec(html)?.[1]?.replaceAll("&amp;", "&");
}

/** Every inline SVG of the page, with its title and description. */
function svgs(html: string): { svg: string; title: string; desc: string }[] {
  return [...html.matchAll(/<svg[^>]*role="img"[\s\S]*?<\/svg>/g)].map(([svg]) => ({
    svg,
    title: /<title id="[^"]+">([^<]*)<\/title>/.exec(svg)?.[1] ?? "",
    desc: /<desc id="[^"]+">([^<]*)<\/desc>/.exec(svg)?.[1] ?? "",
  }));
}

/** A well-formed SVG with aria-labelledby naming its own title and desc. */
function assertAccessibleSvg(svg: string): void {
  assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  const labelledBy = /aria-labelledby="([^"]+)"/.exec(svg)?.[1]?.split(" ") ?? [];
  assert.equal(labelledBy.length, 2, "labelled by its title and its description");
  assert.ok(svg.includes(`<title id="${labelledBy[0]}">`));
  assert.ok(svg.includes(`<desc id="${labelledBy[1]}">`));
  assert.ok(balancedTags(svg), `balanced tags in ${svg.slice(0, 80)}…`);
}

/** A well-formedness check of markup: every opened element is closed, in order. */
function balancedTags(markup: string): boolean {
  const open: string[] = [];
  for (const [, closing, name, selfClosing] of markup.matchAll(/<(\/?)([a-z]+)[^>]*?(\/?)>/g)) {
    if (selfClosing) continue;
    if (!closing) open.push(name!);
    else if (open.pop() !== name) return false;
  }
  return open.length === 0;
}

Deno.test("the dashboard counts the fleet and links each count to its list", async () => {
  await withFleet(async (fleet) => {
    const html = await dashboard(fleet.admin);
    assert.match(html, /Figures for every entity/);
    assert.equal(tile(html, "computers"), 5);
    assert.equal(tileHref(html, "computers"), "/computers");
    assert.equal(tile(html, "new this week"), 5);
    assert.equal(tile(html, "not seen for 30 days"), 1, "the default threshold without staleDays");
    assert.equal(tileHref(html, "not seen for 30 days"), "/computers?stale_days=30");
    assert.equal(tile(html, "in the trash"), 1);
    assert.equal(tileHref(html, "in the trash"), "/trash");
    assert.equal(tile(html, "devices (agents)"), 7);
    assert.equal(tile(html, "not imported: pending approval"), 1);
    assert.equal(tileHref(html, "not imported: pending approval"), "/devices?status=pending");

    // The registry's stale threshold, when set, is the one shown.
    await saveSetting(fleet.ctx.db, "staleDays", 60);
    const later = await dashboard(fleet.admin);
    assert.equal(tile(later, "not seen for 60 days"), 0);
    assert.equal(tileHref(later, "not seen for 60 days"), "/computers?stale_days=60");
  });
});

Deno.test("the dashboard's charts are valid SVG with accessible titles and linked tables", async () => {
  await withFleet(async (fleet) => {
    const html = await dashboard(fleet.admin);
    const charts = svgs(html);
    assert.deepEqual(charts.map((c) => c.title), [
      "New computers per week, last 12 weeks",
      "Computers by operating system",
      "Computers by manufacturer",
      "Most installed software",
      "Most installed software outside the base OS",
    ]);
    for (const chart of charts) assertAccessibleSvg(chart.svg);

    const os = charts.find((c) => c.title === "Computers by operating system")!;
    assert.match(os.desc, /Microsoft Windows 11 Pro: 1 computers \(20%\)/);
    assert.match(os.desc, /: 4 computers \(80%\)/);
    assert.match(
      html,
      /<a href="\/computers\?os_is=Microsoft\+Windows\+11\+Pro">Microsoft Windows 11 Pro<\/a>/,
    );
    // Every OS link opens a list of exactly the computers its slice counts.
    for (
      const m of html.matchAll(
        /<a href="(\/computers\?os_is=[^"]+)">[^<]+<\/a><\/th><td class="num">(\d+)<\/td>/g,
      )
    ) {
      const list = await (await fleet.admin.get(m[1]!.replaceAll("&amp;", "&"))).text();
      const count = /data-testid="computer-count"><strong>(\d+)<\/strong>/.exec(list)?.[1];
      assert.equal(count, m[2], m[1]);
    }
    // Trashed computers count nowhere but in the trash: curl is on 5 live computers, not 6.
    const software = charts.find((c) => c.title === "Most installed software")!;
    assert.match(software.desc, /^curl: 5 installations/);
    assert.match(software.desc, /vim: 3 installations/);
    assert.match(software.desc, /emacs: 2 installations/);
    // curl is on every Linux computer (its base); the lone Windows one is too few to have one.
    const outside = charts.find((c) => c.title === "Most installed software outside the base OS")!;
    assert.match(outside.desc, /^vim: 3 installations/);
    assert.match(outside.desc, /emacs: 2 installations/);
    assert.doesNotMatch(outside.desc, /curl/);
    assert.match(html, /counted at <time datetime="[^"]+">\d\d:\d\d [AP]M [^<]+<\/time>/);
    const curl = await fleet.ctx.db.selectFrom("software").select("id")
      .where("name_key", "=", "curl").executeTakeFirstOrThrow();
    assert.ok(html.includes(`<a href="/software/${curl.id}">curl</a>`));
    // No inline style: the CSP forbids it (style-src 'self').
    assert.doesNotMatch(html, /\sstyle="/);
    const again = await fleet.admin.get("/");
    await again.body?.cancel();
    assert.match(again.headers.get("content-security-policy") ?? "", /style-src 'self';/);
  });
});

Deno.test("task health lists every task and highlights a failing one", async () => {
  await withFleet(async (fleet) => {
    const html = await dashboard(fleet.admin);
    assert.match(html, /1 of \d+ failing\./);
    const row = /<tr\s+class="failing">([\s\S]*?)<\/tr>/.exec(html)?.[1] ?? "";
    assert.match(
      row,
      /<a href="\/tasks\/backup">backup<\/a><span class="badge off">failing<\/span>/,
    );
    assert.match(row, /disk full/);
    assert.match(row, /5 of 5/);
    for (const task of BUILTIN_TASKS) assert.ok(html.includes(`href="/tasks/${task.name}"`));
    // Without the "tasks" right there is no task health.
    const reader = await dashboard(fleet.reader);
    assert.doesNotMatch(reader, /Automatic actions/);
    assert.equal(tile(reader, "computers"), 5, "a read-only profile over every entity counts all");
    assert.equal(tileHref(reader, "in the trash"), undefined, "no trash link without the right");
  });
});

Deno.test("a technician of Paris sees Paris's numbers only", async () => {
  await withFleet(async (fleet) => {
    const html = await dashboard(fleet.parisTech);
    assert.match(html, /Figures for the computers of your entities only/);
    assert.equal(tile(html, "computers"), 3);
    assert.equal(tile(html, "new this week"), 3);
    assert.equal(tile(html, "not seen for 30 days"), 1);
    assert.equal(tile(html, "in the trash"), 0, "Lyon's trashed computer is not counted");
    assert.equal(tile(html, "devices feeding your computers"), 3);
    assert.doesNotMatch(html, /not imported:/, "the inbox has no entity: not shown");
    assert.doesNotMatch(html, /Automatic actions/, "tasks are a global right");
    const charts = svgs(html);
    const software = charts.find((c) => c.title === "Most installed software")!;
    assert.match(software.desc, /^curl: 3 installations/);
    assert.match(software.desc, /vim: 3 installations/);
    assert.doesNotMatch(html, /emacs/, "Lyon's software is not shown");
    const os = charts.find((c) => c.title === "Computers by operating system")!;
    assert.match(os.desc, /Microsoft Windows 11 Pro: 1 computers \(33\.3%\)/);
    assert.doesNotMatch(html, /dash-[4-6]/);
  });
});

Deno.test("the dashboard refuses anonymous requests", async () => {
  await withFleet(async (fleet) => {
    const response = await consoleRequest(createApp(fleet.ctx), "/");
    await response.body?.cancel();
    assert.equal(response.status, 303);
    assert.equal(response.headers.get("location"), "/login");
  });
});
