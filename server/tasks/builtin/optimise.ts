/**
 * `optimise`: keeps SQLite's query planner statistics fresh (`PRAGMA optimize`, which runs
 * ANALYZE only on tables that need it, bounded by `analysis_limit`) and, when the database uses
 * incremental auto-vacuum, returns free pages to the file system a batch at a time. Each step
 * is its own short transaction, so ingestion waits at most for one of them.
 *
 * @module
 */

import { sql } from "kysely";
import type { TaskDefinition } from "../definition.ts";

/** Rows ANALYZE reads per index: enough for good plans, bounded time on big tables. */
const ANALYSIS_LIMIT = 1000;

/** The optimise task. */
export const optimiseTask: TaskDefinition = {
  name: "optimise",
  description:
    "Optimise the database: refresh planner statistics, reclaim free pages (incremental auto-vacuum)",
  defaults: { frequency: "45 3 * * *", enabled: true },
  param: {
    meaning: "free pages reclaimed per run with incremental auto-vacuum (0: all)",
    default: 0,
    min: 0,
  },
  async run(run) {
    const { writes } = run.ctx;
    const analysed = await writes.run(async (db) => {
      await sql`pragma analysis_limit = ${sql.raw(String(ANALYSIS_LIMIT))}`.execute(db);
      // optimize(-1) only reports what optimize would do: the tables it is about to analyse.
      const plan = await sql<{ optimize: string }>`pragma optimize(-1)`.execute(db);
      await sql`pragma optimize = 0x10002`.execute(db);
      return plan.rows.map((r) => r.optimize);
    });
    run.addVolume(analysed.length);
    for (const statement of analysed) await run.log(statement);

    const pragma = async (name: string) => {
      const result = await sql<Record<string, number>>`pragma ${sql.raw(name)}`.execute(run.ctx.db);
      return Number(Object.values(result.rows[0] ?? {})[0] ?? 0);
    };
    const autoVacuum = await pragma("auto_vacuum");
    const free = await pragma("freelist_count");
    const pageSize = await pragma("page_size");
    let reclaimed = 0;
    if (autoVacuum === 2 && free > 0) {
      const pages = run.param && run.param > 0 ? Math.min(run.param, free) : free;
      await writes.run((db) =>
        sql`pragma incremental_vacuum(${sql.raw(String(pages))})`.execute(db)
      );
      reclaimed = free - await pragma("freelist_count");
      await run.log(`reclaimed ${reclaimed} free pages`);
    }
    const left = free - reclaimed;
    const note = left > 0 && autoVacuum !== 2
      ? `; ${left} free pages (${
        (left * pageSize / 1048576).toFixed(1)
      } MiB) are reused by new data`
      : "";
    return {
      result: analysed.length + reclaimed > 0 ? "done" : "nothing",
      message: `${analysed.length} table${
        analysed.length === 1 ? "" : "s"
      } analysed, ${reclaimed} pages reclaimed${note}`,
    };
  },
};
