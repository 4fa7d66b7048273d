/**
 * Registry flows on real inventories and a real SQLite file: the TAG recipes configured by rules
 * only, the inbox and retry after a rule change, manual approval, locks, upstream deletion,
 * trash, purge and restore.
 */

import assert from "node:assert/strict";
import type { Rule } from "../rules/types.ts";
import type { ServerContext } from "../server/context.ts";
import { retryNotImported, syncBatch } from "../server/registry/batch.ts";
import { editComputers, unlockFields } from "../server/registry/edit.ts";
import { getComputer, listNotImported, notImportedTrace } from "../server/registry/queries.ts";
import {
  importRules,
  listRules,
  saveRule,
  seedDefaultRules,
} from "../server/registry/rule_store.ts";
import { openRun } from "../server/registry/run_context.ts";
import { saveSetting } from "../server/registry/settings.ts";
import { purgeComputers, trashComputers } from "../server/registry/trash.ts";
import { createEntity } from "../server/registry/tree.ts";
import { deleteDevice, findDevice, updateDevice } from "../server/store/devices.ts";
import { type Machine, machineXml } from "./_helpers/fleet.ts";
import { withPipeline } from "./_helpers/roundtrip.ts";

let counter = 0;
function machine(overrides: Partial<Machine> = {}): Machine {
  const n = ++counter;
  return {
    deviceid: `flow-${n}-2026-01-01-00-00-00`,
    name: `flow-${n}`,
    serial: `FLOW-SER-${n}`,
    uuid: `FLOW-UUID-${n}`,
    macs: [`00:aa:bb:cc:00:${n.toString(16).padStart(2, "0")}`],
    software: [{ name: "curl", version: "8.0" }],
    ...overrides,
  };
}

async function computerOf(ctx: ServerContext, deviceid: string) {
  const link = await ctx.db.selectFrom("computer_links").select("computer_id")
    .where("deviceid", "=", deviceid).executeTakeFirst();
  return link ? (await getComputer(ctx.db, link.computer_id))! : undefined;
}

function rule(
  partial: Partial<Rule> & Pick<Rule, "collection" | "name" | "criteria" | "actions">,
): Rule {
  return {
    uuid: crypto.randomUUID(),
    description: "",
    ranking: 0,
    active: true,
    match: "AND",
    ...partial,
  };
}

Deno.test("TAG-to-location and TAG-to-entity recipes work by configuration only", async () => {
  await withPipeline(async ({ ctx, send }) => {
    const now = ctx.now();
    await createEntity(ctx.db, "Paris", 1, "PARIS");
    await createEntity(ctx.db, "Lyon", 1, "LYON");
    await saveRule(
      ctx.db,
      rule({
        collection: "entity",
        name: "Entity from TAG",
        ranking: 0,
        criteria: [{ field: "tag", operator: "regex", pattern: "/^(.+)$/" }],
        actions: [{ type: "regex_result", field: "_entity_by_tag", value: "#0" }],
      }),
      now,
    );
    await saveRule(
      ctx.db,
      rule({
        collection: "location",
        name: "TAG to location",
        criteria: [{ field: "tag", operator: "regex", pattern: "/^(.+)$/" }],
        actions: [{ type: "regex_result", field: "location", value: "Sites > #0" }],
      }),
      now,
    );

    const paris = machine({ tag: "PARIS" });
    const lyon = machine({ tag: "LYON" });
    const untagged = machine({ tag: "" });
    for (const m of [paris, lyon, untagged]) await send(machineXml(m));
    const result = await syncBatch(ctx);
    assert.deepEqual(result.errors, []);

    const p = await computerOf(ctx, paris.deviceid);
    assert.equal(p?.computer.entity, "Root entity > Paris");
    assert.equal(p?.computer.location, "Sites > PARIS");
    const l = await computerOf(ctx, lyon.deviceid);
    assert.equal(l?.computer.entity, "Root entity > Lyon");
    assert.equal(l?.computer.location, "Sites > LYON");
    const u = await computerOf(ctx, untagged.deviceid);
    assert.equal(u?.computer.entity, "Root entity", "no TAG: the default root rule applies");
    assert.equal(u?.computer.location, null);

    // A TAG changed on the server moves the computer at its next inventory.
    const device = await findDevice(ctx.db, paris.deviceid);
    await ctx.writes.run((db) => updateDevice(db, device!.id, { tag: "LYON" }));
    await send(machineXml(paris)); // the agent still says PARIS: the server's TAG wins
    await syncBatch(ctx);
    const moved = await computerOf(ctx, paris.deviceid);
    assert.equal(moved?.computer.id, p?.computer.id);
    assert.equal(moved?.computer.entity, "Root entity > Lyon");
    assert.equal(moved?.computer.location, "Sites > LYON");
  });
});

Deno.test("a device matching no rule is listed with its trace; retry after a rule change imports it", async () => {
  await withPipeline(async ({ ctx, send }) => {
    const now = ctx.now();
    const onlyParis = rule({
      collection: "import",
      name: "Import Paris only",
      ranking: 1,
      criteria: [{ field: "tag", operator: "is", pattern: "PARIS" }],
      actions: [{ type: "assign", field: "_link", value: "link_or_create" }],
    });
    await seedDefaultRules(ctx.db, now); // so that `replace` has the defaults to replace
    await importRules(ctx.db, [onlyParis], now, "replace");
    assert.deepEqual((await listRules(ctx.db, "import")).map((r) => r.name), ["Import Paris only"]);

    const lyon = machine({ tag: "LYON" });
    await send(machineXml(lyon));
    const first = await syncBatch(ctx);
    assert.equal(first.counts.not_imported, 1);
    const inbox = await listNotImported(ctx.db);
    assert.equal(inbox.total, 1);
    assert.equal(inbox.devices[0]!.status, "unmatched");
    assert.equal(inbox.devices[0]!.reason, "no import rule matched");
    const stored = await notImportedTrace(ctx.db, inbox.devices[0]!.device_id);
    const importTrace = stored!.trace.find((t: { collection: string }) =>
      t.collection === "import"
    );
    assert.equal(importTrace.trace[0].name, "Import Paris only");
    assert.equal(importTrace.trace[0].matched, false);
    assert.equal(importTrace.trace[0].criteria[0].value, "LYON");
    assert.match(importTrace.trace[0].criteria[0].reason, /LYON/);

    // Nothing changes on a plain re-run: the same inventory is not retried forever.
    assert.equal((await syncBatch(ctx)).processed, 0);

    await saveRule(
      ctx.db,
      rule({
        collection: "import",
        name: "Import Lyon too",
        ranking: 2,
        criteria: [{ field: "tag", operator: "is", pattern: "LYON" }],
        actions: [{ type: "assign", field: "_link", value: "link_or_create" }],
      }),
      now,
    );
    const retried = await retryNotImported(ctx);
    assert.equal(retried.counts.imported, 1);
    assert.equal((await listNotImported(ctx.db)).total, 0);
    assert.equal((await computerOf(ctx, lyon.deviceid))?.computer.import_rule, "Import Lyon too");
  });
});

Deno.test("manual approval keeps new devices pending until imported by hand", async () => {
  await withPipeline(async ({ ctx, send }) => {
    await saveSetting(ctx.db, "approval", "manual");
    const m = machine();
    await send(machineXml(m));
    const first = await syncBatch(ctx);
    assert.equal(first.counts.not_imported, 1);
    assert.equal((await listNotImported(ctx.db, { status: "pending" })).total, 1);
    assert.equal((await syncBatch(ctx)).processed, 0, "pending devices wait for an admin");
    const device = await findDevice(ctx.db, m.deviceid);
    const approved = await syncBatch(ctx, {
      deviceIds: [device!.id],
      approved: true,
      actor: "alice",
    });
    assert.equal(approved.counts.imported, 1);
    assert.ok(await computerOf(ctx, m.deviceid));
  });
});

Deno.test("an entity chosen at import is locked: the entity rules do not move it back", async () => {
  await withPipeline(async ({ ctx, send }) => {
    await saveSetting(ctx.db, "approval", "manual");
    await createEntity(ctx.db, "Paris", 1, "PARIS");
    const m = machine({ tag: "" });
    await send(machineXml(m));
    await syncBatch(ctx);
    const device = await findDevice(ctx.db, m.deviceid);
    const paris = await ctx.db.selectFrom("entities").select("id").where("name", "=", "Paris")
      .executeTakeFirstOrThrow();
    const imported = await syncBatch(ctx, {
      deviceIds: [device!.id],
      approved: true,
      entityId: paris.id,
      actor: "alice",
    });
    assert.equal(imported.counts.imported, 1);
    const computer = await computerOf(ctx, m.deviceid);
    assert.equal(
      computer?.computer.entity,
      "Root entity > Paris",
      "the default root rule did not win",
    );
    assert.deepEqual(
      computer?.locks.map((l) => [l.field, l.locked_by]),
      [["entity_id", "alice"]],
    );
    // A new inventory and a forced full resync replay the entity rules: the choice stays.
    await send(machineXml(m));
    await syncBatch(ctx);
    await syncBatch(ctx, { deviceIds: [device!.id], force: true });
    assert.equal((await computerOf(ctx, m.deviceid))?.computer.entity, "Root entity > Paris");
  });
});

Deno.test("locked fields survive synchronisation; unlock re-imports them", async () => {
  await withPipeline(async ({ ctx, send }) => {
    const m = machine();
    await send(machineXml(m));
    await syncBatch(ctx);
    const before = (await computerOf(ctx, m.deviceid))!;
    await ctx.writes.run((db) =>
      editComputers(
        db,
        [before.computer.id],
        { name: "FRONT-DESK", comment: "hand" },
        "alice",
        ctx.now(),
      )
    );
    const edited = (await getComputer(ctx.db, before.computer.id))!;
    assert.deepEqual(edited.locks.map((l) => l.field).sort(), ["comment", "name"]);

    await send(machineXml({ ...m, name: "renamed-by-agent" }));
    await syncBatch(ctx);
    const after = (await getComputer(ctx.db, before.computer.id))!;
    assert.equal(after.computer.name, "FRONT-DESK", "the admin's value is kept");
    assert.equal(after.locks.find((l) => l.field === "name")?.inventory_value, "renamed-by-agent");
    const kept = await ctx.db.selectFrom("history").selectAll()
      .where("computer_id", "=", before.computer.id).where("kind", "=", "lock_kept").execute();
    assert.equal(kept.length, 1);
    assert.equal(kept[0]!.new_value, "renamed-by-agent");

    await ctx.writes.run(async (db) =>
      unlockFields(await openRun(db, ctx.raw, ctx.now(), "alice"), [before.computer.id], ["name"])
    );
    const unlocked = (await getComputer(ctx.db, before.computer.id))!;
    assert.equal(unlocked.computer.name, "renamed-by-agent", "unlock re-imports the field");
    assert.deepEqual(unlocked.locks.map((l) => l.field), ["comment"]);
    assert.equal(unlocked.computer.comment, "hand");
  });
});

Deno.test("upstream deletion trashes; purge frees; a trashed computer that reports again is restored", async () => {
  await withPipeline(async ({ ctx, send }) => {
    const gone = machine();
    const back = machine();
    await send(machineXml(gone));
    await send(machineXml(back));
    await syncBatch(ctx);
    const goneComputer = (await computerOf(ctx, gone.deviceid))!.computer;

    // Deleted upstream → trashed (the default behaviour), link removed.
    const device = await findDevice(ctx.db, gone.deviceid);
    await ctx.writes.run((db) => deleteDevice(db, device!.id, ctx.now()));
    await syncBatch(ctx);
    const trashed = (await getComputer(ctx.db, goneComputer.id))!;
    assert.equal(trashed.computer.is_deleted, 1);
    assert.equal(trashed.links.length, 0);

    // Purge frees it.
    assert.equal(await ctx.writes.run((db) => purgeComputers(db, [goneComputer.id], ctx.now())), 1);
    assert.equal(await getComputer(ctx.db, goneComputer.id), undefined);
    for (const table of ["components", "software_installs", "history", "network_ports"] as const) {
      const left = await ctx.db.selectFrom(table).select("computer_id")
        .where("computer_id", "=", goneComputer.id).execute();
      assert.equal(left.length, 0, `${table} purged`);
    }

    // A trashed computer whose machine reports again is restored, not duplicated.
    const backComputer = (await computerOf(ctx, back.deviceid))!.computer;
    await ctx.writes.run((db) =>
      trashComputers(db, [backComputer.id], ctx.now(), { source: "user", actor: "alice" })
    );
    await send(machineXml(back));
    await syncBatch(ctx);
    const restored = (await computerOf(ctx, back.deviceid))!;
    assert.equal(restored.computer.id, backComputer.id);
    assert.equal(restored.computer.is_deleted, 0);
    const count = await ctx.db.selectFrom("computers").select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 1);

    // Reinstalled after a purge of its computer: the new DEVICEID with the same serial and UUID
    // finds the trashed computer through the rules (trashed computers count as present).
    await ctx.writes.run((db) =>
      trashComputers(db, [backComputer.id], ctx.now(), { source: "user", actor: "alice" })
    );
    await send(machineXml({ ...back, deviceid: "flow-reinstalled-2026-09-01-00-00-00" }));
    await syncBatch(ctx);
    const relinked = (await computerOf(ctx, "flow-reinstalled-2026-09-01-00-00-00"))!;
    assert.equal(relinked.computer.id, backComputer.id);
    assert.equal(relinked.computer.is_deleted, 0);
  });
});
