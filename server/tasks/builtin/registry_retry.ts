/**
 * `retry-not-imported`: replays the rules over devices that were refused, matched no rule or
 * failed — after an admin changed a rule or a setting, they are imported without anyone asking.
 *
 * @module
 */

import { retryRegistry } from "../../registry/run_registry.ts";
import type { TaskDefinition } from "../definition.ts";

/** The retry-not-imported task. */
export const retryNotImportedTask: TaskDefinition = {
  name: "retry-not-imported",
  description: "Replay the rules over devices that were not imported (after rule changes)",
  defaults: { frequency: "1h", enabled: true },
  param: { meaning: "devices per run", default: 1000, min: 1 },
  async run(run) {
    const { ctx } = run;
    const result = await retryRegistry(ctx, { now: run.clock.now(), limit: run.param ?? 1000 });
    run.addVolume(result.processed);
    const imported = (result.counts.imported ?? 0) + (result.counts.linked ?? 0);
    return {
      result: result.more ? "more" : result.processed > 0 ? "done" : "nothing",
      message: `${result.processed} retried, ${imported} now in the registry`,
    };
  },
};
