import assert from "node:assert/strict";
import { encodeBody } from "../../protocol/mod.ts";
import { defaultConfig } from "../config.ts";
import type { ServerContext } from "../context.ts";
import { handleMessage } from "../ingest/pipeline.ts";
import { createLogger } from "../log.ts";
import { closeContext, openContext } from "../serve.ts";

const DEVICE = "pc-2026-11-21-10-00-00";

function inventory(sections: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<REQUEST><CONTENT>${sections}</CONTENT>` +
    `<DEVICEID>${DEVICE}</DEVICEID><QUERY>INVENTORY</QUERY></REQUEST>`;
}

async function send(ctx: ServerContext, xml: string) {
  const { prepared, body } = await ctx.decoder.decode(encodeBody(xml, "zlib"));
  return await handleMessage(ctx, prepared.message, {
    userAgent: "test",
    ipSource: "127.0.0.1",
    body,
    encoding: prepared.encoding,
  });
}

async function withServer(fn: (ctx: ServerContext) => Promise<void>): Promise<void> {
  const ctx = await openContext(defaultConfig(Deno.makeTempDirSync()), {
    log: createLogger({ write: () => {} }),
    decoder: "workers",
  });
  try {
    await fn(ctx);
  } finally {
    await closeContext(ctx);
  }
}

function device(ctx: ServerContext) {
  return ctx.raw.prepare("select name, os_name, serial, uuid, inventories from devices").get();
}

Deno.test("sections decoded in a worker are stored as JSON text", async () => {
  await withServer(async (ctx) => {
    const full = Deno.readTextFileSync(
      new URL("../../../shared/fixtures/ocs/unixagent-2.10-debian12-full.xml", import.meta.url),
    );
    await send(ctx, full.replace("<NAME>vm</NAME>", "<NAME>poste-été</NAME>"));
    const rows = ctx.raw.prepare(
      "select section, typeof(data) as type, data from device_sections order by section",
    ).all() as { section: string; type: string; data: string }[];
    assert.ok(rows.length >= 10);
    assert.deepEqual(rows.filter((r) => r.type !== "text"), []);
    const hardware = JSON.parse(rows.find((r) => r.section === "HARDWARE")!.data);
    assert.equal(hardware.NAME, "poste-été");
    assert.equal(JSON.parse(rows.find((r) => r.section === "SOFTWARES")!.data).length, 781);
  });
});

Deno.test("a device's summary columns change only with an inventory that carries them", async () => {
  await withServer(async (ctx) => {
    await send(ctx, inventory("<CPUS><TYPE>x</TYPE></CPUS>"));
    assert.deepEqual({ ...device(ctx) }, {
      name: "",
      os_name: "",
      serial: "",
      uuid: "",
      inventories: 1,
    });
    await send(
      ctx,
      inventory(
        "<HARDWARE><NAME>web01</NAME><OSNAME>Debian</OSNAME><UUID>u-1</UUID></HARDWARE>" +
          "<BIOS><SSN>SN-1</SSN></BIOS>",
      ),
    );
    await send(ctx, inventory("<CPUS><TYPE>y</TYPE></CPUS>"));
    assert.deepEqual({ ...device(ctx) }, {
      name: "web01",
      os_name: "Debian",
      serial: "SN-1",
      uuid: "u-1",
      inventories: 3,
    });
  });
});
