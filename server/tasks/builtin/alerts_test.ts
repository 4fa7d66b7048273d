import assert from "node:assert/strict";
import { startSmtpServer } from "../../../tests/_helpers/smtp_server.ts";
import { fakeScheduler, testTask, withTaskContext } from "../../../tests/_helpers/tasks.ts";
import type { WebhookPayload } from "../alerts/deliver.ts";
import { failingTasksSource } from "../alerts/failing_tasks.ts";
import type { AlertSource } from "../alerts/source.ts";
import { FakeClock } from "../clock.ts";
import { listEvents } from "../event_log.ts";
import { alertsTask } from "./alerts.ts";

const HOUR = 3_600_000;

/** A local webhook receiver answering `status`. */
function startWebhook(status = 200) {
  const received: WebhookPayload[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (req) => {
    received.push(await req.json());
    return new Response(null, { status });
  });
  return {
    url: `http://127.0.0.1:${server.addr.port}/hook`,
    received,
    close: () => server.shutdown(),
  };
}

const failing = testTask("flaky", () => {
  throw new Error("cannot reach the OCS database");
});

Deno.test("alerts: a task failing repeatedly reaches the event log, the webhook and e-mail, once a day", async () => {
  const clock = new FakeClock("2026-11-21T08:00:00Z");
  const webhook = startWebhook();
  const smtp = startSmtpServer();
  try {
    await withTaskContext(async (ctx) => {
      const { scheduler } = fakeScheduler(ctx, [failing, alertsTask([failingTasksSource])], {
        clock,
      });
      for (let i = 0; i < 4; i++) await scheduler.runNow("flaky");
      const quiet = await scheduler.runNow("alerts");
      assert.ok(quiet.ran);
      assert.equal(quiet.report.status, "nothing", "4 errors of 4 runs is not yet 'repeatedly'");

      await scheduler.runNow("flaky");
      const loud = await scheduler.runNow("alerts");
      assert.ok(loud.ran);
      assert.equal(loud.report.status, "done", loud.report.message);
      assert.match(loud.report.message, /1 sent \(event log, webhook, e-mail\)/);

      const events = await listEvents(ctx.db, { kind: "alert" });
      assert.equal(events.length, 1);
      assert.equal(events[0]!.kind, "alert.task_failing");
      assert.equal(events[0]!.level, "error");
      assert.equal(events[0]!.message, "Task flaky failed 5 of its last 5 runs");
      assert.equal(events[0]!.data.key, "task_failing:flaky");

      assert.equal(webhook.received.length, 1);
      const payload = webhook.received[0]!;
      assert.equal(payload.source, "inventory");
      assert.deepEqual(payload.alerts.map((a) => [a.kind, a.key, a.level]), [
        ["task_failing", "task_failing:flaky", "error"],
      ]);
      assert.equal(payload.alerts[0]!.data.lastError, "cannot reach the OCS database");

      assert.equal(smtp.messages.length, 1);
      assert.deepEqual(smtp.messages[0]!.to, ["admin@example.org"]);
      assert.match(smtp.messages[0]!.data, /^Subject: \[inventory\] Task flaky failed 5/m);
      assert.match(smtp.messages[0]!.data, /cannot reach the OCS database/);

      // Still failing an hour later: not sent again within the day…
      await clock.advance(HOUR);
      const repeat = await scheduler.runNow("alerts");
      assert.ok(repeat.ran);
      assert.equal(repeat.report.status, "nothing");
      assert.match(repeat.report.message, /0 sent .*1 already sent/);
      assert.equal(webhook.received.length, 1);
      // …but again the next day.
      await clock.advance(24 * HOUR);
      await scheduler.runNow("alerts");
      assert.equal(webhook.received.length, 2);
      assert.equal(smtp.messages.length, 2);
    }, {
      clock,
      config: {
        alertWebhook: webhook.url,
        alertEmailTo: ["admin@example.org"],
        alertEmailFrom: "inventory@example.org",
        smtpHost: "127.0.0.1",
        smtpPort: smtp.port,
        smtpTls: "auto",
      },
    });
  } finally {
    await webhook.close();
    await smtp.close();
  }
});

Deno.test("alerts: a failing webhook makes an error run; the alert is still in the event log", async () => {
  const clock = new FakeClock("2026-11-21T08:00:00Z");
  const webhook = startWebhook(503);
  try {
    await withTaskContext(async (ctx) => {
      const { scheduler } = fakeScheduler(ctx, [failing, alertsTask([failingTasksSource])], {
        clock,
      });
      for (let i = 0; i < 5; i++) await scheduler.runNow("flaky");
      const result = await scheduler.runNow("alerts");
      assert.ok(result.ran);
      assert.equal(result.report.status, "error");
      assert.match(result.report.message, /delivery failed: webhook: .* answered 503/);
      assert.equal((await listEvents(ctx.db, { kind: "alert" })).length, 1);
    }, { clock, config: { alertWebhook: webhook.url } });
  } finally {
    await webhook.close();
  }
});

Deno.test("alerts: a source sees when the previous run was, for 'new since' alerts", async () => {
  const clock = new FakeClock("2026-11-21T08:00:00Z");
  const seen: (string | null)[] = [];
  const newThings: AlertSource = {
    kind: "new_thing",
    description: "things created since the last run",
    repeatAfterHours: 0,
    collect({ since, now }) {
      seen.push(since?.toISOString() ?? null);
      return Promise.resolve([{
        kind: "new_thing",
        key: `new_thing:${now.toISOString()}`,
        level: "info",
        subject: "a new thing",
      }]);
    },
  };
  await withTaskContext(async (ctx) => {
    const { scheduler } = fakeScheduler(ctx, [alertsTask([newThings])], { clock });
    await scheduler.runNow("alerts");
    await clock.advance(HOUR);
    await scheduler.runNow("alerts");
    assert.deepEqual(seen, [null, "2026-11-21T08:00:00.000Z"]);
    assert.equal((await listEvents(ctx.db, { kind: "alert.new_thing" })).length, 2);
  }, { clock });
});
