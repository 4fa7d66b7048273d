import assert from "node:assert/strict";
import { sql } from "kysely";
import { readFixture } from "../../../tests/_helpers/fixtures.ts";
import { fakeScheduler, withTaskContext } from "../../../tests/_helpers/tasks.ts";
import { importInventoryFile } from "../../ingest/import_file.ts";
import { FakeClock } from "../clock.ts";
import { optimiseTask } from "./optimise.ts";

Deno.test("optimise: analyses the tables that need it, and only those", async () => {
  const clock = new FakeClock();
  await withTaskContext(async (ctx) => {
    const stored = await importInventoryFile(
      ctx,
      "full.xml",
      readFixture("unixagent-2.10-debian12-full.xml"),
      { userAgent: "OCS-NG_unified_unix_agent_v2.10.0", ipSource: "127.0.0.1" },
    );
    assert.ok(stored.ok);
    const { scheduler } = fakeScheduler(ctx, [optimiseTask], { clock });
    const first = await scheduler.runNow("optimise");
    assert.ok(first.ran);
    assert.equal(first.report.status, "done", first.report.message);
    assert.ok(first.report.volume > 0);
    const stats = await sql<{ tbl: string }>`select tbl from sqlite_stat1`.execute(ctx.db);
    assert.ok(stats.rows.some((r) => r.tbl === "device_sections"), "planner statistics written");

    // Only tables that changed a lot since (the run log itself, at most) are analysed again.
    const second = await scheduler.runNow("optimise");
    assert.ok(second.ran);
    assert.ok(second.report.volume < first.report.volume, second.report.message);
    assert.match(second.report.message, /tables? analysed, 0 pages reclaimed/);
  }, { clock });
});
