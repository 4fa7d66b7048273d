/**
 * End to end in a real headless Chromium with JavaScript turned off: `inventory serve` (a child
 * process) receives 505 agents' inventories on /ocsinventory and imports them; an admin signs
 * in, finds a computer by MAC, exports the CSV (a real download), trashes one checked row, then
 * trashes the 500 computers of one TAG in one action and purges them from the trash in one
 * action, through the confirmation page. Screenshots of each page go to
 * .test-artifacts/screenshots/.
 *
 * @module
 */

import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { createTestUser } from "./_helpers/auth.ts";
import { pageWithoutScripts, screenshot, signIn } from "./_helpers/browser.ts";
import { type Machine, machineXml } from "./_helpers/fleet.ts";
import { agentPost, withServedConsole } from "./_helpers/served_console.ts";

const PASSWORD = "seven green bulk lanterns";
const BULK = 500;
const BULK_TAG = "BULK";

const hex = (n: number) => n.toString(16).padStart(2, "0");

/** Five named desks, then 500 machines of TAG BULK; a short software list keeps import quick. */
function machines(): Machine[] {
  const out: Machine[] = [];
  for (let i = 1; i <= 5; i++) {
    out.push({
      deviceid: `desk-${i}-2026-01-01-00-00-00`,
      name: `desk-${i}`,
      serial: `DESK-SER-${i}`,
      uuid: `DESK-UUID-${i}`,
      macs: [`00:de:5c:00:00:${hex(i)}`],
      tag: "DESKS",
      software: [{ name: "curl", version: "8.0" }],
    });
  }
  for (let i = 0; i < BULK; i++) {
    out.push({
      deviceid: `bulk-${i}-2026-01-01-00-00-00`,
      name: `bulk-${String(i).padStart(3, "0")}`,
      serial: `BULK-SER-${i}`,
      uuid: `BULK-UUID-${i}`,
      macs: [`00:b0:01:00:${hex(i >> 8)}:${hex(i & 255)}`],
      tag: BULK_TAG,
      software: [{ name: "vim", version: "9" }],
    });
  }
  return out;
}

/** Posts every inventory, a few at a time, as agents would. */
async function sendAll(url: string, fleet: Machine[]): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < fleet.length) {
      const machine = fleet[next++]!;
      const response = await agentPost(url, machineXml(machine));
      await response.body?.cancel();
      assert.equal(response.status, 200, machine.deviceid);
    }
  };
  await Promise.all(Array.from({ length: 6 }, worker));
}

function rows(page: Page) {
  return page.locator("table.computers tbody tr[data-id]");
}

Deno.test("console e2e: find by MAC, export CSV, trash and purge 500 computers in one action each", async (t) => {
  await withServedConsole("computers-e2e", async ({ url, ctx, server, browser }) => {
    await createTestUser(ctx, "bulk-admin", "admin", "all", { password: PASSWORD });
    const fleet = machines();

    await t.step("505 agents report; the server imports them all", async () => {
      await sendAll(url, fleet);
      // Ingestion triggers the registry synchronisation; wait until every device is a computer.
      const deadline = Date.now() + 120_000;
      for (;;) {
        const row = await ctx.db.selectFrom("computers")
          .select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
        if (Number(row.n) === fleet.length) break;
        if (Date.now() > deadline) {
          throw new Error(`${row.n} of ${fleet.length} imported:\n${server.log()}`);
        }
        await new Promise((r) => setTimeout(r, 250));
      }
    });

    const page = await pageWithoutScripts(browser, {
      acceptDownloads: true,
      viewport: { width: 1366, height: 900 },
    });
    await signIn(page, url, "bulk-admin", PASSWORD);

    await t.step("the dashboard counts the fleet", async () => {
      await page.goto(`${url}/`);
      await page.getByRole("heading", { name: "Dashboard", exact: true }).waitFor();
      const main = await page.locator("main").textContent() ?? "";
      assert.match(main, /505/, "the computer count");
      assert.ok(await page.locator("main svg[role=img]").count() > 0, "charts are drawn");
      await screenshot(page, "dashboard");
    });

    await t.step("the computers list", async () => {
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Computers" })
        .click();
      await page.getByRole("heading", { name: "Computers", exact: true }).waitFor();
      assert.match(await page.getByTestId("computer-count").textContent() ?? "", /505 computers/);
      assert.equal(await rows(page).count(), 50, "50 per page");
      await screenshot(page, "computers-01-list");
    });

    await t.step("find a computer by MAC, typed in another notation", async () => {
      await page.getByLabel("Search", { exact: true }).fill("00-DE-5C-00-00-03");
      await page.getByRole("button", { name: "Search" }).click();
      await page.waitForURL(/\/computers\?q=00-DE-5C-00-00-03/);
      assert.equal(await rows(page).count(), 1);
      assert.equal(
        await rows(page).first().getByRole("rowheader").textContent(),
        "desk-3",
      );
      await screenshot(page, "computers-02-found-by-mac");
      assert.equal(
        await rows(page).first().getByRole("link", { name: "desk-3" }).getAttribute("href"),
        `/computers/${await rows(page).first().getAttribute("data-id")}`,
      );
    });

    await t.step("export the CSV of a filter: a real download", async () => {
      await page.goto(`${url}/computers?tag=DESKS&sort=serial&dir=desc`);
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("link", { name: "Export CSV" }).click(),
      ]);
      assert.match(download.suggestedFilename(), /^computers-\d{4}-\d{2}-\d{2}\.csv$/);
      const text = await Deno.readTextFile((await download.path())!);
      const lines = text.replace(/^\uFEFF/, "").split("\r\n");
      assert.equal(lines.at(-1), "", "the last record ends with CRLF");
      assert.equal(
        lines[0],
        '"Name","Entity","Location","Operating system","Serial number","IP address",' +
          '"Last inventory"',
      );
      assert.deepEqual(
        lines.slice(1, -1).map((l) => l.split(",")[0]),
        ['"desk-5"', '"desk-4"', '"desk-3"', '"desk-2"', '"desk-1"'],
      );
    });

    await t.step("trash one checked row (the checkbox belongs to the bulk form)", async () => {
      await page.goto(`${url}/computers?tag=DESKS`);
      await page.getByRole("checkbox", { name: "Select desk-1" }).check();
      await page.getByRole("button", { name: "Move to the trash" }).click();
      await page.getByRole("status").filter({ hasText: "1 computer moved to the trash." })
        .waitFor();
      assert.equal(await rows(page).count(), 4);
    });

    await t.step("trash all 500 computers of a TAG in one action", async () => {
      await page.goto(`${url}/computers`);
      await page.getByLabel("TAG (exact)").fill(BULK_TAG);
      await page.getByRole("button", { name: "Search" }).click();
      await page.waitForURL(/tag=BULK/);
      assert.match(await page.getByTestId("computer-count").textContent() ?? "", /500 computers/);
      await screenshot(page, "computers-03-filtered-by-tag");
      await page.getByRole("checkbox", { name: /Or all 500 computers matching this filter/ })
        .check();
      const started = performance.now();
      await page.getByRole("button", { name: "Move to the trash" }).click();
      await page.getByRole("status").filter({ hasText: "500 computers moved to the trash." })
        .waitFor();
      console.log(`500 computers trashed in ${(performance.now() - started).toFixed(0)} ms`);
      assert.equal(await rows(page).count(), 0);
      await screenshot(page, "computers-04-trashed");
    });

    await t.step("purge them from the trash in one action, after the confirmation", async () => {
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Trash" })
        .click();
      await page.getByRole("heading", { name: "Trash" }).waitFor();
      assert.match(await page.getByTestId("computer-count").textContent() ?? "", /501 computers/);
      await screenshot(page, "computers-05-trash");
      await page.getByLabel("TAG (exact)").fill(BULK_TAG);
      await page.getByRole("button", { name: "Search" }).click();
      // (A GET form sends its empty fields too: the list ignores them.)
      await page.waitForURL(/\/trash\?.*tag=BULK/);
      await page.getByRole("button", { name: "Purge all 500 matching…" }).click();
      await page.getByRole("heading", { name: "Purge 500 computers?" }).waitFor();
      await screenshot(page, "computers-06-purge-confirmation");
      const started = performance.now();
      await page.getByRole("button", { name: "Purge 500 computers" }).click();
      await page.getByRole("status").filter({ hasText: "500 computers purged for good." })
        .waitFor();
      console.log(`500 computers purged in ${(performance.now() - started).toFixed(0)} ms`);
      await screenshot(page, "computers-07-purged");
      await page.goto(`${url}/trash`);
      assert.match(await page.getByTestId("computer-count").textContent() ?? "", /1 computer\b/);
      const left = await ctx.db.selectFrom("computers")
        .select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
      assert.equal(Number(left.n), 5, "the 500 are gone for good, the desks remain");
    });

    await t.step("on a phone-sized screen the list stays usable", async () => {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${url}/computers`);
      await screenshot(page, "computers-08-mobile");
    });
  });
});
