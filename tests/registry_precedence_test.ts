/**
 * Several devices feeding one computer (registry/precedence.ts), on inventories made from the
 * real fixture: the first device keeps feeding the computer when another agent family reports
 * the same machine, the other supplies only the parts the first does not report, an admin's
 * choice of primary moves the parts, and a reinstall of the same agent takes over at once.
 */

import assert from "node:assert/strict";
import type { ServerContext } from "../server/context.ts";
import { syncBatch } from "../server/registry/batch.ts";
import { choosePrimary } from "../server/registry/precedence.ts";
import { getComputer } from "../server/registry/queries.ts";
import { type Machine, machineXml } from "./_helpers/fleet.ts";
import { type Pipeline, withPipeline } from "./_helpers/roundtrip.ts";
import { createTestUser } from "./_helpers/auth.ts";
import { signedIn } from "./_helpers/console.ts";

const OCS_UA = "OCS-NG_unified_unix_agent_v2.10.0";
const FUSION_UA = "FusionInventory-Agent_v2.6-3";

const host = (deviceid: string, name: string, overrides: Partial<Machine> = {}): Machine => ({
  deviceid,
  name,
  serial: "PREC-SER-1",
  uuid: "PREC-UUID-1",
  macs: ["00:11:22:33:77:01"],
  ...overrides,
});

async function report(pipeline: Pipeline, machine: Machine, userAgent: string) {
  await pipeline.send(machineXml(machine), { userAgent });
  const result = await syncBatch(pipeline.ctx);
  assert.deepEqual(result.errors, []);
}

async function theComputer(ctx: ServerContext) {
  const rows = await ctx.db.selectFrom("computers").select("id").execute();
  assert.equal(rows.length, 1, "one computer");
  return (await getComputer(ctx.db, rows[0]!.id))!;
}

function suppliesOf(detail: Awaited<ReturnType<typeof theComputer>>, deviceid: string): string {
  return detail.links.find((l) => l.deviceid === deviceid)!.supplies;
}

Deno.test("two agent families on one machine: the first feeds the computer, the second only what the first lacks", async () => {
  await withPipeline(async (pipeline) => {
    const { ctx } = pipeline;
    const ocs = "prec-ocs-2026-01-01-00-00-00";
    const fusion = "prec-fusion-2026-01-01-00-00-00";
    await report(pipeline, host(ocs, "host-ocs"), OCS_UA);
    // FusionInventory names the host differently and reports a monitor the OCS agent does not.
    const withMonitor = { monitors: [{ name: "Dell U2720Q", serial: "PREC-MON-1" }] };
    await report(pipeline, host(fusion, "host-fusion", withMonitor), FUSION_UA);
    let detail = await theComputer(ctx);
    assert.equal(detail.computer.name, "host-ocs", "the first device keeps the fields");
    assert.deepEqual(detail.peripherals.map((p) => p.serial), ["PREC-MON-1"]);
    assert.equal(suppliesOf(detail, ocs), "fields,components,software,ports,volumes,vms");
    assert.equal(suppliesOf(detail, fusion), "peripherals");

    // The computer page says which device supplies what.
    const admin = signedIn(ctx, await createTestUser(ctx, "admin", "admin"));
    const page = await (await admin.get(`/computers/${detail.computer.id}`)).text();
    const row = (deviceid: string) => {
      const start = page.indexOf(`<code>${deviceid}</code>`);
      return page.slice(start, page.indexOf("</tr>", start));
    };
    assert.match(page, /<th scope="col">Supplies<\/th>/);
    assert.match(
      row(ocs),
      /fields, components, software, network ports, volumes, virtual machines/,
    );
    assert.match(row(fusion), /<td class="supplies">monitors and peripherals<\/td>/);

    const historyBefore = await ctx.db.selectFrom("history").selectAll().execute();
    await report(pipeline, host(fusion, "host-fusion-2", withMonitor), FUSION_UA);
    await report(pipeline, host(ocs, "host-ocs"), OCS_UA);
    const historyAfter = await ctx.db.selectFrom("history").selectAll().execute();
    assert.equal(historyAfter.length, historyBefore.length, "alternating reports change nothing");

    await report(pipeline, host(ocs, "host-ocs-renamed"), OCS_UA);
    assert.equal((await theComputer(ctx)).computer.name, "host-ocs-renamed");

    // The admin prefers FusionInventory: its device feeds the fields from now on.
    const fusionId = detail.links.find((l) => l.deviceid === fusion)!.device_id;
    const computerId = await ctx.writes.run((db) => choosePrimary(db, fusionId));
    assert.equal(computerId, detail.computer.id);
    const result = await syncBatch(ctx, {
      deviceIds: detail.links.map((l) => l.device_id),
      force: true,
    });
    assert.deepEqual(result.errors, []);
    detail = await theComputer(ctx);
    assert.equal(detail.computer.name, "host-fusion-2");
    assert.equal(
      suppliesOf(detail, fusion),
      "fields,components,software,ports,volumes,vms,peripherals",
    );
    assert.equal(suppliesOf(detail, ocs), "");
    assert.equal(detail.links.find((l) => l.deviceid === fusion)!.is_primary, 1);
  });
});

Deno.test("a reinstall of the same agent (new DEVICEID) takes over from the old device at once", async () => {
  await withPipeline(async (pipeline) => {
    const { ctx } = pipeline;
    await report(pipeline, host("prec-old-2026-01-01-00-00-00", "before"), OCS_UA);
    await report(pipeline, host("prec-new-2026-06-01-00-00-00", "after"), OCS_UA);
    assert.equal((await theComputer(ctx)).computer.name, "after");
    // The old DEVICEID's agent reporting again (a leftover) does not take it back.
    await report(pipeline, host("prec-old-2026-01-01-00-00-00", "before-again"), OCS_UA);
    assert.equal((await theComputer(ctx)).computer.name, "after");
  });
});
