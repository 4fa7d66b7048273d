/**
 * Concurrent inventories of one DEVICEID never create duplicates, within one server and across
 * two servers sharing one database file.
 */
import assert from "node:assert/strict";
import { encodeBody } from "../protocol/mod.ts";
import { defaultConfig } from "../server/config.ts";
import { createApp } from "../server/http/app.ts";
import { createLogger } from "../server/log.ts";
import { closeContext, openContext } from "../server/serve.ts";

const FULL = new URL("../../shared/fixtures/ocs/unixagent-2.10-debian12-full.xml", import.meta.url);
const xml = Deno.readTextFileSync(FULL);

function inventoryFor(deviceid: string, name: string): Uint8Array<ArrayBuffer> {
  return encodeBody(
    xml.replace(/<DEVICEID>[^<]*<\/DEVICEID>/, `<DEVICEID>${deviceid}</DEVICEID>`)
      .replace("<NAME>vm</NAME>", `<NAME>${name}</NAME>`),
    "zlib",
  );
}

function post(app: ReturnType<typeof createApp>, body: Uint8Array<ArrayBuffer>): Promise<Response> {
  return Promise.resolve(app.fetch(
    new Request("http://inventory/ocsinventory", {
      method: "POST",
      body,
      headers: { "user-agent": "OCS-NG_unified_unix_agent_v2.10.0" },
    }),
    { ip: "127.0.0.1" },
  ));
}

async function openServer(dataDir: string) {
  const ctx = await openContext(defaultConfig(dataDir), { log: createLogger({ write: () => {} }) });
  return { ctx, app: createApp(ctx) };
}

Deno.test("twenty concurrent inventories of one DEVICEID make one device", async () => {
  const dir = Deno.makeTempDirSync();
  const { ctx, app } = await openServer(dir);
  try {
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => post(app, inventoryFor("same-2026-11-21-10-00-00", "same"))),
    );
    for (const r of responses) {
      assert.equal(r.status, 200);
      await r.body?.cancel();
    }
    const rows = await ctx.db.selectFrom("devices").select(["id", "inventories"]).execute();
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.inventories, 20);
  } finally {
    await closeContext(ctx);
  }
});

Deno.test("two servers on one database file never duplicate a DEVICEID", async () => {
  const dir = Deno.makeTempDirSync();
  const a = await openServer(dir);
  const b = await openServer(dir);
  try {
    const ids = Array.from({ length: 10 }, (_, i) => `shared${i}-2026-11-21-10-00-00`);
    const responses = await Promise.all(
      ids.flatMap((
        id,
        i,
      ) => [post(a.app, inventoryFor(id, `h${i}`)), post(b.app, inventoryFor(id, `h${i}`))]),
    );
    for (const r of responses) {
      assert.equal(r.status, 200);
      await r.body?.cancel();
    }
    const rows = await a.ctx.db.selectFrom("devices").select(["deviceid", "inventories"]).execute();
    assert.equal(rows.length, ids.length);
    assert.ok(
      rows.every((r) => r.inventories === 2),
      "both inventories of each device were applied to one row",
    );
  } finally {
    await closeContext(a.ctx);
    await closeContext(b.ctx);
  }
});

Deno.test("distinct concurrent inventories are all stored, each with all its software", async () => {
  const dir = Deno.makeTempDirSync();
  const { ctx, app } = await openServer(dir);
  try {
    const responses = await Promise.all(
      Array.from(
        { length: 40 },
        (_, i) => post(app, inventoryFor(`many${i}-2026-11-21-10-00-00`, `m${i}`)),
      ),
    );
    for (const r of responses) {
      assert.equal(r.status, 200);
      await r.body?.cancel();
    }
    const counts = await ctx.db.selectFrom("device_sections").select("entries")
      .where("section", "=", "SOFTWARES").execute();
    assert.equal(counts.length, 40);
    assert.ok(counts.every((c) => c.entries === 781));
  } finally {
    await closeContext(ctx);
  }
});
