import assert from "node:assert/strict";
import { addEntity, withContext } from "../../tests/_helpers/context.ts";
import { machineXml } from "../../tests/_helpers/fleet.ts";
import { importInventoryFile } from "../ingest/import_file.ts";
import { syncBatch } from "./batch.ts";
import { deviceFigures } from "./dashboard.ts";
import { deviceRowInScope, listDeviceRows } from "./device_list.ts";
import { saveSetting } from "./settings.ts";

type Context = Parameters<Parameters<typeof withContext>[0]>[0];

/** A device stored and synchronised through the real pipeline; returns its id. */
async function addDevice(ctx: Context, name: string, n: number): Promise<number> {
  const xml = machineXml({
    deviceid: `${name}-2026-01-01-00-00-0${n}`,
    name,
    serial: `DEVLIST-${n}`,
    uuid: `DEVLIST-UUID-${n}`,
    macs: [`00:aa:00:00:01:0${n}`],
  });
  const stored = await importInventoryFile(ctx, "x.xml", new TextEncoder().encode(xml), {
    userAgent: "test-agent/1.0",
    ipSource: "192.0.2.1",
  });
  assert.ok(stored.ok, stored.message);
  await syncBatch(ctx);
  return stored.deviceId!;
}

Deno.test("devices list: status, search with LIKE wildcards taken literally, scope as the dashboard counts", async () => {
  await withContext(async (ctx) => {
    const imported = await addDevice(ctx, "web_01", 1);
    await saveSetting(ctx.db, "approval", "manual");
    const pending = await addDevice(ctx, "web%02", 2);
    const all = await listDeviceRows(ctx.db, { scope: "all", limit: 10, offset: 0 });
    assert.equal(all.total, 2);
    const byId = new Map(all.rows.map((r) => [r.id, r]));
    assert.ok(byId.get(imported)!.computerId !== null);
    assert.equal(byId.get(imported)!.inboxStatus, null);
    assert.equal(byId.get(pending)!.computerId, null);
    assert.equal(byId.get(pending)!.inboxStatus, "pending");

    const search = async (text: string) =>
      (await listDeviceRows(ctx.db, { scope: "all", search: text, limit: 10, offset: 0 })).rows
        .map((r) => r.id);
    assert.deepEqual(await search("web_"), [imported], "_ is no wildcard");
    assert.deepEqual(await search("b%0"), [pending], "% is no wildcard");
    assert.deepEqual((await search("TEST-AGENT")).length, 2, "by agent, any case");
    assert.deepEqual(await search("nothing"), []);

    // A scoped principal: only devices feeding live computers of its entities, as the tile says.
    await addEntity(ctx, 2, 1, "Other");
    const root = await listDeviceRows(ctx.db, { scope: [1], limit: 10, offset: 0 });
    assert.deepEqual(root.rows.map((r) => r.id), [imported]);
    assert.equal(root.total, (await deviceFigures(ctx.db, [1])).devices);
    assert.equal(all.total, (await deviceFigures(ctx.db, "all")).devices);
    assert.equal((await listDeviceRows(ctx.db, { scope: [2], limit: 10, offset: 0 })).total, 0);
    assert.equal((await listDeviceRows(ctx.db, { scope: [], limit: 10, offset: 0 })).total, 0);
    assert.equal(await deviceRowInScope(ctx.db, pending, [1]), undefined);
    assert.equal((await deviceRowInScope(ctx.db, pending, "all"))?.id, pending);
    await ctx.db.updateTable("computers").set({ is_deleted: 1 }).execute();
    assert.equal(await deviceRowInScope(ctx.db, imported, [1]), undefined, "trashed: out of scope");
    assert.equal((await deviceRowInScope(ctx.db, imported, "all"))?.computerDeleted, true);
  });
});
