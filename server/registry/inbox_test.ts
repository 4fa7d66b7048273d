import assert from "node:assert/strict";
import { withContext } from "../../tests/_helpers/context.ts";
import { machineXml } from "../../tests/_helpers/fleet.ts";
import { importInventoryFile } from "../ingest/import_file.ts";
import { syncBatch } from "./batch.ts";
import { saveSetting } from "./settings.ts";
import { findLinkTargets, getLinkTarget, inboxDeviceIds, inboxTraces } from "./inbox.ts";

type Context = Parameters<Parameters<typeof withContext>[0]>[0];

async function addComputer(
  ctx: Context,
  values: { name: string; serial: string; deleted?: boolean },
): Promise<number> {
  const at = ctx.now().toISOString();
  const row = await ctx.db.insertInto("computers").values({
    entity_id: 1,
    name: values.name,
    serial: values.serial,
    is_deleted: values.deleted ? 1 : 0,
    created_at: at,
    updated_at: at,
  }).returning("id").executeTakeFirstOrThrow();
  return row.id;
}

/** A device stored and synchronised through the real pipeline; returns its id. */
async function addDevice(ctx: Context, n: number): Promise<number> {
  const xml = machineXml({
    deviceid: `inbox-unit-${n}-2026-01-01-00-00-00`,
    name: `inbox-unit-${n}`,
    serial: `INBOX-UNIT-${n}`,
    uuid: `INBOX-UNIT-UUID-${n}`,
    macs: [`00:aa:00:00:00:0${n}`],
  });
  const stored = await importInventoryFile(ctx, "x.xml", new TextEncoder().encode(xml), {
    userAgent: "test",
    ipSource: "192.0.2.1",
  });
  assert.ok(stored.ok, stored.message);
  await syncBatch(ctx);
  return stored.deviceId!;
}

Deno.test("link targets: by id, name or serial; trashed ones last and marked", async () => {
  await withContext(async (ctx) => {
    const live = await addComputer(ctx, { name: "desk-1", serial: "SER-A" });
    const trashed = await addComputer(ctx, { name: "desk-2", serial: "SER-B", deleted: true });
    await addComputer(ctx, { name: "other", serial: "XYZ" });
    const found = await findLinkTargets(ctx.db, "desk");
    assert.deepEqual(found.map((t) => [t.id, t.is_deleted]), [[live, 0], [trashed, 1]]);
    assert.equal(found[0]!.entity, "Root entity");
    assert.deepEqual((await findLinkTargets(ctx.db, "SER-B")).map((t) => t.id), [trashed]);
    assert.ok((await findLinkTargets(ctx.db, String(trashed))).some((t) => t.id === trashed));
    assert.deepEqual(await findLinkTargets(ctx.db, "  "), []);
    assert.equal((await getLinkTarget(ctx.db, trashed))?.name, "desk-2");
    assert.equal(await getLinkTarget(ctx.db, 999), undefined);
  });
});

Deno.test("inbox ids keep only devices in the inbox; traces come in one query", async () => {
  await withContext(async (ctx) => {
    const imported = await addDevice(ctx, 1);
    await saveSetting(ctx.db, "approval", "manual");
    const pending = await addDevice(ctx, 2);
    assert.deepEqual(await inboxDeviceIds(ctx.db, [imported, pending, 404]), [pending]);
    assert.deepEqual(await inboxDeviceIds(ctx.db, []), []);
    await saveSetting(ctx.db, "approval", "auto");
    await ctx.db.updateTable("rules").set({ active: 0 }).where("collection", "=", "import")
      .execute();
    await syncBatch(ctx, { deviceIds: [pending] });
    const traces = await inboxTraces(ctx.db, [pending, imported]);
    assert.equal(traces.get(pending)?.[1]?.collection, "import", "entity, then import");
    assert.equal(traces.get(pending)?.[1]?.matched, null);
    assert.equal(traces.has(imported), false);
    await ctx.db.updateTable("device_imports").set({ trace: "{broken" })
      .where("device_id", "=", pending).execute();
    assert.deepEqual((await inboxTraces(ctx.db, [pending])).get(pending), []);
  });
});
