/**
 * `test-sleep`, for tests only (present when INVENTORY_TEST_TASKS=1): a slow task that sleeps
 * its parameter in milliseconds, in 100 ms steps, checkpointing ("more") when asked to stop. The
 * multi-process tests use it to have a run in progress to race for or to kill.
 *
 * @module
 */

import type { TaskDefinition } from "../definition.ts";

const STEP_MS = 100;

/** The test-sleep task. */
export const testSleepTask: TaskDefinition = {
  name: "test-sleep",
  description: "Test only: sleep PARAM milliseconds in 100 ms steps",
  defaults: { frequency: "1s", enabled: true },
  param: { meaning: "milliseconds to sleep", default: 1500, min: 0 },
  async run(run) {
    const steps = Math.ceil((run.param ?? 1500) / STEP_MS);
    run.setTotal(steps);
    for (let i = 0; i < steps; i++) {
      if (run.signal.aborted) return { result: "more", message: `stopped after ${i} steps` };
      await run.clock.sleep(STEP_MS, run.signal);
      run.addVolume(1);
      if ((i + 1) % 5 === 0) await run.log(`slept ${(i + 1) * STEP_MS} ms`);
    }
    return { result: "done", message: `slept ${steps * STEP_MS} ms` };
  },
};
