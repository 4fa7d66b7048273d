/**
 * The entity and location pages end to end, in a real Chromium with JavaScript off, in French and
 * in English: create an entity with a TAG and a sub-entity, refuse moving the entity under its
 * own sub-entity (a stale form), rename, delete the empty sub-entity; then a real agent post
 * carrying the TAG lands a new computer in that entity (the TAG → entity rule placing it), seen
 * on the entity's page and the computer's. Locations: create, move to the top level, delete.
 *
 * @module
 */

import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { MESSAGES } from "../ui/i18n/messages.ts";
import { entityFromTagRule } from "./_helpers/api.ts";
import { createTestUser } from "./_helpers/auth.ts";
import { pageWithoutScripts, screenshot } from "./_helpers/browser.ts";
import { machineXml } from "./_helpers/fleet.ts";
import { agentPost, waitForComputer, withServedConsole } from "./_helpers/served_console.ts";

const PASSWORD = "seven birches by the river";

async function submit(page: Page, form: string, button: string) {
  await page.locator(form).getByRole("button", { name: button, exact: true }).click();
}

/** The id in a node page's address. */
function idOf(page: Page): number {
  const match = new URL(page.url()).pathname.match(/\/(\d+)$/);
  assert.ok(match, page.url());
  return Number(match[1]);
}

Deno.test("console trees: entities and locations managed in both languages; a tagged agent lands in its entity", async (t) => {
  await withServedConsole("trees-e2e", async (world) => {
    const { url, ctx, browser } = world;
    await createTestUser(ctx, "claire", "admin", "all", { password: PASSWORD });

    for (const [locale, lang] of [["fr-FR", "fr"], ["en-US", "en"]] as const) {
      const k = MESSAGES[lang].trees;
      await t.step(
        `${lang}: create, refuse a cycle, rename, delete; an agent lands by TAG`,
        async () => {
          const page = await pageWithoutScripts(browser, { locale });
          await page.goto(`${url}/login`);
          await page.getByLabel(lang === "fr" ? "Identifiant" : "Login").fill("claire");
          await page.getByLabel(lang === "fr" ? "Mot de passe" : "Password", { exact: true })
            .fill(PASSWORD);
          await page.getByRole("button", { name: lang === "fr" ? "Se connecter" : "Sign in" })
            .click();
          await page.waitForURL(`${url}/`);

          // Create an entity with a TAG under the root.
          const site = `Site ${lang}`;
          const tag = `SITE-${lang.toUpperCase()}`;
          await page.goto(`${url}/entities`);
          assert.equal(await page.locator("html").getAttribute("lang"), lang);
          await page.locator("#new-name").fill(site);
          await page.locator("#new-tag").fill(tag);
          await submit(page, "section[aria-labelledby=new-node]", k.create);
          await page.waitForURL(/\/entities\/\d+\?notice=created$/);
          const siteId = idOf(page);
          const siteName = `Root entity > ${site}`;
          assert.equal(await page.locator(".notice.success").textContent(), k.created(siteName));
          assert.equal(await page.locator("dd.tag").textContent(), tag);

          // A sub-entity, chosen as the parent.
          await page.goto(`${url}/entities`);
          await page.locator("#new-name").fill("Floor 1");
          await page.locator("#new-parent").selectOption(String(siteId));
          await page.locator("#new-tag").fill("");
          await submit(page, "section[aria-labelledby=new-node]", k.create);
          await page.waitForURL(/\/entities\/\d+\?notice=created$/);
          const floorId = idOf(page);

          // The tree shows the sub-entity indented below its parent.
          await page.goto(`${url}/entities`);
          const names = await page.locator("table.tree tbody th").allTextContents();
          assert.deepEqual(names.slice(names.indexOf(site), names.indexOf(site) + 2), [
            site,
            "Floor 1",
          ]);
          assert.equal(
            await page.locator(`tr[data-id="${floorId}"] th`).getAttribute("class"),
            "tree-name depth-3",
          );

          // Moving the entity under its own sub-entity (offered by a stale form) is refused.
          await page.goto(`${url}/entities/${siteId}`);
          assert.equal(await page.locator(`#edit-parent option[value="${floorId}"]`).count(), 0);
          await page.evaluate((id) => {
            const select = document.querySelector("#edit-parent") as HTMLSelectElement;
            select.add(new Option("stale", String(id)));
          }, floorId);
          await page.locator("#edit-parent").selectOption(String(floorId));
          await submit(page, "section[aria-labelledby=edit-node]", k.save);
          assert.equal(
            await page.locator(".notice.error").textContent(),
            k.cycle(siteName, `${siteName} > Floor 1`),
          );
          const stored = await ctx.db.selectFrom("entities").select(["parent_id", "completename"])
            .where("id", "=", siteId).executeTakeFirstOrThrow();
          assert.deepEqual({ ...stored }, { parent_id: 1, completename: siteName });

          // Rename the sub-entity (its complete name follows); then delete it, empty.
          await page.goto(`${url}/entities/${floorId}`);
          await page.locator("#edit-name").fill("Floor 2");
          await submit(page, "section[aria-labelledby=edit-node]", k.save);
          await page.waitForURL(`${url}/entities/${floorId}?notice=saved`);
          assert.equal(await page.locator("h1").textContent(), `${siteName} > Floor 2`);
          await submit(page, "section[aria-labelledby=delete-node]", k.delete);
          await page.waitForURL(`${url}/entities?notice=deleted`);
          assert.equal(await page.locator(`tr[data-id="${floorId}"]`).count(), 0);

          // A real agent post with the TAG lands a new computer in the entity.
          const machine = {
            deviceid: `trees-${lang}-1-2026-01-01-00-00-00`,
            name: `trees-${lang}-1`,
            serial: `TREES-${lang}-1`,
            uuid: `TREES-UUID-${lang}-1`,
            macs: [lang === "fr" ? "00:aa:bb:cc:7e:01" : "00:aa:bb:cc:7e:02"],
            tag,
          };
          const response = await agentPost(url, machineXml(machine));
          await response.body?.cancel();
          assert.equal(response.status, 200);
          const computerId = await waitForComputer(world, machine.deviceid);
          const computer = await ctx.db.selectFrom("computers").select("entity_id")
            .where("id", "=", computerId).executeTakeFirstOrThrow();
          assert.equal(computer.entity_id, siteId);
          await page.goto(`${url}/entities`);
          assert.equal(
            await page.locator(`tr[data-id="${siteId}"] td.computers`).textContent(),
            "1",
          );
          await page.goto(`${url}/entities/${siteId}`);
          // Not empty now: the page says so, and the delete button is off.
          const notEmpty = k.notEmpty([k.uses.computers!(1)]);
          assert.equal(await page.locator("#delete-node + p").textContent(), notEmpty);
          assert.ok(await page.locator("button.danger").isDisabled());
          await page.goto(`${url}/computers/${computerId}`);
          assert.ok((await page.locator("main").textContent())?.includes(siteName));
          await screenshot(page, `console-trees-computer-${lang}`);

          // Locations: create under nothing, then under it, move the child to the top, delete.
          await page.goto(`${url}/locations`);
          await page.locator("#new-name").fill(`Building ${lang}`);
          await submit(page, "section[aria-labelledby=new-node]", k.create);
          await page.waitForURL(/\/locations\/\d+\?notice=created$/);
          const buildingId = idOf(page);
          await page.goto(`${url}/locations`);
          await page.locator("#new-name").fill(`Room ${lang}`);
          await page.locator("#new-parent").selectOption(String(buildingId));
          await submit(page, "section[aria-labelledby=new-node]", k.create);
          await page.waitForURL(/\/locations\/\d+\?notice=created$/);
          const roomId = idOf(page);
          assert.equal(await page.locator("h1").textContent(), `Building ${lang} > Room ${lang}`);
          // The building is not empty: deleting it is refused with what it holds.
          await page.goto(`${url}/locations/${buildingId}`);
          assert.ok(await page.locator("button.danger").isDisabled());
          await page.locator("#edit-parent").selectOption("");
          await page.goto(`${url}/locations/${roomId}`);
          await page.locator("#edit-parent").selectOption("");
          await submit(page, "section[aria-labelledby=edit-node]", k.save);
          await page.waitForURL(`${url}/locations/${roomId}?notice=saved`);
          assert.equal(await page.locator("h1").textContent(), `Room ${lang}`);
          await page.goto(`${url}/locations/${buildingId}`);
          await submit(page, "section[aria-labelledby=delete-node]", k.delete);
          await page.waitForURL(`${url}/locations?notice=deleted`);
          await screenshot(page, `console-trees-locations-${lang}`);
          await page.context().close();
        },
      );
    }
  }, async (ctx) => {
    // The TAG → entity rule (an admin adds it; the shipped entity rule sends all to the root).
    await entityFromTagRule(ctx);
  });
});
