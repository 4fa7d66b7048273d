/**
 * `/api/v1/tasks` over the real app and the real scheduler code: list, detail, settings with
 * field-named refusals, run now (a real backup) and its log.
 */

import assert from "node:assert/strict";
import { createTestUser } from "./_helpers/auth.ts";
import { withApi } from "./_helpers/api.ts";

Deno.test("tasks: list, settings, run now and read its log", async () => {
  await withApi(async ({ ctx, call }) => {
    const admin = await createTestUser(ctx, "admin", "admin");
    const reader = await createTestUser(ctx, "reader", "readonly");

    const list = await call(reader.token, "GET", "/tasks");
    assert.equal(list.status, 200);
    const names = list.body.items.map((t: { name: string }) => t.name);
    for (const name of ["backup", "sync-registry", "purge-logs"]) assert.ok(names.includes(name));
    assert.equal(list.body.total, names.length);

    const changed = await call(admin.token, "PATCH", "/tasks/backup", {
      enabled: false,
      frequency: "0 2 * * *",
      hours: "1-5",
      param: 3,
    });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    assert.equal(changed.body.state, "disabled");
    assert.equal(changed.body.frequency, "0 2 * * *");
    assert.equal(changed.body.hourMin, 1);
    assert.equal(changed.body.param.value, 3);
    assert.equal(changed.body.nextRunAt, null);

    for (
      const [body, field] of [
        [{ frequency: "often" }, "frequency"],
        [{ hours: "5-5" }, "hours"],
        [{ param: -4 }, "param"],
        [{ logs_lifetime_days: -1 }, "logs_lifetime_days"],
        [{ enabled: "yes" }, "enabled"],
        [{ colour: "red" }, "colour"],
        [{}, "(body)"],
      ] as const
    ) {
      const refused = await call(admin.token, "PATCH", "/tasks/backup", body);
      assert.equal(refused.status, 400, JSON.stringify(body));
      assert.equal(refused.body.data.field, field, JSON.stringify(refused.body));
    }
    assert.equal((await call(admin.token, "GET", "/tasks/nope")).status, 404);
    assert.equal((await call(admin.token, "POST", "/tasks/nope/run")).status, 404);
    assert.equal((await call(reader.token, "POST", "/tasks/backup/run")).status, 403);

    // Run now, even though it is disabled.
    const ran = await call(admin.token, "POST", "/tasks/backup/run");
    assert.equal(ran.status, 200, JSON.stringify(ran.body));
    assert.equal(ran.body.task, "backup");
    assert.equal(ran.body.status, "done", ran.body.message);
    assert.equal(ran.body.trigger, "forced");

    const runs = await call(reader.token, "GET", "/tasks/backup/runs");
    assert.equal(runs.body.total, 1);
    assert.equal(runs.body.items[0].id, ran.body.runId);
    const log = await call(reader.token, "GET", `/tasks/backup/runs/${ran.body.runId}`);
    assert.equal(log.status, 200);
    assert.equal(log.body.status, "done");
    assert.ok(log.body.lines.some((l: { message: string }) => /^wrote inventory-/.test(l.message)));
    assert.equal(
      (await call(reader.token, "GET", `/tasks/optimise/runs/${ran.body.runId}`)).status,
      404,
    );

    const detail = await call(reader.token, "GET", "/tasks/backup");
    assert.equal(detail.body.statistics.runs, 1);
    assert.equal(detail.body.recentRuns[0].id, ran.body.runId);
    assert.equal(detail.body.lastStatus, "done");

    const enabled = await call(admin.token, "PATCH", "/tasks/backup", { enabled: true });
    assert.equal(enabled.body.state, "scheduled");
    assert.ok(enabled.body.nextRunAt);
  });
});
