/**
 * The console in French, end to end: a real Chromium asking for French (JavaScript off) signs in
 * through the French form, walks the console's pages and finds no English left on any of them
 * (tests/_helpers/english_left.ts), `<html lang="fr">` on each; dates and numbers are French; the
 * CSV export uses `;`; choosing English in the preferences turns the console English whatever the
 * browser asks.
 *
 * @module
 */

import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { createTestUser } from "./_helpers/auth.ts";
import { pageWithoutScripts, screenshot } from "./_helpers/browser.ts";
import { englishLeft } from "./_helpers/english_left.ts";
import { machineXml } from "./_helpers/fleet.ts";
import { agentPost, waitForComputer, withServedConsole } from "./_helpers/served_console.ts";

const PASSWORD = "quiet lantern in the hall";
const MACHINE = {
  deviceid: "fr-walk-1-2026-01-01-00-00-00",
  name: "fr-walk-1",
  serial: "FR-WALK-1",
  uuid: "FR-WALK-UUID-1",
  macs: ["00:aa:bb:cc:f1:01"],
};

/** Pages translated: each must be English-free in French. */
const TRANSLATED = [
  "/",
  "/computers",
  "/computers?q=nothing-matches-this",
  "/computers?cols=name,entity,location,state,os,os_version,serial,uuid,manufacturer,model,type,user,ip,tag,inventory_number,last_inventory,last_contact,id",
  "/trash",
  "/tasks",
  "/tasks/optimise",
  "/tasks/alerts",
  "/preferences",
  "/events",
  "/history",
  "/history?kind=software_added&source=inventory",
  "/entities",
  "/entities/1",
  "/locations",
  "/devices",
  "/devices?status=pending",
  "/devices/all",
  "/devices/all?q=zzz-nothing",
  "/software",
  "/software?search=zzz-nothing",
  "/settings",
  "/users",
  "/tokens",
  "/rules",
  "/rules/new?collection=import",
  "/rules/new?collection=entity",
  "/rules/new?collection=software",
  "/rules/test?collection=location",
  "/password",
  "/no-such-page",
];

Deno.test("console in French: every translated page without English, French dates, CSV with ';'", async (t) => {
  await withServedConsole("i18n-e2e", async (world) => {
    const { url, ctx, browser } = world;
    await createTestUser(ctx, "amelie", "admin", "all", { password: PASSWORD });
    const response = await agentPost(url, machineXml(MACHINE));
    await response.body?.cancel();
    assert.equal(response.status, 200);
    const computerId = await waitForComputer(world, MACHINE.deviceid);

    // What the pages show as data: never English to find.
    const software = await ctx.db.selectFrom("software").select(["id", "name"]).execute();
    const computer = await ctx.db.selectFrom("computers").selectAll().where("id", "=", computerId)
      .executeTakeFirstOrThrow();
    const tasks = await ctx.db.selectFrom("tasks").select("name").execute();
    const entities = await ctx.db.selectFrom("entities").select("name").execute();
    // States are the admin's own dropdown values (GLPI's "Statuts"), seeded in English.
    const states = await ctx.db.selectFrom("states").select("name").execute();
    // Rules are the admin's own (the default ones are seeded in English).
    const rules = await ctx.db.selectFrom("rules").select(["name", "description"]).execute();
    // Every text the inventory stored: what the agent reported is data in any language.
    const inventoried: string[] = [];
    for (
      const table of [
        "components",
        "network_ports",
        "volumes",
        "virtual_machines",
        "software",
        "software_versions",
        "peripherals",
      ] as const
    ) {
      for (const row of await ctx.db.selectFrom(table).selectAll().execute()) {
        for (const value of Object.values(row)) {
          if (typeof value !== "string" || value.length < 2) continue;
          inventoried.push(value);
          // Component details show as "key: value" pairs, keys lower-cased.
          if (value.startsWith("{")) {
            try {
              for (const [k, v] of Object.entries(JSON.parse(value) as Record<string, string>)) {
                inventoried.push(`${k.toLowerCase()}: ${v}`);
              }
            } catch { /* not JSON */ }
          }
        }
      }
    }
    // The device page shows every kept section as the agent sent it: field names and values.
    const device = await ctx.db.selectFrom("devices").selectAll()
      .where("deviceid", "=", MACHINE.deviceid).executeTakeFirstOrThrow();
    const sections = await ctx.db.selectFrom("device_sections").select(["section", "data"])
      .where("device_id", "=", device.id).execute();
    const sectionTexts = (value: unknown): string[] =>
      typeof value === "string"
        // A multi-line value (a package's description) shows line by line.
        ? [value, ...value.split("\n").map((line) => line.trim())]
        : Array.isArray(value)
        ? value.flatMap(sectionTexts)
        : value && typeof value === "object"
        ? Object.entries(value).flatMap(([k, v]) => [k, ...sectionTexts(v)])
        : [];
    for (const { section, data } of sections) {
      inventoried.push(section, ...sectionTexts(JSON.parse(data)));
    }
    inventoried.push(...Object.values(device).filter((v): v is string => typeof v === "string"));
    const data = [
      ...inventoried,
      ...software.map((s) => s.name),
      ...tasks.map((task) => task.name),
      ...entities.map((entity) => entity.name),
      ...states.map((state) => state.name),
      ...rules.flatMap((rule) => [rule.name, rule.description]),
      "software:",
      ...Object.values(computer).filter((v): v is string => typeof v === "string"),
      "amelie",
      "admin",
      "inventory",
      "--no-scheduler",
    ];

    const page = await pageWithoutScripts(browser, {
      locale: "fr-FR",
      timezoneId: "Europe/Paris",
      viewport: { width: 1280, height: 900 },
    });
    await t.step("the sign-in page is French; signing in through it", async () => {
      await page.goto(`${url}/login`);
      assert.equal(await page.locator("html").getAttribute("lang"), "fr");
      assert.deepEqual(englishLeft(await page.content(), data), []);
      await page.getByLabel("Identifiant").fill("amelie");
      await page.getByLabel("Mot de passe", { exact: true }).fill(PASSWORD);
      await page.getByRole("button", { name: "Se connecter" }).click();
      await page.waitForURL(`${url}/`);
    });

    await t.step("a task run in French (its page joins the walk)", async () => {
      await page.goto(`${url}/tasks`);
      await page.locator('tr[data-task="optimise"]').getByRole("button", { name: "Exécuter" })
        .click();
      await page.waitForURL(/\/tasks\/optimise(\/runs\/\d+)?\?notice=(ran|started)/);
    });
    await t.step(
      "the alerts task's alert, read on the event log (linked from the dashboard)",
      async () => {
        await page.goto(`${url}/tasks`);
        await page.locator('tr[data-task="alerts"]').getByRole("button", { name: "Exécuter" })
          .click();
        await page.waitForURL(/\/tasks\/alerts(\/runs\/\d+)?\?notice=(ran|started)/);
        await page.goto(`${url}/`);
        await page.getByRole("link", { name: "Journal des événements" }).click();
        await page.waitForURL(`${url}/events`);
        const alert = page.locator('tr[data-kind="alert.new_computers"]').first();
        await alert.waitFor();
        assert.match(await alert.innerText(), /Alerte : nouveaux ordinateurs/);
        assert.match(await alert.innerText(), /new computer/);
        await page.goto(`${url}/events?kind=alert.task_failing`);
        assert.equal(await page.locator('tr[data-kind="alert.new_computers"]').count(), 0);
      },
    );

    const run = await ctx.db.selectFrom("task_runs").select("id").where("task", "=", "optimise")
      .orderBy("id", "desc").executeTakeFirst();

    await t.step("every translated page: lang=fr and no English left", async () => {
      const paths = [
        ...TRANSLATED,
        `/computers/${computerId}`,
        `/computers/${computerId}/edit`,
        `/devices/${device.id}`,
        ...(run ? [`/tasks/optimise/runs/${run.id}`] : []),
        ...software.slice(0, 3).map((s) => `/software/${s.id}`),
      ];
      for (const path of paths) {
        await page.goto(`${url}${path}`);
        assert.equal(await page.locator("html").getAttribute("lang"), "fr", path);
        // Run outcomes and log lines are what the tasks wrote (in English, see the report).
        const html = (await page.content())
          .replace(/<dd data-testid="run-message">[\s\S]*?<\/dd>/g, "")
          .replace(/<td class="line-message">[\s\S]*?<\/td>/g, "")
          .replace(/<(div|span) class="muted task-message">[^<]*<\/(div|span)>/g, "")
          // So are the rule engine's reasons in traces (rules/ writes them in English).
          .replace(/<span class="trace-reason">[^<]*<\/span>/g, "")
          .replace(/<td class="trace-why">[^<]*<\/td>/g, "")
          .replace(/<(td|span) class="inbox-reason">[^<]*<\/(td|span)>/g, "")
          // And the event log's messages (the alerts task writes them in English).
          .replace(/<td class="event-message">[^<]*<\/td>/g, "");
        const left = englishLeft(html, data);
        assert.deepEqual(left, [], `English left on ${path}`);
      }
      await page.goto(`${url}/`);
      await screenshot(page, "console-fr-dashboard");
    });

    await t.step("French dates and numbers; no raw ISO date", async (t2) => {
      await page.goto(`${url}/tasks/optimise`);
      const text = await page.locator("main").innerText();
      assert.doesNotMatch(text, /\d{4}-\d\d-\d\dT\d\d:\d\d/);
      assert.match(
        text,
        /\d{1,2} (janv|févr|mars|avr|mai|juin|juil|août|sept|oct|nov|déc)\.? \d{4}/,
      );
      await t2.step("the computers list shows its last inventory the French way", async () => {
        await page.goto(`${url}/computers`);
        const row = await page.locator(`tr[data-id="${computerId}"]`).innerText();
        assert.match(row, /\d{1,2} \p{L}+\.? \d{4}/u);
      });
    });

    await t.step("the CSV export: French headers, ';' separator", async () => {
      const cookies = await page.context().cookies();
      const cookie = cookies.map((c) => `${c.name}=${c.value}`).join("; ");
      const csv = await fetch(`${url}/computers.csv`, {
        headers: { cookie, "accept-language": "fr-FR,fr;q=0.9" },
      });
      const text = await csv.text();
      assert.equal(csv.headers.get("content-language"), "fr");
      const header = text.split("\r\n")[0]!.replace(/^\uFEFF/, "");
      assert.match(header, /^"Nom";"Entité";"Lieu";"Système d’exploitation"/);
      assert.ok(text.includes(`"${MACHINE.name}"`));
      const comma = await fetch(`${url}/computers.csv?sep=comma`, {
        headers: { cookie, "accept-language": "fr-FR" },
      });
      assert.match(await comma.text(), /^\uFEFF?"Nom","Entité"/);
    });

    await t.step("English chosen in the preferences wins over the browser's French", async () => {
      await page.goto(`${url}/preferences`);
      await page.getByLabel("Langue", { exact: true }).selectOption("en");
      await page.getByLabel("Fuseau horaire").fill("Europe/Paris");
      await page.getByRole("button", { name: "Enregistrer" }).click();
      await page.waitForURL(`${url}/preferences?notice=saved`);
      assert.equal(await page.locator("html").getAttribute("lang"), "en");
      await page.getByText("Your preferences are saved.").waitFor();
      await page.goto(`${url}/`);
      assert.equal(await page.getByRole("heading", { level: 1 }).textContent(), "Dashboard");
      await page.goto(`${url}/events`);
      assert.match(
        await page.locator('tr[data-kind="alert.new_computers"]').first().innerText(),
        /Alert: new computers/,
      );
      await page.goto(`${url}/preferences`);
      await page.getByLabel("Time zone").fill("Mars/Olympus");
      await page.getByRole("button", { name: "Save" }).click();
      await page.getByRole("alert").filter({ hasText: "Mars/Olympus" }).waitFor();
    });
    await page.context().close();
  });
});

/** Keeps `page` referenced for the helpers' types. */
export type { Page };
