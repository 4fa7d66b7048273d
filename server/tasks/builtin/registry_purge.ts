/**
 * `purge-trash` and `purge-history`: delete computers in the trash for longer than the registry
 * setting `trashPurgeDays`, and history older than `historyDays` (each 0: never, the default).
 * Small batches, one transaction each, so ingestion is never held up.
 *
 * @module
 */

import { purgeHistory } from "../../registry/history.ts";
import { loadSettings } from "../../registry/settings.ts";
import { purgeComputers, trashedBefore } from "../../registry/trash.ts";
import type { TaskDefinition } from "../definition.ts";

const DAY_MS = 86_400_000;
const BATCH = 200;

/** The purge-trash task. */
export const purgeTrashTask: TaskDefinition = {
  name: "purge-trash",
  description: "Purge computers that have been in the trash longer than trashPurgeDays",
  defaults: { frequency: "1d", enabled: true },
  async run(run) {
    const { ctx } = run;
    const settings = await loadSettings(ctx.db);
    if (settings.trashPurgeDays <= 0) {
      return { result: "nothing", message: "trashPurgeDays is 0 (off)" };
    }
    const now = run.clock.now();
    const before = new Date(now.getTime() - settings.trashPurgeDays * DAY_MS).toISOString();
    const ids = await trashedBefore(ctx.db, before);
    let purged = 0;
    for (let i = 0; i < ids.length; i += BATCH) {
      if (run.signal.aborted) return { result: "more", message: `${purged} purged, stopped` };
      purged += await ctx.writes.run((db) => purgeComputers(db, ids.slice(i, i + BATCH), now));
      run.addVolume(purged);
    }
    return {
      result: purged ? "done" : "nothing",
      message: `${purged} computer(s) in the trash since before ${before.slice(0, 10)} purged`,
    };
  },
};

/** The purge-history task. */
export const purgeHistoryTask: TaskDefinition = {
  name: "purge-history",
  description: "Delete computer history older than historyDays",
  defaults: { frequency: "1d", enabled: true },
  async run(run) {
    const { ctx } = run;
    const settings = await loadSettings(ctx.db);
    if (settings.historyDays <= 0) {
      return { result: "nothing", message: "historyDays is 0 (keep all)" };
    }
    const before = new Date(run.clock.now().getTime() - settings.historyDays * DAY_MS)
      .toISOString();
    const removed = await ctx.writes.run((db) => purgeHistory(db, before));
    run.addVolume(removed);
    return {
      result: removed ? "done" : "nothing",
      message: `${removed} history rows before ${before.slice(0, 10)}`,
    };
  },
};
