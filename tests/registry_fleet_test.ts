/**
 * The registry end to end on a fleet built from the real fixture: inventories go through the
 * real ingestion pipeline into a real SQLite file, then the synchronisation with the shipped
 * default rules. Each machine must end in exactly the expected computer.
 */

import assert from "node:assert/strict";
import { syncBatch } from "../server/registry/batch.ts";
import { getComputer } from "../server/registry/queries.ts";
import type { ServerContext } from "../server/context.ts";
import { type Machine, machineXml } from "./_helpers/fleet.ts";
import { withPipeline } from "./_helpers/roundtrip.ts";

const MAC = (n: number) => `00:11:22:33:44:${n.toString(16).padStart(2, "0")}`;
const DOCKER_MAC = "02:42:ac:11:00:02";

/** Each step: the machines reporting, in order; `expect` names the computer each lands in. */
interface Report {
  machine: Machine;
  expect: string;
  why: string;
}

const FLEET: Report[] = [
  {
    machine: {
      deviceid: "pc-a-2026-01-01-00-00-00",
      name: "pc-a",
      serial: "SER-A",
      uuid: "UUID-A",
      macs: [MAC(1)],
    },
    expect: "A",
    why: "first inventory: imported",
  },
  {
    machine: {
      deviceid: "pc-a-2026-06-01-00-00-00",
      name: "pc-a",
      serial: "SER-A",
      uuid: "UUID-A",
      macs: [MAC(1)],
    },
    expect: "A",
    why: "reinstalled (new DEVICEID, same serial and UUID): linked by serial+UUID",
  },
  {
    machine: {
      deviceid: "pc-b-2026-01-01-00-00-00",
      name: "pc-b",
      serial: "SER-B",
      uuid: "UUID-B",
      macs: [MAC(2)],
    },
    expect: "B",
    why: "imported",
  },
  {
    machine: {
      deviceid: "pc-b-2026-01-01-00-00-00",
      name: "pc-b-renamed",
      serial: "SER-B",
      uuid: "UUID-B",
      macs: [MAC(2)],
    },
    expect: "B",
    why: "renamed: same device, same computer",
  },
  {
    machine: {
      deviceid: "pc-b-new-2026-07-01-00-00-00",
      name: "pc-b-new",
      serial: "SER-B",
      uuid: "UUID-B",
      macs: [MAC(3)],
    },
    expect: "B",
    why: "reinstalled and renamed with a new NIC: linked by serial+UUID",
  },
  {
    machine: {
      deviceid: "pc-c-2026-01-01-00-00-00",
      name: "pc-c",
      serial: "SER-C",
      uuid: "UUID-C",
      macs: [MAC(4)],
      disks: [{ serial: "DISK-1", model: "Samsung 860" }, { serial: "DISK-2", model: "WD Blue" }],
    },
    expect: "C",
    why: "imported with two disks",
  },
  {
    machine: {
      deviceid: "pc-c-2026-01-01-00-00-00",
      name: "pc-c",
      serial: "SER-C",
      uuid: "UUID-C",
      macs: [MAC(4)],
      disks: [{ serial: "DISK-1", model: "Samsung 860" }, {
        serial: "DISK-3",
        model: "Crucial MX500",
      }],
    },
    expect: "C",
    why: "a disk swapped: same computer, components updated",
  },
  {
    machine: {
      deviceid: "vm-1-2026-01-01-00-00-00",
      name: "vm-1",
      serial: "VMware-56 4d 1a",
      uuid: "UUID-VM1",
      macs: [MAC(5)],
      type: "Virtual Machine",
    },
    expect: "VM1",
    why: "a VM",
  },
  {
    machine: {
      deviceid: "vm-2-2026-01-01-00-00-00",
      name: "vm-2",
      serial: "VMware-56 4d 1a",
      uuid: "UUID-VM2",
      macs: [MAC(6)],
      type: "Virtual Machine",
    },
    expect: "VM2",
    why: "another VM sharing the serial, with its own UUID: not merged (glpi#9741)",
  },
  {
    machine: {
      deviceid: "laptop-1-2026-01-01-00-00-00",
      name: "laptop-1",
      serial: "SER-L1",
      uuid: "UUID-L1",
      macs: [MAC(7)],
      monitors: [{ name: "USB-C Dock", serial: "0" }, { name: "U2720Q", serial: "MON-1" }],
    },
    expect: "L1",
    why: "laptop with a dock (generic serial) and a monitor",
  },
  {
    machine: {
      deviceid: "laptop-2-2026-01-01-00-00-00",
      name: "laptop-2",
      serial: "SER-L2",
      uuid: "UUID-L2",
      macs: [MAC(8)],
      monitors: [{ name: "USB-C Dock", serial: "0" }],
    },
    expect: "L2",
    why: "another laptop with the same dock model and generic serial",
  },
  {
    machine: {
      deviceid: "nos-1-2026-01-01-00-00-00",
      name: "nos-1",
      serial: "",
      uuid: "UUID-N1",
      macs: [MAC(9)],
    },
    expect: "N1",
    why: "no serial",
  },
  {
    machine: {
      deviceid: "nos-1-2026-02-01-00-00-00",
      name: "nos-1",
      serial: "",
      uuid: "UUID-N1",
      macs: [MAC(10)],
    },
    expect: "N1",
    why: "no serial, reinstalled with a new NIC: linked by UUID",
  },
  {
    machine: {
      deviceid: "nos-2-2026-01-01-00-00-00",
      name: "nos-2",
      serial: "To be filled by O.E.M.",
      uuid: "",
      macs: [MAC(11)],
    },
    expect: "N2",
    why: "generic serial, no UUID",
  },
  {
    machine: {
      deviceid: "nos-2-2026-02-01-00-00-00",
      name: "nos-2",
      serial: "To be filled by O.E.M.",
      uuid: "",
      macs: [MAC(11)],
    },
    expect: "N2",
    why: "reinstalled: linked by MAC (the generic serial is ignored)",
  },
  {
    machine: {
      deviceid: "nos-3-2026-01-01-00-00-00",
      name: "nos-3",
      serial: "",
      uuid: "",
      macs: [],
      virtualMacs: [DOCKER_MAC],
    },
    expect: "N3",
    why: "nothing but a name and a docker bridge",
  },
  {
    machine: {
      deviceid: "nos-3-2026-02-01-00-00-00",
      name: "nos-3",
      serial: "",
      uuid: "",
      macs: [],
      virtualMacs: [DOCKER_MAC],
    },
    expect: "N3",
    why: "reinstalled: linked by name",
  },
  {
    machine: {
      deviceid: "nos-4-2026-01-01-00-00-00",
      name: "nos-4",
      serial: "",
      uuid: "",
      macs: [],
      virtualMacs: [DOCKER_MAC],
    },
    expect: "N4",
    why: "same docker MAC as nos-3, another machine: virtual MACs never link",
  },
  {
    machine: {
      deviceid: "g-1-2026-01-01-00-00-00",
      name: "g-1",
      serial: "System Serial Number",
      uuid: "UUID-G1",
      macs: [MAC(12)],
    },
    expect: "G1",
    why: "generic serial",
  },
  {
    machine: {
      deviceid: "g-2-2026-01-01-00-00-00",
      name: "g-2",
      serial: "System Serial Number",
      uuid: "UUID-G2",
      macs: [MAC(13)],
    },
    expect: "G2",
    why: "the same generic serial on another machine: not merged",
  },
];

async function computerOf(ctx: ServerContext, deviceid: string): Promise<number> {
  const row = await ctx.db.selectFrom("computer_links").select("computer_id")
    .where("deviceid", "=", deviceid).executeTakeFirst();
  assert.ok(row, `${deviceid} is linked to a computer`);
  return row.computer_id;
}

Deno.test("fleet: every machine ends in exactly the expected computer", async () => {
  await withPipeline(async ({ ctx, send }) => {
    const labelOf = new Map<number, string>();
    for (const report of FLEET) {
      await send(machineXml(report.machine));
      const result = await syncBatch(ctx);
      assert.deepEqual(result.errors, [], report.why);
      const computerId = await computerOf(ctx, report.machine.deviceid);
      const known = labelOf.get(computerId);
      if (known === undefined) {
        assert.ok(
          ![...labelOf.values()].includes(report.expect),
          `${report.machine.deviceid} (${report.why}) should be in ${report.expect}, got a new computer`,
        );
        labelOf.set(computerId, report.expect);
      } else {
        assert.equal(known, report.expect, `${report.machine.deviceid}: ${report.why}`);
      }
    }
    const expected = new Set(FLEET.map((r) => r.expect));
    const live = await ctx.db.selectFrom("computers").select("id").where("is_deleted", "=", 0)
      .execute();
    assert.equal(live.length, expected.size, "one computer per real machine, no duplicates");

    // The renamed machine carries the newest name; its history says so.
    const b = await getComputer(ctx.db, await computerOf(ctx, "pc-b-2026-01-01-00-00-00"));
    assert.equal(b!.computer.name, "pc-b-new");
    assert.equal(b!.links.length, 2);
    const renames = await ctx.db.selectFrom("history").select(["old_value", "new_value"])
      .where("computer_id", "=", b!.computer.id).where("field", "=", "name").execute();
    assert.deepEqual(renames.map((r) => `${r.old_value}→${r.new_value}`), [
      "pc-b→pc-b-renamed",
      "pc-b-renamed→pc-b-new",
    ]);

    // The swapped disk: DISK-2 removed, DISK-3 added, DISK-1 kept; history records both.
    const c = await getComputer(ctx.db, await computerOf(ctx, "pc-c-2026-01-01-00-00-00"));
    const disks = c!.components.filter((p) => p.kind === "disk").map((p) => p.serial).sort();
    assert.deepEqual(disks, ["DISK-1", "DISK-3"]);
    const diskHistory = await ctx.db.selectFrom("history").select([
      "kind",
      "old_value",
      "new_value",
    ])
      .where("computer_id", "=", c!.computer.id).where("kind", "in", [
        "component_added",
        "component_removed",
      ]).execute();
    assert.deepEqual(diskHistory.map((h) => `${h.kind}:${h.old_value}${h.new_value}`).sort(), [
      "component_added:disk: Crucial MX500",
      "component_removed:disk: WD Blue",
    ]);

    // Docks with a generic serial: one per laptop, never moved between them.
    const l1 = await computerOf(ctx, "laptop-1-2026-01-01-00-00-00");
    const l2 = await computerOf(ctx, "laptop-2-2026-01-01-00-00-00");
    const docks = async (computerId: number) =>
      (await getComputer(ctx.db, computerId))!.peripherals.filter((p) => p.name === "USB-C Dock")
        .map((p) => p.id);
    const [dock1] = await docks(l1);
    const [dock2] = await docks(l2);
    assert.ok(dock1 && dock2 && dock1 !== dock2, "each laptop has its own dock");

    // The monitor with a real serial moves to laptop-2; the docks stay put.
    await send(
      machineXml({
        ...FLEET[10]!.machine,
        monitors: [{ name: "USB-C Dock", serial: "0" }, { name: "U2720Q", serial: "MON-1" }],
      }),
    );
    await send(
      machineXml({ ...FLEET[9]!.machine, monitors: [{ name: "USB-C Dock", serial: "0" }] }),
    );
    await syncBatch(ctx);
    assert.deepEqual(await docks(l1), [dock1]);
    assert.deepEqual(await docks(l2), [dock2]);
    const monitorHolders = await ctx.db.selectFrom("peripheral_links")
      .innerJoin("peripherals", "peripherals.id", "peripheral_links.peripheral_id")
      .select("peripheral_links.computer_id").where("peripherals.serial", "=", "MON-1").execute();
    assert.deepEqual(monitorHolders.map((m) => m.computer_id), [l2]);
    // History is symmetric: removed on the laptop it left, added on the one it joined.
    const monitorHistory = async (computerId: number) =>
      (await ctx.db.selectFrom("history").select(["kind", "old_value", "new_value"])
        .where("computer_id", "=", computerId).where("field", "=", "monitor").execute())
        .map((h) => `${h.kind}:${h.old_value}${h.new_value}`);
    assert.deepEqual(await monitorHistory(l1), [
      `component_removed:U2720Qmoved to computer ${l2}`,
    ]);
    assert.deepEqual(await monitorHistory(l2), ["component_added:U2720Q"]);

    // Idempotent: nothing left to do, nothing changes.
    const historyBefore = await ctx.db.selectFrom("history").select((eb) =>
      eb.fn.countAll().as("n")
    )
      .executeTakeFirstOrThrow();
    const again = await syncBatch(ctx);
    assert.equal(again.processed, 0);
    const forced = await syncBatch(ctx, {
      deviceIds: (await ctx.db.selectFrom("computer_links").select("device_id").execute()).map((
        r,
      ) => r.device_id),
      force: true,
    });
    assert.deepEqual(forced.errors, []);
    const historyAfter = await ctx.db.selectFrom("history").select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    assert.equal(
      historyAfter.n,
      historyBefore.n,
      "a forced full resync of unchanged data changes nothing",
    );
  });
});
