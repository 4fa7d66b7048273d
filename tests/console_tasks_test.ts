/**
 * The automatic actions pages through the real app with real sessions, in a context with no
 * scheduler of its own (as `--no-scheduler`): the list shows every task with its schedule; "run
 * now" runs the task in this process and its run log shows the run with its lines; enable and
 * disable change the state and the next run; a refused setting answers 400 with the reason and
 * what was typed; only the "tasks" right gets in.
 *
 * @module
 */

import assert from "node:assert/strict";
import { getTaskRow } from "../server/tasks/store.ts";
import { createTestUser } from "./_helpers/auth.ts";
import { signedIn } from "./_helpers/console.ts";
import { withContext } from "./_helpers/context.ts";

Deno.test("tasks: list, run now, its log, enable/disable, settings with a refused value", async () => {
  await withContext(async (ctx) => {
    const admin = signedIn(ctx, await createTestUser(ctx, "admin", "admin"));

    const list = await admin.page("/tasks");
    assert.equal(list.status, 200, list.html);
    for (const name of ["sync-registry", "backup", "optimise", "purge-logs", "alerts"]) {
      assert.match(list.html, new RegExp(`<a href="/tasks/${name}">${name}</a>`));
    }
    assert.match(list.html, /runs no scheduler/);
    assert.match(
      list.html,
      /data-task="backup"[\s\S]*?daily at 03:15|data-task="backup"[\s\S]*?03:15/,
    );

    // Run now: the answer waits for a quick task, then its run page shows the outcome and lines.
    const ran = await admin.submit("/tasks/optimise/run");
    assert.equal(ran.status, 303, ran.html);
    const runPath = ran.location!.replace(/\?.*$/, "");
    assert.match(ran.location!, /^\/tasks\/optimise\/runs\/\d+\?notice=ran$/);
    const runPage = await admin.page(ran.location!);
    assert.equal(runPage.status, 200);
    assert.match(runPage.html, /The task ran now/);
    assert.match(runPage.html, /optimise run #\d+ <span class="badge status-(done|nothing)">/);
    assert.match(runPage.html, /<dd>run now<\/dd>/);
    assert.match(runPage.html, /data-testid="run-message">\d+ tables analysed/);
    assert.match(runPage.html, /class="line-message">ANALYZE/);

    // The task's page lists that run in its log, with the statistics counting it.
    const detail = await admin.page("/tasks/optimise");
    assert.equal(detail.status, 200);
    const runId = runPath.split("/").pop();
    assert.match(detail.html, new RegExp(`data-run="${runId}"`));
    assert.match(detail.html, new RegExp(`href="${runPath}"`));
    assert.match(detail.html, /<dt>Runs<\/dt><dd>1<span class="muted"> since/);
    assert.match(detail.html, /<td class="optional">run now<\/td>/);

    // A run of another task, and paging of the run log.
    for (let i = 0; i < 3; i++) {
      assert.equal((await admin.submit("/tasks/purge-logs/run")).status, 303);
    }
    const paged = await admin.page("/tasks/purge-logs?per_page=2&page=2");
    assert.equal(paged.status, 200);
    assert.match(paged.html, /3–3 of 3/);
    const badPage = await admin.page("/tasks/purge-logs?page=zero");
    assert.match(badPage.html, /page must be a whole number/);

    // Disable, then enable: state and next run follow.
    const disabled = await admin.submit("/tasks/backup/disable");
    assert.equal(disabled.location, "/tasks/backup?notice=disabled");
    assert.equal((await getTaskRow(ctx.db, "backup"))!.state, "disabled");
    const disabledPage = await admin.page("/tasks/backup?notice=disabled");
    assert.match(disabledPage.html, /badge state-disabled/);
    assert.match(disabledPage.html, /action="\/tasks\/backup\/enable"/);
    assert.equal((await admin.submit("/tasks/backup/enable")).status, 303);
    assert.equal((await getTaskRow(ctx.db, "backup"))!.state, "scheduled");

    // Settings: a refused window answers 400 with the reason, keeping what was typed.
    const refused = await admin.submit("/tasks/backup/settings", {
      frequency: "0 2 * * *",
      hours: "5-5",
      param: "14",
      logs_days: "30",
    });
    assert.equal(refused.status, 400);
    assert.match(refused.html, /Not saved: Hour window 5-5 is empty/);
    assert.match(refused.html, /name="hours" value="5-5"/);
    assert.match(refused.html, /name="frequency" value="0 2 \* \* \*"/);
    assert.equal((await getTaskRow(ctx.db, "backup"))!.cron, "15 3 * * *");

    const badParam = await admin.submit("/tasks/backup/settings", {
      frequency: "15 3 * * *",
      hours: "all",
      param: "lots",
      logs_days: "30",
    });
    assert.equal(badParam.status, 400);
    assert.match(badParam.html, /parameter is a whole number/);

    const saved = await admin.submit("/tasks/backup/settings", {
      frequency: "0 2 * * *",
      hours: "1-5",
      param: "14",
      logs_days: "60",
    });
    assert.equal(saved.status, 303, saved.html);
    const row = (await getTaskRow(ctx.db, "backup"))!;
    assert.equal(row.cron, "0 2 * * *");
    assert.deepEqual([row.hour_min, row.hour_max, row.param, row.logs_lifetime_days], [
      1,
      5,
      14,
      60,
    ]);
    const after = await admin.page("/tasks/backup?notice=saved");
    assert.match(after.html, /Settings saved/);
    assert.match(after.html, /name="hours" value="1-5"/);

    // Unknown tasks and runs are 404s.
    assert.equal((await admin.page("/tasks/nope")).status, 404);
    assert.equal((await admin.submit("/tasks/nope/run")).status, 404);
    assert.equal((await admin.page(`/tasks/backup/runs/${runId}`)).status, 404);
  });
});

Deno.test("tasks need the tasks right", async () => {
  await withContext(async (ctx) => {
    const tech = signedIn(ctx, await createTestUser(ctx, "tech", "technician"));
    assert.equal((await tech.page("/tasks")).status, 403);
    assert.equal((await tech.page("/tasks/backup")).status, 403);
    assert.equal((await tech.submit("/tasks/backup/run")).status, 403);
    assert.equal((await tech.submit("/tasks/backup/disable")).status, 403);
  });
});
