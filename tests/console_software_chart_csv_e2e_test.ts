/**
 * The dashboard's "most installed outside the base OS" chart and the lists' CSV exports end to
 * end in a real Chromium (JavaScript off), in French and in English. Four machines posted by the
 * agent route share one OS: a library all four have is that OS's base and stays off the chart,
 * Firefox (three of four) leads it; its bar opens the software's page, whose count and list of
 * computers equal the bar's value. The inbox (a device waiting for approval), the software
 * catalogue and the event log each download a CSV with the page's rows, headers in the reader's
 * language and its separator.
 *
 * @module
 */

import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { saveSetting } from "../server/registry/settings.ts";
import { writeEvent } from "../server/tasks/event_log.ts";
import { createTestUser } from "./_helpers/auth.ts";
import { pageWithoutScripts, screenshot } from "./_helpers/browser.ts";
import { machineXml } from "./_helpers/fleet.ts";
import { agentPost, waitForComputer, withServedConsole } from "./_helpers/served_console.ts";

const PASSWORD = "lantern over the quiet harbour";

function machine(i: number, software: string[]) {
  return {
    deviceid: `chart-${i}-2026-01-01-00-00-0${i}`,
    name: `chart-${i}`,
    serial: `CHART-${i}`,
    uuid: `CHART-UUID-${i}`,
    macs: [`00:aa:bb:cc:e${i}:01`],
    software: software.map((name) => ({ name, version: "1.0", publisher: "Someone" })),
  };
}

const MACHINES = [1, 2, 3, 4].map((i) =>
  machine(i, [
    "libbase",
    ...(i <= 3 ? ["Mozilla Firefox"] : []),
    ...(i === 1 ? ["7-Zip"] : []),
  ])
);
const WAITING = machine(5, ["libbase"]);

async function signIn(page: Page, url: string, login: string, labels: string[]) {
  await page.goto(`${url}/login`);
  await page.getByLabel(labels[0]!).fill(login);
  await page.getByLabel(labels[1]!, { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: labels[2]! }).click();
  await page.waitForURL(`${url}/`);
}

/** Clicks the link named `name` and reads the CSV it downloads: its lines, split. */
async function download(page: Page, name: string, separator: string): Promise<string[][]> {
  const [file] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name, exact: true }).click(),
  ]);
  const text = await Deno.readTextFile((await file.path())!);
  assert.ok(text.startsWith("\uFEFF"), "a byte-order mark");
  return text.slice(1).trimEnd().split("\r\n").map((line) =>
    line.slice(1, -1).split(`"${separator}"`)
  );
}

const RUNS = [
  {
    locale: "fr-FR",
    labels: ["Identifiant", "Mot de passe", "Se connecter"],
    export: "Exporter en CSV",
    separator: ";",
    title: "Logiciels les plus installés hors système de base",
    table: "Afficher sous forme de tableau",
    counts: /1 version, (\d+) installations?/,
    holdersHeader: ["Ordinateur", "Numéro de série"],
    inboxHeader: ["DEVICEID", "Nom", "Numéro de série", "TAG", "Statut"],
    pending: "En attente d’approbation",
    softwareHeader: ["Nom", "Éditeur", "Versions", "Installations", "Catégorie"],
    eventsHeader: ["Date", "Niveau", "Type", "Message"],
  },
  {
    locale: "en-US",
    labels: ["Login", "Password", "Sign in"],
    export: "Export CSV",
    separator: ",",
    title: "Most installed software outside the base OS",
    table: "Show as a table",
    counts: /1 version, (\d+) installations?/,
    holdersHeader: ["Computer", "Serial number"],
    inboxHeader: ["DEVICEID", "Name", "Serial number", "TAG", "Status"],
    pending: "Pending approval",
    softwareHeader: ["Name", "Publisher", "Versions", "Installations", "Category"],
    eventsHeader: ["When", "Level", "Kind", "Message"],
  },
];

Deno.test("console: the software chart outside the base OS opens lists of its counts, and every list exports CSV, in French and English", async (t) => {
  await withServedConsole("software-chart-e2e", async (world) => {
    const { url, ctx, browser } = world;
    for (const m of MACHINES) {
      const response = await agentPost(url, machineXml(m));
      await response.body?.cancel();
      assert.equal(response.status, 200);
      await waitForComputer(world, m.deviceid);
    }
    // From now on new devices wait in the inbox (the server reads the setting at each run).
    await saveSetting(ctx.db, "approval", "manual");
    const response = await agentPost(url, machineXml(WAITING));
    await response.body?.cancel();
    for (let tries = 0;; tries++) {
      const row = await ctx.db.selectFrom("device_imports").innerJoin(
        "devices",
        "devices.id",
        "device_imports.device_id",
      ).select("device_imports.status").where("devices.deviceid", "=", WAITING.deviceid)
        .executeTakeFirst();
      if (row?.status === "pending") break;
      assert.ok(tries < 150, `${WAITING.deviceid} not pending:\n${world.server.log()}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const firefox = await ctx.db.selectFrom("software").select("id")
      .where("name", "=", "Mozilla Firefox").executeTakeFirstOrThrow();

    for (const run of RUNS) {
      await t.step(
        `${run.locale}: chart, its link, CSV of the inbox, catalogue, events`,
        async () => {
          const page = await pageWithoutScripts(browser, {
            locale: run.locale,
            viewport: { width: 1280, height: 900 },
            acceptDownloads: true,
          });
          await signIn(page, url, "rita", run.labels);
          const chart = page.locator("figure", {
            has: page.locator("svg title", { hasText: run.title }),
          });
          const desc = await chart.locator("svg desc").textContent() ?? "";
          assert.match(desc, /^Mozilla Firefox\s?: 3 /);
          assert.ok(!desc.includes("libbase"), desc);
          await chart.getByText(run.table).click();
          const cells = chart.locator("table tbody tr").first();
          assert.equal(await cells.locator("th").innerText(), "Mozilla Firefox");
          const value = Number(await cells.locator("td").first().innerText());
          assert.equal(value, 3);
          await screenshot(page, `console-dashboard-outside-base-${run.locale}`);

          // The bar itself links (the table's link goes to the same place).
          await chart.locator(`svg a[href="/software/${firefox.id}"]`).click();
          await page.waitForURL(`${url}/software/${firefox.id}`);
          const counts = run.counts.exec(await page.locator("main").innerText());
          assert.equal(Number(counts?.[1]), value);
          assert.equal(await page.locator("table.version-computers tbody tr").count(), value);
          const holders = await download(page, run.export, run.separator);
          assert.deepEqual(holders[0]!.slice(0, 2), run.holdersHeader);
          assert.deepEqual(
            holders.slice(1).map((r) => [r[0], r[1], r.at(-1)]),
            MACHINES.slice(0, 3).map((m) => [m.name, m.serial, "1.0"]),
          );

          await page.goto(`${url}/software?search=firefox`);
          const software = await download(page, run.export, run.separator);
          assert.deepEqual(software, [run.softwareHeader, [
            "Mozilla Firefox",
            "Someone",
            "1",
            "3",
            "",
          ]]);

          await page.context().close();

          // The inbox and the event log span every entity: an admin over all of them.
          const admin = await pageWithoutScripts(browser, {
            locale: run.locale,
            acceptDownloads: true,
          });
          await signIn(admin, url, "dana", run.labels);
          await admin.goto(`${url}/devices`);
          const inbox = await download(admin, run.export, run.separator);
          assert.deepEqual(inbox[0]!.slice(0, 5), run.inboxHeader);
          assert.equal(inbox.length, 2, JSON.stringify(inbox));
          assert.deepEqual(inbox[1]!.slice(0, 5), [
            WAITING.deviceid,
            WAITING.name,
            WAITING.serial,
            "",
            run.pending,
          ]);

          await admin.goto(`${url}/events?kind=alert`);
          const events = await download(admin, run.export, run.separator);
          assert.deepEqual(events[0], run.eventsHeader);
          assert.deepEqual(events.slice(1).map((e) => e[3]), ["second alert", "first alert"]);
          await admin.context().close();
        },
      );
    }
  }, async (ctx) => {
    await createTestUser(ctx, "dana", "admin", "all", { password: PASSWORD });
    // A scoped admin: its dashboard counts its own scope, not the count warmed at start.
    const root = await ctx.db.selectFrom("entities").select("id").where("parent_id", "is", null)
      .executeTakeFirstOrThrow();
    await createTestUser(ctx, "rita", "admin", [{ entityId: root.id, recursive: true }], {
      password: PASSWORD,
    });
    await ctx.writes.run(async (db) => {
      const at = ctx.now();
      await writeEvent(db, {
        at,
        level: "warn",
        kind: "alert.new_computers",
        message: "first alert",
      });
      await writeEvent(db, { at, level: "info", kind: "task.recovered", message: "a task event" });
      await writeEvent(db, {
        at,
        level: "warn",
        kind: "alert.stale_computers",
        message: "second alert",
      });
    });
  });
});
