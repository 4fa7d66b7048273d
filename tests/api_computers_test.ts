/**
 * `/api/v1/computers` and `/api/v1/software` over the real app, real tokens and computers made by
 * the real pipeline: list, search, filters, paging, detail, edit with locks, trash, restore,
 * purge, bulk — and entity scoping: a technician of Paris never sees Lyon's computers.
 */

import assert from "node:assert/strict";
import { createTestUser } from "./_helpers/auth.ts";
import { apiMachine, twoEntities, withApi } from "./_helpers/api.ts";

Deno.test("computers: list, search by MAC, filters, paging, detail, errors", async () => {
  await withApi(async ({ ctx, call, addMachines }) => {
    const { paris } = await twoEntities(ctx);
    const admin = await createTestUser(ctx, "admin", "admin");
    const machines = [
      apiMachine("PARIS"),
      apiMachine("PARIS"),
      apiMachine("LYON"),
      apiMachine("LYON", { software: [{ name: "Firefox ESR", version: "115.0" }] }),
    ];
    const ids = await addMachines(machines);
    assert.equal(ids.size, 4);

    const all = await call(admin.token, "GET", "/computers");
    assert.equal(all.status, 200);
    assert.deepEqual(Object.keys(all.body), ["total", "limit", "offset", "items"]);
    assert.equal(all.body.total, 4);
    assert.equal(all.body.limit, 100);

    const byMac = await call(admin.token, "GET", `/computers?search=${machines[2]!.macs![0]}`);
    assert.equal(byMac.body.total, 1);
    assert.equal(byMac.body.items[0].id, ids.get(machines[2]!.deviceid));

    const inParis = await call(admin.token, "GET", `/computers?entity=${paris}&sort=name`);
    assert.equal(inParis.body.total, 2);
    assert.ok(inParis.body.items.every((c: { entity: string }) => c.entity.endsWith("Paris")));

    const bySoftware = await call(admin.token, "GET", "/computers?search=software:firefox");
    assert.equal(bySoftware.body.total, 1);

    const paged = await call(admin.token, "GET", "/computers?limit=3&offset=3&order=desc");
    assert.equal(paged.body.total, 4);
    assert.equal(paged.body.items.length, 1);
    assert.equal(paged.body.offset, 3);

    const badLimit = await call(admin.token, "GET", "/computers?limit=abc");
    assert.equal(badLimit.status, 400);
    assert.deepEqual(Object.keys(badLimit.body), ["status", "message", "data"]);
    assert.equal(badLimit.body.data.field, "limit");
    const badSort = await call(admin.token, "GET", "/computers?sort=nope");
    assert.equal(badSort.status, 400);
    assert.equal(badSort.body.data.field, "sort");

    const id = ids.get(machines[0]!.deviceid)!;
    const one = await call(admin.token, "GET", `/computers/${id}`);
    assert.equal(one.status, 200);
    assert.equal(one.body.computer.id, id);
    assert.equal(one.body.computer.name, machines[0]!.name);
    assert.ok(one.body.components.length > 0, "components from the real inventory");
    assert.equal(one.body.ports[0].mac, machines[0]!.macs![0]);
    assert.equal(one.body.links[0].deviceid, machines[0]!.deviceid);
    assert.ok(Array.isArray(one.body.computer.import_trace), "the import trace, parsed");

    for (const path of ["/computers/999999", "/computers/abc"]) {
      const missing = await call(admin.token, "GET", path);
      assert.equal(missing.status, 404);
      assert.equal(missing.body.status, 404);
    }
    const huge = await call(admin.token, "POST", "/computers/bulk", "[" + "1,".repeat(5e6) + "1]");
    assert.equal(huge.status, 413);
    assert.equal(huge.body.status, 413);
    const nowhere = await call(admin.token, "GET", "/nowhere");
    assert.equal(nowhere.status, 404);
    assert.equal(nowhere.body.message, "No such API route");
  });
});

Deno.test("computers: edit locks the field, unlock re-imports, history records both", async () => {
  await withApi(async ({ ctx, call, addMachines }) => {
    const admin = await createTestUser(ctx, "admin", "admin");
    const machine = apiMachine("");
    const id = (await addMachines([machine])).get(machine.deviceid)!;
    const place = await call(admin.token, "POST", "/locations", { name: "HQ" });
    assert.equal(place.status, 201);

    const edited = await call(admin.token, "PATCH", `/computers/${id}`, {
      location_id: place.body.id,
      name: "renamed",
    });
    assert.equal(edited.status, 200, JSON.stringify(edited.body));
    assert.equal(edited.body.computer.name, "renamed");
    assert.equal(edited.body.computer.location_id, place.body.id);
    assert.deepEqual(edited.body.locks.map((l: { field: string }) => l.field).sort(), [
      "location_id",
      "name",
    ]);

    const badField = await call(admin.token, "PATCH", `/computers/${id}`, { colour: "red" });
    assert.equal(badField.status, 400);
    assert.equal(badField.body.data.field, "colour");
    const badType = await call(admin.token, "PATCH", `/computers/${id}`, { location_id: "HQ" });
    assert.equal(badType.status, 400);
    assert.equal(badType.body.data.field, "location_id");
    const badJson = await call(admin.token, "PATCH", `/computers/${id}`, "{not json");
    assert.equal(badJson.status, 400);
    assert.match(badJson.body.message, /not valid JSON/);
    const noLocation = await call(admin.token, "PATCH", `/computers/${id}`, { location_id: 999 });
    assert.equal(noLocation.status, 400);
    assert.equal(noLocation.body.data.field, "location_id");

    const unlocked = await call(admin.token, "POST", `/computers/${id}/unlock`, {
      fields: ["name"],
    });
    assert.equal(unlocked.status, 200);
    assert.equal(unlocked.body.changed, 1);
    assert.deepEqual(unlocked.body.locks.map((l: { field: string }) => l.field), ["location_id"]);
    const after = await call(admin.token, "GET", `/computers/${id}`);
    assert.equal(after.body.computer.name, machine.name, "unlocking re-imported the name");

    const badLock = await call(admin.token, "POST", `/computers/${id}/lock`, {
      fields: ["nope"],
    });
    assert.equal(badLock.status, 400);
    assert.equal(badLock.body.data.field, "fields[0]");
    const locked = await call(admin.token, "POST", `/computers/${id}/lock`, { fields: "all" });
    assert.equal(locked.status, 200);
    assert.ok(locked.body.locks.length > 2);

    const history = await call(admin.token, "GET", `/computers/${id}/history?limit=50`);
    const kinds = history.body.items.map((h: { kind: string }) => h.kind);
    assert.ok(kinds.includes("locked") && kinds.includes("unlocked"), kinds.join());
  });
});

Deno.test("computers: trash, restore, purge one; bulk trash and purge many", async () => {
  await withApi(async ({ ctx, call, addMachines }) => {
    const admin = await createTestUser(ctx, "admin", "admin");
    const tech = await createTestUser(ctx, "tech", "technician");
    const machines = Array.from({ length: 30 }, () => apiMachine(""));
    const ids = [...(await addMachines(machines)).values()];
    assert.equal(ids.length, 30);
    const [first, ...rest] = ids;

    const notTrashed = await call(admin.token, "DELETE", `/computers/${first}`);
    assert.equal(notTrashed.status, 409);
    assert.equal((await call(tech.token, "POST", `/computers/${first}/trash`)).body.changed, 1);
    const trash = await call(admin.token, "GET", "/computers?trashed=true");
    assert.deepEqual(trash.body.items.map((c: { id: number }) => c.id), [first]);
    assert.equal((await call(tech.token, "POST", `/computers/${first}/restore`)).body.changed, 1);
    await call(tech.token, "POST", `/computers/${first}/trash`);
    assert.equal((await call(admin.token, "DELETE", `/computers/${first}`)).status, 204);
    assert.equal((await call(admin.token, "GET", `/computers/${first}`)).status, 404);

    // A technician may trash in bulk but not purge.
    const trashed = await call(tech.token, "POST", "/computers/bulk", {
      action: "trash",
      ids: rest,
    });
    assert.equal(trashed.status, 200, JSON.stringify(trashed.body));
    assert.deepEqual(trashed.body, { action: "trash", requested: 29, changed: 29 });
    const refused = await call(tech.token, "POST", "/computers/bulk", {
      action: "purge",
      ids: rest,
    });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.data.right, "purge");

    const live = (await call(admin.token, "GET", "/computers")).body.total;
    assert.equal(live, 0);
    const purged = await call(admin.token, "POST", "/computers/bulk", {
      action: "purge",
      ids: rest,
    });
    assert.equal(purged.body.changed, 29);
    assert.equal(purged.body.skipped, 0);
    assert.equal((await call(admin.token, "GET", "/computers?trashed=true")).body.total, 0);

    const badAction = await call(admin.token, "POST", "/computers/bulk", { action: "x", ids: [1] });
    assert.equal(badAction.status, 400);
    assert.equal(badAction.body.data.field, "action");
    const badIds = await call(admin.token, "POST", "/computers/bulk", {
      action: "trash",
      ids: [1, "two"],
    });
    assert.equal(badIds.status, 400);
    assert.equal(badIds.body.data.field, "ids[1]");
    const gone = await call(admin.token, "POST", "/computers/bulk", {
      action: "trash",
      ids: [first],
    });
    assert.equal(gone.status, 404);
    assert.deepEqual(gone.body.data.missing, [first]);
  });
});

Deno.test("entity scoping: a technician of Paris never sees Lyon's computers", async () => {
  await withApi(async ({ ctx, call, addMachines }) => {
    const { paris, lyon } = await twoEntities(ctx);
    const admin = await createTestUser(ctx, "admin", "admin");
    const tech = await createTestUser(ctx, "tech-paris", "technician", [
      { entityId: paris, recursive: true },
    ]);
    const parisMachines = [apiMachine("PARIS"), apiMachine("PARIS")];
    const lyonMachines = [apiMachine("LYON"), apiMachine("LYON"), apiMachine("LYON")];
    const ids = await addMachines([...parisMachines, ...lyonMachines]);
    const parisIds = parisMachines.map((m) => ids.get(m.deviceid)!);
    const lyonIds = lyonMachines.map((m) => ids.get(m.deviceid)!);

    // Lists and counts.
    const list = await call(tech.token, "GET", "/computers");
    assert.equal(list.body.total, 2);
    assert.deepEqual(list.body.items.map((c: { id: number }) => c.id).sort(), parisIds.sort());
    assert.equal((await call(admin.token, "GET", "/computers")).body.total, 5);
    const search = await call(tech.token, "GET", `/computers?search=${lyonMachines[0]!.macs![0]}`);
    assert.equal(search.body.total, 0, "a Lyon MAC finds nothing");
    const lyonFilter = await call(tech.token, "GET", `/computers?entity=${lyon}`);
    assert.equal(lyonFilter.status, 400);
    assert.equal(lyonFilter.body.data.field, "entity");

    // One computer, its history, its actions: 404, exactly as for a computer that does not exist.
    for (
      const [method, path] of [
        ["GET", `/computers/${lyonIds[0]}`],
        ["GET", `/computers/${lyonIds[0]}/history`],
        ["POST", `/computers/${lyonIds[0]}/trash`],
      ] as const
    ) {
      const answer = await call(tech.token, method, path);
      assert.equal(answer.status, 404, `${method} ${path}`);
    }
    const patch = await call(tech.token, "PATCH", `/computers/${lyonIds[0]}`, { name: "x" });
    assert.equal(patch.status, 404);
    // Nor can a Paris computer be moved into Lyon.
    const move = await call(tech.token, "PATCH", `/computers/${parisIds[0]}`, {
      entity_id: lyon,
    });
    assert.equal(move.status, 400);
    assert.equal(move.body.data.field, "entity_id");

    // Bulk: one Lyon id refuses the whole request and nothing changes.
    const bulk = await call(tech.token, "POST", "/computers/bulk", {
      action: "trash",
      ids: [...parisIds, lyonIds[1]],
    });
    assert.equal(bulk.status, 404);
    assert.deepEqual(bulk.body.data.missing, [lyonIds[1]]);
    assert.equal((await call(admin.token, "GET", "/computers?trashed=true")).body.total, 0);

    // Software: counts and computer lists cover Paris only.
    const curl = await call(tech.token, "GET", "/software?search=curl");
    assert.equal(curl.status, 200);
    const entry = curl.body.items.find((s: { name: string }) => s.name === "curl");
    assert.equal(entry.computers, 2);
    const adminCurl = await call(admin.token, "GET", `/software/${entry.id}`);
    assert.equal(adminCurl.body.computers, 5);
    const detail = await call(tech.token, "GET", `/software/${entry.id}`);
    assert.equal(detail.body.computers, 2);
    const having = await call(tech.token, "GET", `/software/${entry.id}/computers`);
    assert.equal(having.body.total, 2);
    assert.deepEqual(having.body.items.map((c: { id: number }) => c.id).sort(), parisIds.sort());
    // The API's shapes over the registry's catalogue queries; `version` narrows to one.
    assert.deepEqual(Object.keys(entry).sort(), [
      "category",
      "computers",
      "id",
      "name",
      "publisher",
      "versions",
    ]);
    const [version] = detail.body.versions;
    assert.deepEqual(Object.keys(version).sort(), ["computers", "id", "version"]);
    assert.deepEqual(Object.keys(having.body.items[0]).sort(), [
      "arch",
      "entity",
      "id",
      "install_date",
      "name",
      "serial",
      "version",
      "version_id",
    ]);
    assert.equal(having.body.items[0].version_id, version.id);
    assert.equal(having.body.items[0].version, version.version);
    const oneVersion = await call(
      tech.token,
      "GET",
      `/software/${entry.id}/computers?version=${version.id}&limit=1`,
    );
    assert.equal(oneVersion.body.total, version.computers);
    assert.equal(oneVersion.body.items.length, 1);
    const otherVersion = await call(tech.token, "GET", `/software/${entry.id}/computers?version=1`);
    assert.equal(otherVersion.body.total, version.id === 1 ? version.computers : 0);
    assert.equal((await call(tech.token, "GET", "/software/999999/computers")).status, 404);

    // The entity tree shows Paris only; global resources are refused.
    const entities = await call(tech.token, "GET", "/entities");
    assert.deepEqual(entities.body.items.map((e: { id: number }) => e.id), [paris]);
    assert.equal((await call(tech.token, "GET", `/entities/${lyon}`)).status, 404);
    assert.equal((await call(tech.token, "GET", "/rules")).status, 403);
    assert.equal((await call(tech.token, "GET", "/tasks")).status, 403);
    assert.equal((await call(tech.token, "GET", "/devices/not-imported")).status, 403);

    // Inside its scope it acts normally.
    const own = await call(tech.token, "POST", "/computers/bulk", {
      action: "trash",
      ids: parisIds,
    });
    assert.equal(own.body.changed, 2);
  });
});
