/**
 * The fleet history page end to end in a real Chromium (JavaScript off), in French and in
 * English: two real agent posts create two computers, a second inventory of one adds a
 * software; the navigation opens the history, every change is there newest first, the filters
 * (computer, kind, field, author, dates) narrow it to the software added, the CSV holds exactly
 * the filtered rows with the reader's headers and separator, and the row links to its computer.
 * A technician limited to another entity sees only the changes of the computer moved there, on
 * the page and in the CSV.
 *
 * @module
 */

import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { createEntity } from "../server/registry/tree.ts";
import { createTestUser } from "./_helpers/auth.ts";
import { pageWithoutScripts, screenshot } from "./_helpers/browser.ts";
import { machineXml } from "./_helpers/fleet.ts";
import { agentPost, waitForComputer, withServedConsole } from "./_helpers/served_console.ts";

const PASSWORD = "brass compass on the shelf";
const MACHINES = [1, 2].map((i) => ({
  deviceid: `hist-page-${i}-2026-01-01-00-00-0${i}`,
  name: `hist-page-${i}`,
  serial: `HISTPAGE-${i}`,
  uuid: `HISTPAGE-UUID-${i}`,
  macs: [`00:aa:bb:cc:e${i}:01`],
  software: [{ name: "Mozilla Firefox", version: "128.0", publisher: "Mozilla" }],
}));
const ADDED = { name: "VLC media player", version: "3.0.21", publisher: "VideoLAN" };

async function signIn(page: Page, url: string, login: string, labels: string[]) {
  await page.goto(`${url}/login`);
  await page.getByLabel(labels[0]!).fill(login);
  await page.getByLabel(labels[1]!, { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: labels[2]! }).click();
  await page.waitForURL(`${url}/`);
}

Deno.test("console history page: every change, filters, CSV and scope, in French and English", async (t) => {
  await withServedConsole("history-e2e", async (world) => {
    const { url, ctx, browser } = world;
    await createTestUser(ctx, "dana", "admin", "all", { password: PASSWORD });
    const elsewhere = await ctx.writes.run((db) => createEntity(db, "Elsewhere"));
    await createTestUser(ctx, "tech", "technician", [{ entityId: elsewhere.id, recursive: true }], {
      password: PASSWORD,
    });
    const computers: number[] = [];
    for (const machine of MACHINES) {
      const response = await agentPost(url, machineXml(machine));
      await response.body?.cancel();
      assert.equal(response.status, 200);
      computers.push(await waitForComputer(world, machine.deviceid));
    }
    // A second inventory of the first machine: one software more.
    const again = await agentPost(
      url,
      machineXml({ ...MACHINES[0]!, software: [...MACHINES[0]!.software, ADDED] }),
    );
    await again.body?.cancel();
    assert.equal(again.status, 200);
    const deadline = Date.now() + 30_000;
    while (
      !(await ctx.db.selectFrom("history").select("id").where("kind", "=", "software_added")
        .where("computer_id", "=", computers[0]!).executeTakeFirst())
    ) {
      assert.ok(
        Date.now() < deadline,
        `the software added was not recorded:\n${world.server.log()}`,
      );
      await new Promise((r) => setTimeout(r, 200));
    }
    const recorded = await ctx.db.selectFrom("history").select("id").execute();
    assert.ok(recorded.length >= 3, "two creations and the software added");
    const today = new Date().toISOString().slice(0, 10);

    for (
      const run of [
        {
          locale: "fr-FR",
          labels: ["Identifiant", "Mot de passe", "Se connecter"],
          nav: "Historique",
          filter: "Filtrer",
          export: "Exporter en CSV",
          separator: ";",
          header: "Date",
          added: "Logiciel ajouté",
          created: "Création",
          inventory: "inventaire",
          range: "1–1 sur 1",
        },
        {
          locale: "en-US",
          labels: ["Login", "Password", "Sign in"],
          nav: "History",
          filter: "Filter",
          export: "Export CSV",
          separator: ",",
          header: "When",
          added: "Software added",
          created: "Created",
          inventory: "inventory",
          range: "1–1 of 1",
        },
      ]
    ) {
      await t.step(
        `${run.locale}: navigation, every change, filters, CSV, computer link`,
        async () => {
          const page = await pageWithoutScripts(browser, {
            locale: run.locale,
            viewport: { width: 1280, height: 900 },
            acceptDownloads: true,
          });
          await signIn(page, url, "dana", run.labels);
          await page.getByRole("navigation").getByRole("link", { name: run.nav, exact: true })
            .click();
          await page.waitForURL(`${url}/history`);
          assert.equal(await page.locator("html").getAttribute("lang"), run.locale.slice(0, 2));
          const rows = page.locator("table.fleet-history tbody tr");
          assert.equal(await rows.count(), recorded.length);
          // Newest first: the software added, then the creations.
          assert.equal(await rows.first().getAttribute("data-kind"), "software_added");
          assert.equal(await rows.last().getAttribute("data-kind"), "created");
          const last = await rows.last().innerText();
          assert.ok(last.includes(run.created), last);
          await screenshot(page, `console-history-${run.locale}`);

          // Each filter narrows; all together leave the software added.
          await page.locator("#history-computer").fill("page-1");
          await page.getByRole("button", { name: run.filter, exact: true }).click();
          await page.waitForURL(/\/history\?computer=page-1/);
          const firstOnly = await rows.evaluateAll((all) =>
            all.map((r) => r.querySelector("td:nth-child(2) a")?.getAttribute("href"))
          );
          assert.ok(firstOnly.length >= 2 && firstOnly.length < recorded.length, `${firstOnly}`);
          assert.deepEqual([...new Set(firstOnly)], [`/computers/${computers[0]}`]);

          await page.locator("#history-kind").selectOption("software_added");
          await page.locator("#history-field").fill("vlc");
          await page.locator("#history-source").selectOption("inventory");
          await page.locator("#history-from").fill(today);
          await page.locator("#history-to").fill(today);
          await page.getByRole("button", { name: run.filter, exact: true }).click();
          await page.waitForURL(/kind=software_added/);
          assert.equal(await rows.count(), 1);
          assert.equal(await page.locator(".pagination .range").innerText(), run.range);
          const cells = await rows.first().locator("td").allInnerTexts();
          assert.equal(cells[1], MACHINES[0]!.name);
          assert.equal(cells[2], run.added);
          assert.equal(cells[3], ADDED.name);
          assert.equal(cells[5], ADDED.version);
          assert.equal(cells[6], run.inventory);
          await screenshot(page, `console-history-filtered-${run.locale}`);

          const [download] = await Promise.all([
            page.waitForEvent("download"),
            page.getByRole("link", { name: run.export }).click(),
          ]);
          const csv = (await Deno.readTextFile((await download.path())!)).replace(/^\uFEFF/, "");
          const lines = csv.trim().split("\r\n");
          assert.equal(lines.length, 2, csv);
          assert.equal(lines[0]!.split(run.separator)[0], `"${run.header}"`);
          const fields = lines[1]!.slice(1, -1).split(`"${run.separator}"`);
          assert.equal(fields[1], MACHINES[0]!.name);
          assert.equal(fields[2], run.added);
          assert.equal(fields[3], ADDED.name);

          // A day before the change: nothing.
          const before = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
          await page.locator("#history-to").fill(before);
          await page.locator("#history-from").fill(before);
          await page.getByRole("button", { name: run.filter, exact: true }).click();
          await page.waitForURL(new RegExp(`to=${before}`));
          assert.equal(await rows.count(), 0);

          await page.goBack();
          await rows.first().getByRole("link", { name: MACHINES[0]!.name }).click();
          await page.waitForURL(`${url}/computers/${computers[0]}`);
          await page.context().close();
        },
      );
    }

    await t.step("a bad filter is named, not obeyed", async () => {
      const page = await pageWithoutScripts(browser, { locale: "en-US" });
      await signIn(page, url, "dana", ["Login", "Password", "Sign in"]);
      const response = await page.goto(`${url}/history?kind=exploded&from=2026-02-31`);
      assert.equal(response?.status(), 400);
      const notices = await page.locator(".notice.error").allInnerTexts();
      assert.equal(notices.length, 2, `${notices}`);
      assert.equal(await page.locator("table.fleet-history tbody tr").count(), recorded.length);
      const csv = await page.request.get(`${url}/history.csv?kind=exploded`);
      assert.equal(csv.status(), 400);
      await page.context().close();
    });

    await t.step("a technician sees only the changes of their entity's computers", async () => {
      await ctx.writes.run((db) =>
        db.updateTable("computers").set({ entity_id: elsewhere.id }).where("id", "=", computers[1]!)
          .execute()
      );
      const page = await pageWithoutScripts(browser, { locale: "en-US" });
      await signIn(page, url, "tech", ["Login", "Password", "Sign in"]);
      await page.goto(`${url}/history`);
      const hrefs = await page.locator("table.fleet-history tbody tr td:nth-child(2) a")
        .evaluateAll((all) => all.map((a) => a.getAttribute("href")));
      assert.ok(hrefs.length >= 1);
      assert.deepEqual([...new Set(hrefs)], [`/computers/${computers[1]}`]);
      await page.goto(`${url}/history?computer=page-1`);
      assert.equal(await page.locator("table.fleet-history tbody tr").count(), 0);
      assert.ok(await page.locator("main").getByText("No change matches.").isVisible());
      const csv = await page.request.get(`${url}/history.csv`);
      assert.equal(csv.status(), 200);
      const lines = (await csv.text()).replace(/^\uFEFF/, "").trim().split("\r\n");
      assert.equal(lines.length, hrefs.length + 1);
      assert.ok(lines.slice(1).every((line) => line.includes(MACHINES[1]!.name)), lines.join("\n"));
      await page.context().close();
    });
  });
});
