/**
 * The search an admin needs, end to end in a real Chromium (JavaScript off), in French and in
 * English: every computer whose Firefox is older than 128 (`software:firefox version<128` finds
 * "Mozilla Firefox (x64 fr)" by any part of its name), then its CSV export holds exactly those
 * computers, with the reader's separator. One served console and one browser for the file.
 *
 * @module
 */

import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { createTestUser } from "./_helpers/auth.ts";
import { pageWithoutScripts, screenshot } from "./_helpers/browser.ts";
import { machineXml } from "./_helpers/fleet.ts";
import { agentPost, waitForComputer, withServedConsole } from "./_helpers/served_console.ts";

const PASSWORD = "amber kettle by the door";

const FLEET = [
  { name: "ff-old-1", firefox: "115.12.0esr" },
  { name: "ff-old-2", firefox: "127.0.2" },
  { name: "ff-new-1", firefox: "128.0.3" },
  { name: "ff-none-1", firefox: null },
].map((m, i) => ({
  deviceid: `${m.name}-2026-01-01-00-00-0${i}`,
  name: m.name,
  serial: `SEARCH-${i}`,
  uuid: `SEARCH-UUID-${i}`,
  macs: [`00:aa:bb:cc:5e:0${i}`],
  software: m.firefox
    ? [{ name: "Mozilla Firefox (x64 fr)", version: m.firefox, publisher: "Mozilla" }]
    : [{ name: "Notepad++", version: "8.6" }],
}));

async function signInAs(page: Page, url: string, labels: [string, string, string]) {
  await page.goto(`${url}/login`);
  await page.getByLabel(labels[0]).fill("searcher");
  await page.getByLabel(labels[1], { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: labels[2] }).click();
  await page.waitForURL(`${url}/`);
}

Deno.test("console search: every computer with Firefox below 128, and its CSV, in French and English", async (t) => {
  await withServedConsole("search-e2e", async (world) => {
    const { url, ctx, browser } = world;
    await createTestUser(ctx, "searcher", "admin", "all", { password: PASSWORD });
    for (const machine of FLEET) {
      const response = await agentPost(url, machineXml(machine));
      await response.body?.cancel();
      assert.equal(response.status, 200);
      await waitForComputer(world, machine.deviceid);
    }

    for (
      const run of [
        {
          locale: "fr-FR",
          labels: ["Identifiant", "Mot de passe", "Se connecter"] as [string, string, string],
          search: "Rechercher",
          export: "Exporter en CSV",
          separator: ";",
          header: '"Nom";"Entité"',
        },
        {
          locale: "en-US",
          labels: ["Login", "Password", "Sign in"] as [string, string, string],
          search: "Search",
          export: "Export CSV",
          separator: ",",
          header: '"Name","Entity"',
        },
      ]
    ) {
      await t.step(`${run.locale}: search, then export what it found`, async () => {
        const page = await pageWithoutScripts(browser, {
          locale: run.locale,
          viewport: { width: 1280, height: 900 },
          acceptDownloads: true,
        });
        await signInAs(page, url, run.labels);
        await page.goto(`${url}/computers`);
        await page.locator("#f-q").fill("software:firefox version<128");
        await page.getByRole("button", { name: run.search, exact: true }).click();
        await page.waitForURL(/\/computers\?q=/);
        const rows = page.locator("table.computers tbody tr[data-id] th a");
        assert.deepEqual((await rows.allTextContents()).sort(), ["ff-old-1", "ff-old-2"]);
        await screenshot(page, `console-search-firefox-${run.locale}`);

        const [download] = await Promise.all([
          page.waitForEvent("download"),
          page.getByRole("link", { name: run.export }).click(),
        ]);
        const csv = await Deno.readTextFile((await download.path())!);
        const lines = csv.replace(/^\uFEFF/, "").trim().split("\r\n");
        assert.ok(lines[0]!.startsWith(run.header), lines[0]);
        const names = lines.slice(1).map((l) => l.split(run.separator)[0]!.replaceAll('"', ""));
        assert.deepEqual(names.sort(), ["ff-old-1", "ff-old-2"]);
        await page.context().close();
      });
    }

    await t.step("a criterion it cannot read is refused with how to write it", async () => {
      const page = await pageWithoutScripts(browser, { locale: "en-US" });
      await signInAs(page, url, ["Login", "Password", "Sign in"]);
      const response = await page.goto(`${url}/computers?q=version%3C128`);
      assert.equal(response?.status(), 400);
      assert.match(await page.locator("body").innerText(), /software:"name" version<128/);
      await page.context().close();
    });
  });
});
