/**
 * Alert source `task_failing`: a task whose last runs are mostly errors (GLPI: at least 5 of the
 * last 10 finished runs), reported at most once a day per task.
 *
 * @module
 */

import { lastStatuses } from "../run_log.ts";
import { listTaskRows } from "../store.ts";
import type { Alert, AlertSource } from "./source.ts";

/** Runs looked at, and errors among them that make a task "failing repeatedly". */
const WINDOW = 10;
const THRESHOLD = 5;

/** The failing-tasks source. */
export const failingTasksSource: AlertSource = {
  kind: "task_failing",
  description: `a task failed at least ${THRESHOLD} of its last ${WINDOW} runs`,
  repeatAfterHours: 24,
  async collect({ db }) {
    const alerts: Alert[] = [];
    for (const task of await listTaskRows(db)) {
      const runs = await lastStatuses(db, task.name, WINDOW);
      const errors = runs.filter((r) => r.status === "error");
      if (errors.length < THRESHOLD) continue;
      const last = errors[0]!;
      alerts.push({
        kind: "task_failing",
        key: `task_failing:${task.name}`,
        level: "error",
        subject: `Task ${task.name} failed ${errors.length} of its last ${runs.length} runs`,
        details: `Last error (${last.started_at}): ${last.message ?? "no message"}\n` +
          `See: inventory tasks log ${task.name}`,
        data: {
          task: task.name,
          errors: errors.length,
          runs: runs.length,
          lastError: last.message,
        },
      });
    }
    return alerts;
  },
};
