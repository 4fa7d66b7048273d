/**
 * End to end in a real headless Chromium with JavaScript turned off, against `inventory serve`
 * as a child process (it runs the scheduler): an admin ("ops") signs in, runs a task now from the tasks
 * list and reads its log, opens the task page with the run in its log, changes PROLOG_FREQ on the
 * settings page and sees an agent get it, and browses the software catalogue filled by a real
 * inventory. Screenshots of the tasks list, the run log, the task page, the settings and the
 * software pages go to .test-artifacts/screenshots/.
 *
 * @module
 */

import assert from "node:assert/strict";
import { decodeReply, readPrologReply, writePrologRequest } from "../protocol/mod.ts";
import { createTestUser } from "./_helpers/auth.ts";
import { pageWithoutScripts, screenshot, signIn } from "./_helpers/browser.ts";
import { machineXml } from "./_helpers/fleet.ts";
import { agentPost, waitForComputer, withServedConsole } from "./_helpers/served_console.ts";

const PASSWORD = "slow river under stone";
const MACHINE = {
  deviceid: "e2e-tasks-1-2026-01-01-00-00-00",
  name: "e2e-tasks-1",
  serial: "E2E-TASKS-1",
  uuid: "E2E-TASKS-UUID-1",
  macs: ["00:aa:bb:cc:1e:01"],
};

Deno.test("console e2e: run a task now and read its log; settings and software pages", async (t) => {
  await withServedConsole("tasks-e2e", async (world) => {
    const { url, ctx, browser } = world;
    await createTestUser(ctx, "ops", "admin", "all", { password: PASSWORD });

    await t.step(
      "an inventory arrives and is imported (the software catalogue fills)",
      async () => {
        const response = await agentPost(url, machineXml(MACHINE));
        await response.body?.cancel();
        assert.equal(response.status, 200);
        await waitForComputer(world, MACHINE.deviceid);
      },
    );

    const page = await pageWithoutScripts(browser, { viewport: { width: 1280, height: 900 } });
    await signIn(page, url, "ops", PASSWORD);

    await t.step("the tasks list; run a task now; its log", async () => {
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Tasks" })
        .click();
      await page.waitForURL(`${url}/tasks`);
      assert.equal(
        await page.getByRole("heading", { level: 1 }).textContent(),
        "Automatic actions",
      );
      const row = page.locator('tr[data-task="optimise"]');
      assert.equal(await row.count(), 1);
      // The served process runs the scheduler: no "runs no scheduler" note.
      assert.equal(await page.getByText("runs no scheduler").count(), 0);
      await screenshot(page, "console-tasks-list");

      await row.getByRole("button", { name: "Run now" }).click();
      await page.waitForURL(/\/tasks\/optimise(\/runs\/\d+)?\?notice=(ran|started)/);
      if (page.url().includes("notice=started")) {
        // A slow machine: the run goes on; its page shows it once done.
        const runLink = page.locator("table.runs a").first();
        await runLink.click();
      }
      assert.match(
        await page.getByRole("heading", { level: 1 }).textContent() ?? "",
        /optimise run #\d+/,
      );
      const lines = page.locator("table.run-lines td.line-message");
      assert.ok(await lines.count() > 0, "the run logged lines");
      assert.match(await lines.first().textContent() ?? "", /ANALYZE|forced|reclaimed/);
      assert.match(
        await page.getByTestId("run-message").textContent() ?? "",
        /tables analysed|completed|running|–/,
      );
      await screenshot(page, "console-tasks-run-log");
    });

    await t.step("the task page lists the run in its log", async () => {
      await page.getByRole("link", { name: "optimise", exact: true }).click();
      await page.waitForURL(`${url}/tasks/optimise`);
      assert.ok(await page.locator("table.runs tbody tr").count() >= 1);
      assert.match(await page.locator("table.runs").textContent() ?? "", /run now/);
      await screenshot(page, "console-tasks-detail");
    });

    await t.step("settings: PROLOG_FREQ changed live", async () => {
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" })
        .click();
      await page.waitForURL(`${url}/settings`);
      await page.getByLabel("PROLOG_FREQ (hours between agent contacts)").fill("7");
      await page.getByRole("button", { name: "Save agent settings" }).click();
      await page.waitForURL(`${url}/settings?notice=agents`);
      await page.getByText("Agent settings saved").waitFor();
      await screenshot(page, "console-settings");
      const response = await agentPost(url, writePrologRequest(MACHINE.deviceid));
      assert.equal(response.status, 200);
      const reply = readPrologReply(decodeReply(new Uint8Array(await response.arrayBuffer())));
      assert.equal(reply.prologFreq, 7);
    });

    await t.step("the software catalogue and one software", async () => {
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Software" })
        .click();
      await page.waitForURL(`${url}/software`);
      const first = page.locator("table.software tbody tr").first();
      assert.ok(await page.locator("table.software tbody tr").count() > 5);
      await screenshot(page, "console-software");
      await first.getByRole("link").click();
      await page.waitForURL(/\/software\/\d+$/);
      assert.match(
        await page.locator("table.version-computers").textContent() ?? "",
        /e2e-tasks-1/,
      );
      await screenshot(page, "console-software-detail");
    });
    await page.context().close();
  });
});
