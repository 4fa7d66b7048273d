/**
 * The devices pages end to end in a real Chromium (JavaScript off), in French and in English: a
 * real agent post, then the dashboard's devices tile opens the list of every device (its count
 * equals the list's total), the search finds the device by part of its DEVICEID, the CSV holds it
 * with the reader's separator, and its page shows its identity, the computer it feeds and every
 * kept section of its last inventory, with the inventory to download. A technician whose entity
 * holds none of the computers sees no device, and the device's page answers 404.
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
  deviceid: `dev-page-${i}-2026-01-01-00-00-0${i}`,
  name: `dev-page-${i}`,
  serial: `DEVPAGE-${i}`,
  uuid: `DEVPAGE-UUID-${i}`,
  macs: [`00:aa:bb:cc:d${i}:01`],
  software: [{ name: "Mozilla Firefox", version: "128.0", publisher: "Mozilla" }],
}));

async function signIn(page: Page, url: string, login: string, labels: string[]) {
  await page.goto(`${url}/login`);
  await page.getByLabel(labels[0]!).fill(login);
  await page.getByLabel(labels[1]!, { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: labels[2]! }).click();
  await page.waitForURL(`${url}/`);
}

Deno.test("console devices pages: the list, the CSV and one device with its sections, in French and English", async (t) => {
  await withServedConsole("devices-pages-e2e", async (world) => {
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
    const device = await ctx.db.selectFrom("devices").select("id")
      .where("deviceid", "=", MACHINES[0]!.deviceid).executeTakeFirstOrThrow();
    const stored = await ctx.db.selectFrom("device_sections").select("section")
      .where("device_id", "=", device.id).orderBy("section").execute();
    assert.ok(stored.length >= 3, "the agent's inventory kept sections");

    for (
      const run of [
        {
          locale: "fr-FR",
          labels: ["Identifiant", "Mot de passe", "Se connecter"],
          find: "Chercher",
          export: "Exporter en CSV",
          separator: ";",
          registry: "dans le parc",
          download: "Télécharger le dernier inventaire",
          range: "1–1 sur 1",
        },
        {
          locale: "en-US",
          labels: ["Login", "Password", "Sign in"],
          find: "Find",
          export: "Export CSV",
          separator: ",",
          registry: "in the registry",
          download: "Download the last inventory",
          range: "1–1 of 1",
        },
      ]
    ) {
      await t.step(`${run.locale}: tile, list, search, CSV, device page`, async () => {
        const page = await pageWithoutScripts(browser, {
          locale: run.locale,
          viewport: { width: 1280, height: 900 },
          acceptDownloads: true,
        });
        await signIn(page, url, "dana", run.labels);
        const tile = page.locator('a[href="/devices/all"]').first();
        assert.match(await tile.innerText(), /\b2\b/);
        await tile.click();
        await page.waitForURL(`${url}/devices/all`);
        const rows = page.locator("table.devices-all tbody tr");
        assert.equal(await rows.count(), 2);
        assert.match(await page.locator(".pagination .range").innerText(), /\b2\b/);

        await page.locator("#device-search").fill("page-1-2026");
        await page.getByRole("button", { name: run.find, exact: true }).click();
        await page.waitForURL(/\/devices\/all\?q=/);
        assert.equal(await rows.count(), 1);
        assert.equal(await page.locator(".pagination .range").innerText(), run.range);
        const status = rows.first().locator('[data-status="registry"]');
        assert.equal(await status.innerText(), run.registry);
        assert.equal(await status.getAttribute("href"), `/computers/${computers[0]}`);
        await screenshot(page, `console-devices-all-${run.locale}`);

        const [download] = await Promise.all([
          page.waitForEvent("download"),
          page.getByRole("link", { name: run.export }).click(),
        ]);
        const csv = (await Deno.readTextFile((await download.path())!)).replace(/^\uFEFF/, "");
        const lines = csv.trim().split("\r\n");
        assert.equal(lines.length, 2, csv);
        assert.equal(lines[1]!.split(run.separator)[0], `"${MACHINES[0]!.deviceid}"`);
        assert.ok(lines[1]!.includes(`"${run.registry}"`), lines[1]);

        await rows.first().getByRole("link", { name: MACHINES[0]!.deviceid }).click();
        await page.waitForURL(`${url}/devices/${device.id}`);
        assert.equal(await page.locator("html").getAttribute("lang"), run.locale.slice(0, 2));
        const sections = await page.locator("section.device-section").evaluateAll((all) =>
          all.map((s) => s.getAttribute("data-section"))
        );
        assert.deepEqual(sections, stored.map((s) => s.section));
        const hardware = page.locator('section[data-section="HARDWARE"]');
        assert.ok((await hardware.innerText()).includes(MACHINES[0]!.name));
        assert.equal(
          await page.locator(`main a[href="/computers/${computers[0]}"]`).first().count(),
          1,
        );
        await screenshot(page, `console-device-${run.locale}`);
        const [inventory] = await Promise.all([
          page.waitForEvent("download"),
          page.getByRole("link", { name: run.download }).click(),
        ]);
        const xml = await Deno.readTextFile((await inventory.path())!);
        assert.ok(xml.includes(MACHINES[0]!.deviceid));
        await page.context().close();
      });
    }

    await t.step("a technician of another entity sees no device", async () => {
      const page = await pageWithoutScripts(browser, { locale: "en-US" });
      await signIn(page, url, "tech", ["Login", "Password", "Sign in"]);
      await page.goto(`${url}/devices/all`);
      assert.equal(await page.locator("table.devices-all tbody tr").count(), 0);
      const response = await page.goto(`${url}/devices/${device.id}`);
      assert.equal(response?.status(), 404);
      const denied = await page.goto(`${url}/devices/${device.id}/inventory.xml`);
      assert.equal(denied?.status(), 404);
      await page.context().close();
    });
  });
});
