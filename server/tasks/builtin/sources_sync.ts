/**
 * `sync-sources`: the ocsinventoryng plugin's synchronisation, for every enabled OCS source:
 * deletions and merges recorded by OCS, then every machine changed since the last run (all of
 * them by default, not the plugin's 20 per 5 minutes). Each source resumes where it stopped
 * (its cursor is saved after each page), so a crash or a stop costs at most one page.
 *
 * @module
 */

import { syncSource } from "../../sources/ocs/sync.ts";
import { sourceDue } from "../../sources/store.ts";
import type { TaskDefinition } from "../definition.ts";

/** The sync-sources task. */
export const syncSourcesTask: TaskDefinition = {
  name: "sync-sources",
  description: "Import new and changed computers from the OCS sources, and their deletions",
  defaults: { frequency: "1m", enabled: true },
  param: { meaning: "changed computers per source and run (empty: all)", default: null, min: 1 },
  async run(run) {
    const { ctx } = run;
    const enabled = await ctx.db.selectFrom("sources").selectAll().where("enabled", "=", 1)
      .orderBy("name").execute();
    // Each source has its own period (its `every` option); the task visits them each minute.
    const now = run.clock.now();
    const sources = enabled.filter((source) => sourceDue(source, now));
    let more = false;
    let work = 0;
    let failed = 0;
    const lines: string[] = [];
    for (const source of sources) {
      if (run.signal.aborted) {
        more = true;
        break;
      }
      try {
        const result = await syncSource(ctx, source, {
          ...(run.param ? { limit: run.param } : {}),
          signal: run.signal,
          onProgress: (_done, total) => run.setTotal(total),
        });
        run.addVolume(result.stored + result.trashed + result.merged);
        work += result.stored + result.trashed + result.merged;
        more ||= result.more;
        for (const e of result.errors.slice(0, 20)) {
          await run.log(`${source.name}: OCS id ${e.ocsId}: ${e.message}`);
        }
        lines.push(
          `${source.name}: ${result.stored} read, ${result.trashed} deleted, ${result.merged} merged`,
        );
      } catch (error) {
        failed++;
        const message = error instanceof Error ? error.message : String(error);
        await run.log(`${source.name}: ${message}`);
        lines.push(`${source.name}: ${message}`);
      }
    }
    if (failed > 0 && failed === sources.length) {
      throw new Error(lines.join("; "));
    }
    return {
      result: more ? "more" : work > 0 ? "done" : "nothing",
      message: lines.join("; ") ||
        (enabled.length === 0 ? "no enabled source" : "no source due"),
    };
  },
};
