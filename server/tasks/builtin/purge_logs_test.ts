import assert from "node:assert/strict";
import { fakeScheduler, runsOf, testTask, withTaskContext } from "../../../tests/_helpers/tasks.ts";
import { FakeClock } from "../clock.ts";
import { writeEvent } from "../event_log.ts";
import { updateTask } from "../store.ts";
import { purgeLogsTask } from "./purge_logs.ts";

const DAY = 86_400_000;

Deno.test("purge-logs: runs past each task's retention and old events go, the rest stays", async () => {
  const clock = new FakeClock("2026-11-01T12:00:00Z");
  await withTaskContext(async (ctx) => {
    const { scheduler } = fakeScheduler(ctx, [
      testTask("short", async (run) => {
        await run.log("a progress line");
        return { result: "done" };
      }, { frequency: "1d", logsLifetimeDays: 10 }),
      testTask("forever", () => ({ result: "nothing" }), { frequency: "1d", logsLifetimeDays: 0 }),
      purgeLogsTask,
    ], { clock });
    await scheduler.init();
    await ctx.writes.run((db) => updateTask(db, "purge-logs", { state: "disabled" }, clock.now()));
    // 30 days of daily runs and one event a day.
    for (let day = 0; day < 30; day++) {
      await scheduler.runPending();
      await ctx.writes.run((db) =>
        writeEvent(db, {
          at: clock.now(),
          level: "info",
          kind: "test.daily",
          message: `day ${day}`,
        })
      );
      await clock.advance(DAY);
    }
    assert.equal((await runsOf(ctx, "short")).length, 30);
    await ctx.writes.run((db) => updateTask(db, "purge-logs", { param: 20 }, clock.now()));

    const result = await scheduler.runNow("purge-logs");
    assert.ok(result.ran);
    assert.equal(result.report.status, "done", result.report.message);
    assert.match(result.report.message, /short: 20 runs/);
    assert.match(result.report.message, /event log: 10 events/);

    const now = clock.now().getTime();
    const short = await runsOf(ctx, "short");
    assert.equal(short.length, 10);
    assert.ok(short.every((r) => now - Date.parse(r.started_at) <= 10 * DAY));
    assert.equal((await runsOf(ctx, "forever")).length, 30, "retention 0 keeps everything");
    const orphanLines = await ctx.db.selectFrom("task_run_lines").select("id")
      .where("run_id", "not in", ctx.db.selectFrom("task_runs").select("id")).execute();
    assert.deepEqual(orphanLines, [], "the purged runs' lines went with them");
    const events = await ctx.db.selectFrom("event_log").select("message")
      .where("kind", "=", "test.daily").execute();
    assert.equal(events.length, 20);

    const again = await scheduler.runNow("purge-logs");
    assert.ok(again.ran);
    assert.equal(again.report.status, "nothing");
  }, { clock });
});
