/**
 * Import traces live in `computer_import_traces`, one row per computer: written when a device
 * creates a computer, replaced when another device is linked to it, read by the computer page
 * and the API, and removed with the computer when it is purged (foreign keys are on).
 */

import assert from "node:assert/strict";
import type { ServerContext } from "../server/context.ts";
import { syncBatch } from "../server/registry/batch.ts";
import { computerPageData, importTrace } from "../server/registry/computer_detail.ts";
import { purgeComputers } from "../server/registry/trash.ts";
import { machineXml } from "./_helpers/fleet.ts";
import { withPipeline } from "./_helpers/roundtrip.ts";

async function computerIdOf(ctx: ServerContext, deviceid: string): Promise<number> {
  const link = await ctx.db.selectFrom("computer_links").select("computer_id")
    .where("deviceid", "=", deviceid).executeTakeFirstOrThrow();
  return link.computer_id;
}

async function tracesOf(ctx: ServerContext, computerId: number) {
  return await ctx.db.selectFrom("computer_import_traces").selectAll()
    .where("computer_id", "=", computerId).execute();
}

Deno.test("a computer's import trace is written at creation, replaced on link, purged with it", async () => {
  await withPipeline(async ({ ctx, send }) => {
    const first = {
      deviceid: "trace-1-2026-01-01-00-00-00",
      name: "trace-1",
      serial: "TRACE-SER-1",
      uuid: "TRACE-UUID-1",
      macs: ["00:aa:bb:cc:10:01"],
      software: [{ name: "curl", version: "8.0" }],
    };
    await send(machineXml(first));
    await syncBatch(ctx);
    const id = await computerIdOf(ctx, first.deviceid);

    const created = await tracesOf(ctx, id);
    assert.equal(created.length, 1);
    const trace = JSON.parse(created[0]!.trace);
    assert.ok(Array.isArray(trace) && trace.length > 0, "the rule trace of the import");
    assert.equal(await importTrace(ctx.db, id), created[0]!.trace);
    const page = (await computerPageData(ctx.db, id))!;
    assert.deepEqual(page.trace, trace, "the computer page reads it");
    const columns = ctx.raw.prepare("select name from pragma_table_info('computers')").all()
      .map((r) => r.name);
    assert.ok(!columns.includes("import_trace"), "no longer in the computers row");

    // The machine reinstalled: a new DEVICEID with the same serial and UUID links to the same
    // computer, and the trace of that link replaces the creation's.
    const reinstalled = { ...first, deviceid: "trace-1-2026-09-01-00-00-00" };
    await send(machineXml(reinstalled));
    await syncBatch(ctx);
    assert.equal(await computerIdOf(ctx, reinstalled.deviceid), id);
    const linked = await tracesOf(ctx, id);
    assert.equal(linked.length, 1, "one trace per computer");
    assert.notEqual(linked[0]!.trace, created[0]!.trace, "the link's trace replaced it");
    const rule = (await ctx.db.selectFrom("computers").select("import_rule")
      .where("id", "=", id).executeTakeFirstOrThrow()).import_rule;
    assert.ok(linked[0]!.trace.includes(JSON.stringify(rule)), "the trace of the rule recorded");

    assert.equal(
      await ctx.writes.run((db) => purgeComputers(db, [id], ctx.now(), { evenIfNotTrashed: true })),
      1,
    );
    assert.deepEqual(await tracesOf(ctx, id), [], "purged with its computer");
    assert.equal(await importTrace(ctx.db, id), null);
  });
});
