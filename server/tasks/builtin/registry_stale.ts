/**
 * `stale-devices`: computers whose devices have not been seen for the registry setting
 * `staleDays` get the `staleBehaviour` (trash, a state, or nothing). Off while staleDays is 0.
 *
 * @module
 */

import { applyStale } from "../../registry/gone.ts";
import { loadSettings } from "../../registry/settings.ts";
import type { TaskDefinition } from "../definition.ts";

/** The stale-devices task. */
export const staleDevicesTask: TaskDefinition = {
  name: "stale-devices",
  description: "Trash (or set a state on) computers not seen for the configured number of days",
  defaults: { frequency: "1d", enabled: true },
  async run(run) {
    const { ctx } = run;
    const settings = await loadSettings(ctx.db);
    if (settings.staleDays <= 0) return { result: "nothing", message: "staleDays is 0 (off)" };
    const affected = await ctx.writes.run((db) =>
      applyStale(db, settings.staleDays, settings.staleBehaviour, run.clock.now())
    );
    run.addVolume(affected.length);
    if (affected.length) {
      await run.log(`${settings.staleBehaviour}: computers ${affected.slice(0, 50).join(", ")}`);
    }
    return {
      result: affected.length ? "done" : "nothing",
      message:
        `${affected.length} computer(s) not seen for ${settings.staleDays} days: ${settings.staleBehaviour}`,
    };
  },
};
