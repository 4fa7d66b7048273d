/**
 * Every console page at a phone's width (390 px) without horizontal scroll, in French and in
 * English (French runs longer), and screenshots of each at 390 and 1400 px, light and dark
 * (`prefers-color-scheme`), in .test-artifacts/screenshots/. A real Chromium with JavaScript off;
 * the page width is read through Playwright's own evaluation, not page scripts.
 *
 * @module
 */

import assert from "node:assert/strict";
import type { Browser, Page } from "playwright-core";
import { createTestUser } from "./_helpers/auth.ts";
import { pageWithoutScripts, screenshot } from "./_helpers/browser.ts";
import { machineXml } from "./_helpers/fleet.ts";
import { agentPost, waitForComputer, withServedConsole } from "./_helpers/served_console.ts";

const PASSWORD = "narrow window wide view";
const MACHINE = {
  deviceid: "layout-pc-with-a-rather-long-name-2026-01-01-00-00-00",
  name: "layout-pc-with-a-rather-long-name",
  serial: "LAYOUT-1",
  uuid: "LAYOUT-UUID-1",
  macs: ["00:aa:bb:cc:1a:01"],
};

async function signedInPage(
  browser: Browser,
  url: string,
  options: { locale: string; width: number; dark: boolean },
): Promise<Page> {
  const page = await pageWithoutScripts(browser, {
    locale: options.locale,
    viewport: { width: options.width, height: 900 },
    colorScheme: options.dark ? "dark" : "light",
  });
  const fr = options.locale.startsWith("fr");
  await page.goto(`${url}/login`);
  await page.getByLabel(fr ? "Identifiant" : "Login").fill("layout");
  await page.getByLabel(fr ? "Mot de passe" : "Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: fr ? "Se connecter" : "Sign in" }).click();
  await page.waitForURL(`${url}/`);
  return page;
}

Deno.test("console layout: every page fits 390 px in both languages; screenshots light and dark", async (t) => {
  await withServedConsole("layout-e2e", async (world) => {
    const { url, ctx, browser } = world;
    await createTestUser(ctx, "layout", "admin", "all", { password: PASSWORD });
    const response = await agentPost(url, machineXml(MACHINE));
    await response.body?.cancel();
    const id = await waitForComputer(world, MACHINE.deviceid);
    const software = await ctx.db.selectFrom("software").select("id").limit(1)
      .executeTakeFirstOrThrow();
    const device = await ctx.db.selectFrom("devices").select("id").executeTakeFirstOrThrow();
    const pages: [string, string][] = [
      ["dashboard", "/"],
      ["computers", "/computers?cols=name,entity,location,state,os,serial,ip,last_inventory"],
      ["computer", `/computers/${id}`],
      ["computer-edit", `/computers/${id}/edit`],
      ["trash", "/trash"],
      ["devices", "/devices"],
      ["devices-all", "/devices/all"],
      ["device", `/devices/${device.id}`],
      ["software", "/software"],
      ["software-detail", `/software/${software.id}`],
      ["rules", "/rules"],
      ["rule-new", "/rules/new?collection=import"],
      ["rule-tester", "/rules/test?collection=import"],
      ["tasks", "/tasks"],
      ["task", "/tasks/optimise"],
      ["settings", "/settings"],
      ["users", "/users"],
      ["tokens", "/tokens"],
      ["preferences", "/preferences"],
      ["events", "/events"],
      ["history", "/history"],
      ["entities", "/entities"],
      ["entity", "/entities/1"],
      ["locations", "/locations"],
      ["password", "/password"],
    ];

    for (const locale of ["fr-FR", "en-US"]) {
      await t.step(`${locale}: no page scrolls sideways at 390 px`, async () => {
        const page = await signedInPage(browser, url, { locale, width: 390, dark: false });
        const overflowing: string[] = [];
        for (const [, path] of pages) {
          await page.goto(`${url}${path}`);
          const width = await page.evaluate(() => document.documentElement.scrollWidth);
          if (width > 390) {
            // Name the widest culprits, for whoever fixes it.
            const culprits = await page.evaluate(() =>
              [...document.querySelectorAll("body *")]
                .filter((e) => e.getBoundingClientRect().right > 391 && !e.closest(".table-wrap"))
                .slice(0, 3)
                .map((e) => `${e.tagName.toLowerCase()}.${e.className}`)
                .join(", ")
            );
            overflowing.push(`${path}: ${width}px (${culprits})`);
          }
        }
        assert.deepEqual(overflowing, []);
        await page.context().close();
      });
    }

    for (const width of [390, 1400]) {
      for (const dark of [false, true]) {
        await t.step(`screenshots at ${width} px, ${dark ? "dark" : "light"}`, async () => {
          const page = await signedInPage(browser, url, { locale: "fr-FR", width, dark });
          for (const [name, path] of pages) {
            await page.goto(`${url}${path}`);
            await screenshot(page, `console-${name}-${width}-${dark ? "dark" : "light"}`);
          }
          await page.context().close();
        });
      }
    }
  });
});
