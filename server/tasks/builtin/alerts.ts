/**
 * `alerts`: asks every alert source (`alerts/sources.ts`) what to report, records new alerts in
 * the event log and sends them to the webhook and by e-mail when configured. A failed delivery
 * makes the run an error (and so, if it lasts, a "task failing" alert in the event log).
 *
 * @module
 */

import { deliverAlerts, type PendingAlert } from "../alerts/deliver.ts";
import { ALERT_SOURCES } from "../alerts/sources.ts";
import type { AlertSource } from "../alerts/source.ts";
import type { TaskDefinition } from "../definition.ts";

/** The alerts task over `sources` (all of them by default; tests pass their own). */
export function alertsTask(sources: readonly AlertSource[] = ALERT_SOURCES): TaskDefinition {
  return {
    name: "alerts",
    description: `Send alerts (${
      sources.map((s) => s.kind).join(", ")
    }) to the event log, the webhook and e-mail`,
    defaults: { frequency: "1h", enabled: true },
    async run(run) {
      const { ctx } = run;
      const now = run.clock.now();
      const previous = await ctx.db.selectFrom("task_runs").select("started_at")
        .where("task", "=", run.taskName).where("id", "!=", run.runId)
        .where("status", "in", ["done", "nothing"])
        .orderBy("id", "desc").limit(1).executeTakeFirst();
      const since = previous ? new Date(previous.started_at) : null;
      const pending: PendingAlert[] = [];
      for (const source of sources) {
        const alerts = await source.collect({ db: ctx.db, config: ctx.config, now, since });
        if (alerts.length > 0) await run.log(`${source.kind}: ${alerts.length}`);
        for (const alert of alerts) {
          pending.push({ alert, repeatAfterHours: source.repeatAfterHours });
        }
      }
      if (pending.length === 0) return { result: "nothing", message: "no alert" };
      const report = await deliverAlerts(ctx.writes, ctx.config, pending, now);
      run.addVolume(report.sent.length);
      for (const alert of report.sent) await run.log(`sent ${alert.key}: ${alert.subject}`);
      const summary = `${report.sent.length} sent (${
        report.channels.join(", ")
      }), ${report.repeated.length} already sent`;
      if (report.failures.length > 0) {
        throw new Error(`${summary}; delivery failed: ${report.failures.join("; ")}`);
      }
      return { result: report.sent.length > 0 ? "done" : "nothing", message: summary };
    },
  };
}
