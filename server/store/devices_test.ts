import assert from "node:assert/strict";
import { parseXml, readRequest } from "../../protocol/mod.ts";
import type { InventoryRequest } from "../../protocol/mod.ts";
import { defaultConfig } from "../config.ts";
import type { ServerContext } from "../context.ts";
import { prepareInventory } from "../ingest/prepare.ts";
import { createLogger } from "../log.ts";
import { closeContext, openContext } from "../serve.ts";
import {
  applyNotify,
  deleteDevice,
  getDeviceDetail,
  listDevices,
  recordDownloadResult,
} from "./devices.ts";
import { storeInventory } from "./ingest.ts";

const FULL = new URL(
  "../../../shared/fixtures/ocs/unixagent-2.10-debian12-full.xml",
  import.meta.url,
);
const fullXml = Deno.readTextFileSync(FULL);

function inventory(xml: string): InventoryRequest {
  return readRequest(parseXml(xml)) as InventoryRequest;
}

async function withContext(fn: (ctx: ServerContext) => Promise<void>): Promise<void> {
  const ctx = await openContext(defaultConfig(Deno.makeTempDirSync()), {
    log: createLogger({ write: () => {} }),
  });
  try {
    await fn(ctx);
  } finally {
    await closeContext(ctx);
  }
}

function store(ctx: ServerContext, request: InventoryRequest, checksumOverride?: number) {
  const prepared = prepareInventory(request);
  if (checksumOverride !== undefined) prepared.checksum = checksumOverride;
  return ctx.writes.run((db) =>
    storeInventory(db, prepared, {
      userAgent: "test",
      ipSource: "127.0.0.1",
      body: new Uint8Array([1]),
      encoding: "plain",
      now: ctx.now(),
      acceptTagUpdateFromClient: false,
    })
  );
}

Deno.test("devices are found by name, serial, UUID, MAC, IP, OS and software name", async () => {
  await withContext(async (ctx) => {
    const xml = fullXml.replace("<NAME>vm</NAME>", "<NAME>web01</NAME>")
      .replace("<BIOS>", "<BIOS><SSN>SN-ABC-123</SSN>")
      .replace("<HARDWARE>", "<HARDWARE><UUID>4c4c4544-0042-3510-8052-b4c04f4e3332</UUID>");
    assert.match(xml, /<SSN>SN-ABC-123<\/SSN>/, "the fixture has a BIOS element to extend");
    await store(ctx, inventory(xml));
    await store(
      ctx,
      inventory(
        fullXml.replace(/<DEVICEID>[^<]*</, "<DEVICEID>other-2026-01-01-00-00-00<").replace(
          "<NAME>vm</NAME>",
          "<NAME>db02</NAME>",
        ),
      ),
    );
    const detail = (await listDevices(ctx.db, {})).devices.find((d) => d.name === "web01")!;
    const full = await getDeviceDetail(ctx.db, detail.id);
    const networks = full!.sections.NETWORKS as Record<string, string>[];
    const mac = networks.find((n) => n.MACADDR && n.MACADDR !== "00:00:00:00:00:00")!.MACADDR!;
    const ip = networks.find((n) => n.IPADDRESS && n.IPADDRESS.includes("."))!.IPADDRESS!;

    const found = async (search: string, column?: "mac") =>
      (await listDevices(ctx.db, { search, ...(column ? { column } : {}) })).devices.map((d) =>
        d.name
      ).sort();
    assert.deepEqual(await found("web01"), ["web01"]);
    assert.deepEqual(await found("web"), ["web01"], "prefix of a name");
    assert.deepEqual(await found("sn-abc-123"), ["web01"], "serial, any case");
    assert.deepEqual(await found("4c4c4544-0042-3510-8052-b4c04f4e3332"), ["web01"]);
    assert.deepEqual(
      await found(mac.toUpperCase()),
      ["db02", "web01"],
      "MAC (both share the fixture's)",
    );
    assert.deepEqual(await found(mac, "mac"), ["db02", "web01"]);
    assert.deepEqual(await found(ip), ["db02", "web01"]);
    assert.deepEqual(await found("debian"), ["db02", "web01"], "OS");
    assert.deepEqual(await found("adduser"), ["db02", "web01"], "software name");
    assert.deepEqual(await found("no-such-thing"), []);
    assert.deepEqual(await found('") OR 1=1 --'), [], "search text cannot inject FTS syntax");
  });
});

Deno.test("re-inventory rewrites only changed sections and OR-accumulates CHECKSUM", async () => {
  await withContext(async (ctx) => {
    const first = await store(ctx, inventory(fullXml), 1);
    assert.equal(first.created, true);
    const afterFirst = await ctx.db.selectFrom("devices").select("checksum")
      .executeTakeFirstOrThrow();
    assert.equal(afterFirst.checksum, 262143 | 1, "new devices start from OCS's 262143");
    const changed = fullXml.replace(/<FREE>\d+<\/FREE>/, "<FREE>12345</FREE>");
    const second = await store(ctx, inventory(changed), 512 | 1048576);
    assert.deepEqual(second.sectionsWritten, ["DRIVES"]);
    assert.ok(second.sectionsUnchanged.includes("SOFTWARES"));
    const afterSecond = await ctx.db.selectFrom("devices").select("checksum")
      .executeTakeFirstOrThrow();
    assert.equal(afterSecond.checksum, 262143 | 1048576, "bits only accumulate");
  });
});

Deno.test("a section absent from a later inventory keeps its previous content", async () => {
  await withContext(async (ctx) => {
    await store(ctx, inventory(fullXml));
    const withoutSoftware = fullXml.replace(/<SOFTWARES>[\s\S]*?<\/SOFTWARES>\s*/g, "");
    await store(ctx, inventory(withoutSoftware));
    const device = await getDeviceDetail(ctx.db, 1);
    assert.equal((device!.sections.SOFTWARES as unknown[]).length, 781);
  });
});

Deno.test("deleting a device records the event the registry consumes", async () => {
  await withContext(async (ctx) => {
    const { deviceId } = await store(ctx, inventory(fullXml));
    assert.equal(
      await ctx.writes.run((db) => deleteDevice(db, deviceId, new Date("2026-11-21T00:00:00Z"))),
      true,
    );
    assert.equal(await ctx.writes.run((db) => deleteDevice(db, deviceId, new Date())), false);
    const events = await ctx.db.selectFrom("device_events").selectAll().execute();
    assert.equal(events.length, 1);
    assert.equal(events[0]!.kind, "deleted");
    assert.equal(events[0]!.deviceid, "vm-2026-11-21-04-12-22");
    assert.equal(events[0]!.consumed_at, null);
    assert.equal(
      (await listDevices(ctx.db, { search: "adduser" })).total,
      0,
      "search index cleaned",
    );
    assert.equal((await ctx.db.selectFrom("device_sections").selectAll().execute()).length, 0);
  });
});

Deno.test("NOTIFY updates addresses by MAC and flags NETWORKS; DOWNLOAD results are kept", async () => {
  await withContext(async (ctx) => {
    const { deviceId } = await store(ctx, inventory(fullXml));
    const before = await getDeviceDetail(ctx.db, deviceId);
    const networks = before!.sections.NETWORKS as Record<string, string>[];
    const mac = networks.find((n) => n.MACADDR && n.MACADDR !== "00:00:00:00:00:00")!.MACADDR!;
    const deviceid = before!.deviceid;
    await ctx.writes.run((db) =>
      applyNotify(db, deviceid, {
        hardware: { IPADDR: "10.9.9.9" },
        interfaces: [{ MAC: mac.toUpperCase(), IP: "10.9.9.9", MASK: "255.0.0.0" }],
        now: new Date(),
      })
    );
    const after = await getDeviceDetail(ctx.db, deviceId);
    const entry = (after!.sections.NETWORKS as Record<string, string>[]).find((n) =>
      n.MACADDR === mac
    )!;
    assert.equal(entry.IPADDRESS, "10.9.9.9");
    assert.equal(entry.IPMASK, "255.0.0.0");
    assert.equal((after!.sections.HARDWARE as Record<string, string>).IPADDR, "10.9.9.9");
    assert.equal(after!.checksum & 4096, 4096);

    assert.equal(
      await ctx.writes.run((db) =>
        recordDownloadResult(db, deviceid, {
          packageId: "1700000000",
          result: "SUCCESS",
          now: new Date(),
        })
      ),
      true,
    );
    assert.equal(
      await ctx.writes.run((db) =>
        recordDownloadResult(db, "nobody-2026-01-01-00-00-00", {
          packageId: "1",
          result: "SUCCESS",
          now: new Date(),
        })
      ),
      false,
    );
    const results = await ctx.db.selectFrom("download_results").selectAll().execute();
    assert.deepEqual(results.map((r) => [r.package_id, r.result]), [["1700000000", "SUCCESS"]]);
  });
});
