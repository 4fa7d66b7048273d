/**
 * `sync-registry`: the plugin's `ocsng` task, importing new devices as well: deletions and
 * merges first, then new and changed devices, the parameter's number per batch, batch after
 * batch while devices wait (up to a minute per run, then "more"). Ingestion triggers it, so a
 * new machine is in the registry within seconds.
 *
 * @module
 */

import { syncRegistry } from "../../registry/run_registry.ts";
import type { TaskDefinition } from "../definition.ts";

/** How long one run keeps taking batches before it hands back to the scheduler. */
const RUN_BUDGET_MS = 60_000;

/** The sync-registry task. */
export const syncRegistryTask: TaskDefinition = {
  name: "sync-registry",
  description: "Import new devices into the registry and update the computers of changed ones",
  defaults: { frequency: "5m", enabled: true },
  param: { meaning: "devices per batch", default: 500, min: 1, max: 100_000 },
  async run(run) {
    const { ctx } = run;
    const totals: Record<string, number> = {};
    let processed = 0;
    let more = false;
    const started = performance.now();
    // Batch after batch while devices wait (a wave of new agents), without the scheduler's pause
    // between runs, so each device reaches the registry seconds after its inventory; the run
    // hands back ("more") after RUN_BUDGET_MS so other tasks get their turn.
    do {
      // In the registry worker under `inventory serve`: the main thread keeps answering.
      const result = await syncRegistry(ctx, {
        now: run.clock.now(),
        limit: run.param ?? 500,
        signal: run.signal,
        onProgress: (done) => run.setTotal(processed + done),
      });
      processed += result.processed;
      run.addVolume(result.processed);
      for (const [kind, n] of Object.entries(result.counts)) totals[kind] = (totals[kind] ?? 0) + n;
      for (const e of result.errors.slice(0, 20)) {
        await run.log(`device ${e.deviceId}: ${e.message}`);
      }
      more = result.more;
    } while (more && !run.signal.aborted && performance.now() - started < RUN_BUDGET_MS);
    const counts = Object.entries(totals).map(([k, n]) => `${n} ${k.replace("_", " ")}`);
    return {
      result: more ? "more" : processed > 0 ? "done" : "nothing",
      message: counts.join(", ") || "nothing to do",
    };
  },
};
