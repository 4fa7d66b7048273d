/**
 * The identity veto on real inventories through the real pipeline and the shipped rules: a
 * machine is its valid serial and UUID, so no rule may link an inventory to a computer whose
 * valid serial or UUID differs (shared MACs of docks and USB NICs, cloned VMs, a new board),
 * while reinstalls (new DEVICEID, same identity) still land on their computer. Shared MACs are
 * listed (API, CLI module) and moved to `genericMacs` in one step.
 */

import assert from "node:assert/strict";
import type { Rule } from "../rules/types.ts";
import type { ServerContext } from "../server/context.ts";
import { syncBatch } from "../server/registry/batch.ts";
import { importTrace } from "../server/registry/computer_detail.ts";
import { saveRule } from "../server/registry/rule_store.ts";
import { loadSettings } from "../server/registry/settings.ts";
import { createTestUser } from "./_helpers/auth.ts";
import { type ApiWorld, withApi } from "./_helpers/api.ts";
import type { Machine } from "./_helpers/fleet.ts";

const DOCK_MAC = "00:e0:4c:68:00:01";

/** Stores one inventory and synchronises it; the computer id its device is linked to. */
async function report(world: ApiWorld, machine: Machine): Promise<number> {
  const { ctx } = world;
  await world.addMachines([machine]);
  const link = await ctx.db.selectFrom("computer_links").select("computer_id")
    .where("deviceid", "=", machine.deviceid).executeTakeFirst();
  assert.ok(link, `${machine.deviceid} is linked`);
  return link.computer_id;
}

async function traceText(ctx: ServerContext, computerId: number): Promise<string> {
  return (await importTrace(ctx.db, computerId)) ?? "";
}

async function liveComputers(ctx: ServerContext): Promise<number> {
  const rows = await ctx.db.selectFrom("computers").select("id").where("is_deleted", "=", 0)
    .execute();
  return rows.length;
}

const pc = (n: number, overrides: Partial<Machine> = {}): Machine => ({
  deviceid: `pc${n}-2026-01-01-00-00-00`,
  name: `pc${n}`,
  serial: `SER-000${n}`,
  uuid: `4C4C4544-0000-0000-0000-00000000000${n}`,
  macs: [`00:11:22:33:44:0${n}`],
  ...overrides,
});

Deno.test("a MAC shared by two machines with different serials: two computers, the veto traced", async () => {
  await withApi(async (world) => {
    const { ctx } = world;
    const shared = "00:11:22:33:44:99";
    const one = await report(world, pc(1, { macs: [shared] }));
    const two = await report(world, pc(2, { macs: [shared] }));
    assert.notEqual(two, one, "pc2 is not merged into pc1");
    assert.equal(await liveComputers(ctx), 2);
    const first = await ctx.db.selectFrom("computers").select(["name", "serial"])
      .where("id", "=", one).executeTakeFirstOrThrow();
    assert.deepEqual({ ...first }, { name: "pc1", serial: "SER-0001" }, "pc1 keeps its own values");
    const trace = await traceText(ctx, two);
    assert.match(trace, /vetoed: serial SER-0002 ≠ SER-0001 \(computer \d+\)/);
    assert.match(trace, /Import everything else/);
  });
});

Deno.test("a dock's MAC seen on three laptops: three computers, the MAC listed as shared and moved to genericMacs", async () => {
  await withApi(async (world) => {
    const { ctx, call } = world;
    const ids = [];
    for (const n of [1, 2, 3]) {
      ids.push(
        await report(world, {
          deviceid: `laptop-${n}-2026-01-01-00-00-00`,
          name: `laptop-${n}`,
          serial: `LAPTOP-${n}`,
          uuid: `UUID-LAPTOP-${n}`,
          macs: [`00:11:22:33:55:0${n}`, DOCK_MAC],
        }),
      );
    }
    assert.equal(new Set(ids).size, 3, "three computers");
    const admin = await createTestUser(ctx, "admin", "admin");
    const reader = await createTestUser(ctx, "reader", "readonly");

    const listed = await call(reader.token, "GET", "/shared-macs");
    assert.equal(listed.status, 200);
    assert.deepEqual(Object.keys(listed.body).sort(), ["items", "limit", "offset", "total"]);
    assert.equal(listed.body.total, 1);
    assert.equal(listed.body.items[0].mac, DOCK_MAC);
    assert.deepEqual(listed.body.items[0].computers.map((c: { id: number }) => c.id), ids);

    const refused = await call(reader.token, "POST", "/shared-macs/generic", { mac: DOCK_MAC });
    assert.equal(refused.status, 403);
    const bad = await call(admin.token, "POST", "/shared-macs/generic", { mac: "dock" });
    assert.equal(bad.status, 400);
    assert.match(bad.body.message, /not a MAC address/);

    const moved = await call(admin.token, "POST", "/shared-macs/generic", {
      mac: DOCK_MAC.toUpperCase().replaceAll(":", "-"),
    });
    assert.equal(moved.status, 200);
    assert.equal(moved.body.added, true);
    assert.ok((await loadSettings(ctx.db)).genericMacs.includes(DOCK_MAC));
    assert.equal((await call(reader.token, "GET", "/shared-macs")).body.total, 0);
    const again = await call(admin.token, "POST", "/shared-macs/generic", { mac: DOCK_MAC });
    assert.equal(again.body.added, false, "once only");

    // A fourth laptop with the dock and no serial or UUID of its own: the dock no longer links.
    const fourth = await report(world, {
      deviceid: "laptop-4-2026-01-01-00-00-00",
      name: "laptop-4",
      serial: "",
      uuid: "",
      macs: [DOCK_MAC],
    });
    assert.ok(!ids.includes(fourth), "a deny-listed MAC links nothing");
  });
});

Deno.test("VM clones (same UUID and serial, new MACs and name) stay apart; a reinstalled VM links", async () => {
  await withApi(async (world) => {
    const { ctx } = world;
    const vm = (n: number, name: string, mac: string): Machine => ({
      deviceid: `${name}-2026-0${n}-01-00-00-00`,
      name,
      serial: "VMware-42 1a 2b 3c",
      uuid: "421A2B3C-0000-1111-2222-333344445555",
      macs: [mac],
      type: "Virtual Machine",
    });
    const original = await report(world, vm(1, "web-1", "00:50:56:00:00:01"));
    const clone = await report(world, vm(2, "web-2", "00:50:56:00:00:02"));
    assert.notEqual(clone, original, "a clone is another machine");
    assert.match(await traceText(ctx, clone), /vetoed: virtual machine clone/);
    const reinstalled = await report(world, vm(3, "web-1-new", "00:50:56:00:00:01"));
    assert.equal(reinstalled, original, "same UUID and MAC, new DEVICEID: the same VM");
    assert.equal(await liveComputers(ctx), 2);
  });
});

Deno.test("a reinstall (new DEVICEID, same serial and UUID) is the same computer; a new board is a new one", async () => {
  await withApi(async (world) => {
    const { ctx } = world;
    const first = await report(world, pc(1));
    const reinstalled = await report(world, pc(1, { deviceid: "pc1-2026-09-01-00-00-00" }));
    assert.equal(reinstalled, first);
    // Decision (README "Identity"): a motherboard replacement that changes the serial is a new
    // computer; the veto on the MAC link says why, and one manual link merges it.
    const board = await report(
      world,
      pc(1, { deviceid: "pc1-2026-10-01-00-00-00", serial: "SER-NEWBOARD" }),
    );
    assert.notEqual(board, first);
    assert.match(await traceText(ctx, board), /vetoed: serial SER-NEWBOARD ≠ SER-0001/);
  });
});

Deno.test("a user rule links by IP only without a conflicting identity, unless it turns the veto off", async () => {
  await withApi(async (world) => {
    const { ctx } = world;
    const rule = (name: string, actions: Rule["actions"]): Rule => ({
      uuid: crypto.randomUUID(),
      collection: "import",
      name,
      description: "",
      ranking: 0,
      active: true,
      match: "AND",
      criteria: [{ field: "ip", operator: "present", pattern: "" }],
      actions,
    });
    const link = { type: "assign" as const, field: "_link", value: "link_or_create" };
    await saveRule(ctx.db, rule("Link by IP", [link]), ctx.now());
    const one = await report(world, pc(1, { macs: ["00:11:22:33:44:0a"] }));
    // Same IP (machineXml derives it from the MAC's last byte), another serial: vetoed.
    const two = await report(world, pc(2, { macs: ["00:11:22:33:45:0a"] }));
    assert.notEqual(two, one);
    assert.match(await traceText(ctx, two), /Link by IP[\s\S]*vetoed: serial SER-0002 ≠ SER-0001/);

    await saveRule(
      ctx.db,
      rule("Link by IP whatever the identity", [link, {
        type: "assign",
        field: "_identity_veto",
        value: "off",
      }]),
      ctx.now(),
    );
    const three = await report(world, pc(3, { macs: ["00:11:22:33:46:0a"] }));
    assert.ok([one, two].includes(three), "the admin's rule said so explicitly");
    const result = await syncBatch(ctx);
    assert.deepEqual(result.errors, []);
  });
});
