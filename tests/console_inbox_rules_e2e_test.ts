/**
 * End to end in a real headless Chromium with JavaScript turned off, against `inventory serve`
 * in a child process: with manual approval on, an offline inventory uploaded through the inbox
 * waits for approval; the admin reads its trace and approves it; then writes a TAG-to-location
 * rule in the row-by-row editor and tests it against a typed TAG, reading the trace. Each page
 * is screenshotted into .test-artifacts/screenshots/ (inbox-rules-*.png).
 *
 * @module
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import type { ServerContext } from "../server/context.ts";
import { saveSetting } from "../server/registry/settings.ts";
import { createEntity } from "../server/registry/tree.ts";
import { createTestUser } from "./_helpers/auth.ts";
import { pageWithoutScripts, screenshot, signIn } from "./_helpers/browser.ts";
import { machineXml } from "./_helpers/fleet.ts";
import { withServedConsole } from "./_helpers/served_console.ts";

const PASSWORD = "inbox and rules e2e password";
const DEVICEID = "paris-desk-7-2026-03-01-10-00-00";

/** Before the server starts: an admin with a password, manual approval, an entity, a file. */
async function prepare(ctx: ServerContext, dataDir: string): Promise<void> {
  await createTestUser(ctx, "admin", "admin", "all", { password: PASSWORD });
  await saveSetting(ctx.db, "approval", "manual");
  await createEntity(ctx.db, "Paris", 1, "PARIS");
  await Deno.writeTextFile(
    join(dataDir, `${DEVICEID}.xml`),
    machineXml({
      deviceid: DEVICEID,
      name: "paris-desk-7",
      serial: "E2E-SERIAL-7",
      uuid: "E2E-UUID-7",
      macs: ["00:16:3e:aa:bb:07"],
      tag: "PARIS",
    }),
  );
}

Deno.test("console: approve a pending device, write a TAG-to-location rule and test it", async (t) => {
  await withServedConsole("inbox-rules-e2e", async ({ url, browser, dataDir }) => {
    const file = join(dataDir, `${DEVICEID}.xml`);
    const page = await pageWithoutScripts(browser);
    await signIn(page, url, "admin", PASSWORD);

    await t.step("an uploaded offline inventory waits for approval", async () => {
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Devices" })
        .click();
      await page.getByRole("heading", { name: "Devices inbox" }).waitFor();
      await page.getByLabel("Inventory files").setInputFiles(file);
      await page.getByRole("button", { name: "Upload", exact: true }).click();
      const results = page.getByRole("region", { name: /Upload: 1 of 1 file/ });
      await results.waitFor();
      assert.match(
        await results.locator(`tr[data-file="${DEVICEID}.xml"]`).textContent() ?? "",
        /new device.*not imported \(pending\): waiting for approval/,
      );
      await screenshot(page, "inbox-rules-01-upload-result");
    });

    await t.step("the inbox lists it; its row opens the trace", async () => {
      await page.goto(`${url}/devices?status=pending`);
      const row = page.locator(`tbody[data-deviceid="${DEVICEID}"]`);
      assert.match(await row.textContent() ?? "", /Pending approval.*waiting for approval/);
      await screenshot(page, "inbox-rules-02-inbox");
      await row.locator("summary").click();
      await row.getByText(/No rule was evaluated: the decision came before the rules/).waitFor();
      await screenshot(page, "inbox-rules-03-inbox-trace");
    });

    await t.step("approve it into Paris: it leaves the inbox", async () => {
      await page.getByLabel("Select paris-desk-7").check();
      await page.getByLabel("Import into").selectOption({ label: "Root entity > Paris" });
      await page.getByRole("button", { name: "Import selected" }).click();
      await page.getByRole("status").filter({
        hasText: "Import of 1 device: 1 device now in the registry.",
      }).waitFor();
      assert.equal(await page.locator(`tbody[data-deviceid="${DEVICEID}"]`).count(), 0);
      await screenshot(page, "inbox-rules-04-approved");
    });

    await t.step("write a TAG-to-location rule in the row-by-row editor", async () => {
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Rules" })
        .click();
      await page.getByRole("heading", { name: "Rules", exact: true }).waitFor();
      await screenshot(page, "inbox-rules-05-rules-list");
      await page.getByRole("link", { name: "New location rule" }).click();
      await page.getByLabel("Name", { exact: true }).fill("Location from TAG");
      await page.getByLabel("Criterion 1 field").selectOption("tag");
      await page.getByLabel("Criterion 1 operator").selectOption("regex");
      await page.getByLabel("Criterion 1 pattern").fill("/^(.+)$/");
      // "Add a criterion" re-renders the form with one more row, keeping what was typed.
      await page.getByRole("button", { name: "Add a criterion" }).click();
      await page.getByLabel("Criterion 2 field").waitFor();
      assert.equal(await page.getByLabel("Criterion 1 pattern").inputValue(), "/^(.+)$/");
      await page.getByLabel("Action 1 field").selectOption("location");
      await page.getByLabel("Action 1 kind").selectOption("regex_result");
      await page.getByLabel("Action 1 value").fill("Sites > #0");
      await screenshot(page, "inbox-rules-06-rule-editor");
      await page.getByRole("button", { name: "Create rule", exact: true }).click();
      await page.getByRole("status").filter({ hasText: "Rule created." }).waitFor();
      const row = page.locator('tr[data-rule="Location from TAG"]');
      assert.match(await row.textContent() ?? "", /tag matches regex "\/\^\(\.\+\)\$\/"/);
      assert.match(await row.textContent() ?? "", /location: assign the regex result "Sites > #0"/);
    });

    await t.step("test it against a typed TAG: the decision and the trace", async () => {
      await page.goto(`${url}/rules#collection-location`);
      await page.getByRole("region", { name: "Location" })
        .getByRole("link", { name: "Test these rules" }).click();
      await page.getByLabel(/^Agent tag/).fill("PARIS");
      await page.getByRole("button", { name: "Test these values" }).click();
      await page.getByText('Decision: location "Sites > PARIS" by rule "Location from TAG"')
        .waitFor();
      const trace = page.getByRole("region", { name: /Location rules:/ });
      assert.match(await trace.textContent() ?? "", /Location from TAG\s*matched/);
      assert.match(
        await trace.textContent() ?? "",
        /tag "PARIS" matches "\/\^\(\.\+\)\$\/", captures "PARIS"/,
      );
      await screenshot(page, "inbox-rules-07-rule-test-trace");
    });

    await t.step("the stored device replayed: its trace through every collection", async () => {
      await page.getByLabel("Device id or DEVICEID").fill(DEVICEID);
      await page.getByRole("button", { name: "Test this device" }).click();
      await page.getByRole("region", { name: /Import and link rules:/ }).waitFor();
      assert.match(
        await page.locator(".decision").textContent() ?? "",
        /link to computer #\d+ by rule/,
      );
      assert.match(
        await page.locator(".trace-outcome").first().textContent() ?? "",
        /Sites > PARIS/,
      );
      await screenshot(page, "inbox-rules-08-device-test-trace");
    });
  }, prepare);
});
