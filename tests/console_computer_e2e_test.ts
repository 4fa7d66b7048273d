/**
 * End to end in a real headless Chromium with JavaScript turned off: `inventory serve` (a child
 * process) receives an agent's inventory on /ocsinventory and imports it; a technician signs in,
 * opens the computer, reads its sections, edits its location through the form, and sees the
 * field locked. Screenshots of the computer page, the edit form and the locked result are saved
 * in .test-artifacts/screenshots/.
 *
 * @module
 */

import assert from "node:assert/strict";
import { createEntity, ensureLocation } from "../server/registry/tree.ts";
import { createTestUser } from "./_helpers/auth.ts";
import { pageWithoutScripts, screenshot, signIn } from "./_helpers/browser.ts";
import { machineXml } from "./_helpers/fleet.ts";
import { agentPost, waitForComputer, withServedConsole } from "./_helpers/served_console.ts";

const PASSWORD = "quiet amber lighthouse";
const MACHINE = {
  deviceid: "e2e-desk-1-2026-01-01-00-00-00",
  name: "e2e-desk-1",
  serial: "E2E-SER-1",
  uuid: "E2E-UUID-1",
  macs: ["00:aa:bb:cc:0e:01"],
  monitors: [{ name: "Dell U2415", serial: "E2E-MON-1" }],
};

Deno.test("console e2e: open a computer, edit its location, see the field locked", async (t) => {
  await withServedConsole("computer-e2e", async (world) => {
    const { url, ctx, browser } = world;
    const europe = await ctx.writes.run((db) => createEntity(db, "Europe"));
    await ctx.writes.run((db) => ensureLocation(db, "HQ > Floor 2", europe.id));
    await createTestUser(ctx, "tech", "technician", "all", { password: PASSWORD });

    let computerId = 0;
    await t.step("an agent's inventory arrives and is imported", async () => {
      const response = await agentPost(url, machineXml(MACHINE));
      await response.body?.cancel();
      assert.equal(response.status, 200);
      computerId = await waitForComputer(world, MACHINE.deviceid);
    });

    const page = await pageWithoutScripts(browser, { viewport: { width: 1280, height: 900 } });

    await t.step("the technician opens the computer and reads its sections", async () => {
      await signIn(page, url, "tech", PASSWORD);
      await page.goto(`${url}/computers/${computerId}`);
      await page.getByRole("heading", { level: 1, name: /e2e-desk-1/ }).waitFor();
      const tabs = page.getByRole("navigation", { name: "Sections of this computer" });
      for (const name of ["Summary", "Components", "Software", "Network", "History"]) {
        assert.equal(await tabs.getByRole("link", { name: new RegExp(`^${name}`) }).count(), 1);
      }
      const network = page.getByRole("region", { name: /^Network/ });
      await network.getByText("00:aa:bb:cc:0e:01").waitFor();
      const monitors = page.getByRole("region", { name: /^Monitors and peripherals/ });
      await monitors.getByText("E2E-MON-1").waitFor();
      const rules = page.getByRole("region", { name: /^Import rules/ });
      await rules.getByText("Import everything else").first().waitFor();
      const software = page.getByRole("region", { name: /^Software/ });
      assert.equal(await software.locator("tbody tr").count(), 50, "one page of software");
      await screenshot(page, "computer-01-page");
      // In-page tabs are plain anchors.
      await tabs.getByRole("link", { name: /^Software/ }).click();
      assert.equal(new URL(page.url()).hash, "#software");
    });

    await t.step("the technician edits the location through the form", async () => {
      await page.getByRole("link", { name: "Edit", exact: true }).click();
      await page.waitForURL(`${url}/computers/${computerId}/edit`);
      await page.getByRole("heading", { name: "Edit e2e-desk-1" }).waitFor();
      await screenshot(page, "computer-02-edit-form");
      await page.getByLabel("Location").selectOption({ label: "HQ > Floor 2" });
      await page.getByRole("button", { name: "Save" }).click();
      await page.waitForURL(`${url}/computers/${computerId}?notice=saved`);
      await page.getByRole("status").filter({ hasText: "The fields you changed are locked" })
        .waitFor();
    });

    await t.step("the location shows as locked, in the summary and the locks", async () => {
      const location = page.locator('.summary-item[data-field="location_id"]');
      assert.match(await location.textContent() ?? "", /HQ > Floor 2\s*Locked/);
      const locks = page.getByRole("region", { name: /^Locks/ });
      const row = locks.locator('tr[data-field="location_id"]');
      assert.match(await row.textContent() ?? "", /Location\s*HQ > Floor 2/);
      await row.getByRole("button", { name: /Unlock/ }).waitFor();
      await screenshot(page, "computer-03-location-locked");
      const history = page.getByRole("region", { name: /^History/ });
      await history.getByText("Field locked").waitFor();
      const stored = await ctx.db.selectFrom("computer_locks").select(["field", "locked_by"])
        .where("computer_id", "=", computerId).execute();
      assert.deepEqual(stored.map((l) => ({ ...l })), [{
        field: "location_id",
        locked_by: "tech",
      }]);
    });

    await t.step("the edit form on a phone", async () => {
      await page.setViewportSize({ width: 375, height: 740 });
      await page.goto(`${url}/computers/${computerId}/edit`);
      await page.locator('.lock-badge[data-field="location_id"]').waitFor();
      await screenshot(page, "computer-04-edit-form-mobile");
    });
    await page.context().close();
  });
});
