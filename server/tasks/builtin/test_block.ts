/**
 * `test-block`, for tests only (present when INVENTORY_TEST_TASKS=1): holds the main thread for
 * its parameter in milliseconds without yielding, as a runaway handler would. The event-loop
 * guard's test uses it to prove a stall is measured and logged.
 *
 * @module
 */

import type { TaskDefinition } from "../definition.ts";

/** The test-block task. */
export const testBlockTask: TaskDefinition = {
  name: "test-block",
  description: "Test only: hold the main thread PARAM milliseconds without yielding",
  defaults: { frequency: "1d", enabled: false },
  param: { meaning: "milliseconds to block", default: 400, min: 0 },
  run(run) {
    const until = performance.now() + (run.param ?? 400);
    while (performance.now() < until) {
      // Busy on purpose: nothing else runs on this thread meanwhile.
    }
    return Promise.resolve({ result: "done", message: `blocked ${run.param ?? 400} ms` });
  },
};
