/**
 * `sync-registry`: the plugin's `ocsng` task, importing new devices as well: deletions and
 * merges first, then new and changed devices, up to the parameter per run. It returns "more"
 * while devices wait, so the scheduler runs it again at once rather than after a full period;
 * ingestion also triggers it, so a new machine is in the registry within seconds.
 *
 * @module
 */

import { syncRegistry } from "../../registry/run_registry.ts";
import type { TaskDefinition } from "../definition.ts";

/** The sync-registry task. */
export const syncRegistryTask: TaskDefinition = {
  name: "sync-registry",
  description: "Import new devices into the registry and update the computers of changed ones",
  defaults: { frequency: "5m", enabled: true },
  param: { meaning: "devices per run", default: 500, min: 1, max: 100_000 },
  async run(run) {
    const { ctx } = run;
    // In the registry worker under `inventory serve`: the main thread keeps answering.
    const result = await syncRegistry(ctx, {
      now: run.clock.now(),
      limit: run.param ?? 500,
      signal: run.signal,
      onProgress: (done) => run.setTotal(done),
    });
    run.addVolume(result.processed);
    for (const e of result.errors.slice(0, 20)) {
      await run.log(`device ${e.deviceId}: ${e.message}`);
    }
    const counts = Object.entries(result.counts).map(([k, n]) => `${n} ${k.replace("_", " ")}`);
    return {
      result: result.more ? "more" : result.processed > 0 ? "done" : "nothing",
      message: counts.join(", ") || "nothing to do",
    };
  },
};
