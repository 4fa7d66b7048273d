/**
 * The search an admin needs, end to end in a real Chromium (JavaScript off), in French and in
 * English: every computer whose Firefox is older than 128 (`software:firefox version<128` finds
 * "Mozilla Firefox (x64 fr)" by any part of its name), then its CSV export holds exactly those
 * computers, with the reader's separator; the search saved (shared), reopened from the list, and
 * opened by a colleague. One served console and one browser for the file.
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

async function signInAs(
  page: Page,
  url: string,
  labels: [string, string, string],
  login = "searcher",
) {
  await page.goto(`${url}/login`);
  await page.getByLabel(labels[0]).fill(login);
  await page.getByLabel(labels[1], { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: labels[2] }).click();
  await page.waitForURL(`${url}/`);
}

Deno.test("console search: every computer with Firefox below 128, and its CSV, in French and English", async (t) => {
  await withServedConsole("search-e2e", async (world) => {
    const { url, ctx, browser } = world;
    await createTestUser(ctx, "searcher", "admin", "all", { password: PASSWORD });
    await createTestUser(ctx, "colleague", "readonly", "all", { password: PASSWORD });
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
          saveName: "Nom de la recherche",
          share: "Partager avec tous les utilisateurs",
          save: "Enregistrer cette recherche",
        },
        {
          locale: "en-US",
          labels: ["Login", "Password", "Sign in"] as [string, string, string],
          search: "Search",
          export: "Export CSV",
          separator: ",",
          header: '"Name","Entity"',
          saveName: "Name of the search",
          share: "Share with every user",
          save: "Save this search",
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

        // Save it (shared), leave the list, and reopen it from the saved searches.
        const saved = `Firefox < 128 (${run.locale})`;
        // The panel is folded while there is no saved search: unfold it (no script needed).
        if (await page.locator(".saved-searches[open]").count() === 0) {
          await page.locator(".saved-searches summary").click();
        }
        await page.getByLabel(run.saveName).fill(saved);
        await page.getByLabel(run.share).check();
        await page.getByRole("button", { name: run.save }).click();
        await page.waitForURL(/notice=search-saved/);
        await page.goto(`${url}/computers`);
        assert.equal(await rows.count(), FLEET.length);
        await page.getByRole("link", { name: saved, exact: true }).click();
        await page.waitForURL(/\/computers\?q=software/);
        assert.deepEqual((await rows.allTextContents()).sort(), ["ff-old-1", "ff-old-2"]);
        assert.equal(await page.locator("#f-q").inputValue(), "software:firefox version<128");
        await page.context().close();

        // Shared: a colleague sees it and opens it too.
        const other = await pageWithoutScripts(browser, { locale: run.locale });
        await signInAs(other, url, run.labels, "colleague");
        await other.goto(`${url}/computers`);
        await other.getByRole("link", { name: saved, exact: true }).click();
        await other.waitForURL(/\/computers\?q=software/);
        assert.equal(await other.locator("table.computers tbody tr[data-id]").count(), 2);
        await other.context().close();
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
