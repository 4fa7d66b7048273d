/**
 * `purge-logs`: deletes each task's runs older than that task's log retention (0 keeps them),
 * and event-log rows older than the parameter in days (GLPI's `logs` task). Deletes in small
 * batches, one transaction each; when stopped midway it returns "more" and resumes soon.
 *
 * @module
 */

import type { TaskDefinition } from "../definition.ts";
import { purgeEvents } from "../event_log.ts";
import { purgeRuns } from "../run_log.ts";
import { listTaskRows } from "../store.ts";

/** Rows deleted per transaction. */
const BATCH = 500;
const DAY_MS = 86_400_000;

/** The purge-logs task. */
export const purgeLogsTask: TaskDefinition = {
  name: "purge-logs",
  description: "Delete task run logs past each task's retention, and old event-log entries",
  defaults: { frequency: "1d", enabled: true },
  param: { meaning: "days of event log kept (0: forever)", default: 90, min: 0 },
  async run(run) {
    const now = run.clock.now();
    const { writes } = run.ctx;
    const report: string[] = [];
    for (const task of await listTaskRows(run.ctx.db)) {
      if (task.logs_lifetime_days === 0) continue;
      const before = new Date(now.getTime() - task.logs_lifetime_days * DAY_MS);
      let removed = 0;
      for (;;) {
        if (run.signal.aborted) return { result: "more", message: `stopped: ${report.join(", ")}` };
        const n = await writes.run((db) => purgeRuns(db, task.name, before, BATCH));
        removed += n;
        run.addVolume(n);
        if (n < BATCH) break;
      }
      if (removed > 0) {
        report.push(`${task.name}: ${removed} run${removed === 1 ? "" : "s"}`);
        await run.log(`${task.name}: removed ${removed} runs before ${before.toISOString()}`);
      }
    }
    const days = run.param ?? 90;
    if (days > 0) {
      const before = new Date(now.getTime() - days * DAY_MS);
      let removed = 0;
      for (;;) {
        if (run.signal.aborted) return { result: "more", message: `stopped: ${report.join(", ")}` };
        const n = await writes.run((db) => purgeEvents(db, before, BATCH));
        removed += n;
        run.addVolume(n);
        if (n < BATCH) break;
      }
      if (removed > 0) {
        report.push(`event log: ${removed} event${removed === 1 ? "" : "s"}`);
        await run.log(`event log: removed ${removed} events before ${before.toISOString()}`);
      }
    }
    return report.length > 0
      ? { result: "done", message: `removed ${report.join(", ")}` }
      : { result: "nothing", message: "nothing past its retention" };
  },
};
