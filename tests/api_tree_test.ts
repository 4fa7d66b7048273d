/**
 * `/api/v1/entities` and `/api/v1/locations` over the real app: create, rename and move (the
 * subtree's complete names follow), refusals naming the field, delete only when empty, and the
 * scoped read of an entity-limited technician.
 */

import assert from "node:assert/strict";
import { createTestUser } from "./_helpers/auth.ts";
import { apiMachine, withApi } from "./_helpers/api.ts";

Deno.test("entities: create, rename and move a subtree, delete when empty, scoped read", async () => {
  await withApi(async ({ ctx, call, addMachines }) => {
    const admin = await createTestUser(ctx, "admin", "admin");
    const europe = await call(admin.token, "POST", "/entities", { name: "Europe", tag: "EU" });
    assert.equal(europe.status, 201, JSON.stringify(europe.body));
    assert.equal(europe.body.completename, "Root entity > Europe");
    assert.equal(europe.body.tag, "EU");
    const paris = await call(admin.token, "POST", "/entities", {
      name: "Paris",
      parent_id: europe.body.id,
    });
    assert.equal(paris.body.completename, "Root entity > Europe > Paris");
    assert.equal(paris.body.level, 3);

    const duplicate = await call(admin.token, "POST", "/entities", { name: "Europe" });
    assert.equal(duplicate.status, 409);
    const badName = await call(admin.token, "POST", "/entities", { name: "A > B" });
    assert.equal(badName.status, 400);
    assert.equal(badName.body.data.field, "name");
    const noParent = await call(admin.token, "POST", "/entities", { name: "X", parent_id: 999 });
    assert.equal(noParent.status, 400);
    assert.equal(noParent.body.data.field, "parent_id");

    const renamed = await call(admin.token, "PATCH", `/entities/${europe.body.id}`, {
      name: "EU",
    });
    assert.equal(renamed.status, 200, JSON.stringify(renamed.body));
    assert.equal(renamed.body.completename, "Root entity > EU");
    const child = await call(admin.token, "GET", `/entities/${paris.body.id}`);
    assert.equal(child.body.completename, "Root entity > EU > Paris", "the subtree follows");

    const cycle = await call(admin.token, "PATCH", `/entities/${europe.body.id}`, {
      parent_id: paris.body.id,
    });
    assert.equal(cycle.status, 400);
    assert.equal(cycle.body.data.field, "parent_id");
    assert.equal((await call(admin.token, "PATCH", "/entities/1", { parent_id: 2 })).status, 409);
    assert.equal((await call(admin.token, "DELETE", "/entities/1")).status, 409);

    // A technician of EU sees EU and Paris, nothing else, and cannot change the tree.
    const tech = await createTestUser(ctx, "tech-eu", "technician", [
      { entityId: europe.body.id, recursive: true },
    ]);
    const seen = await call(tech.token, "GET", "/entities");
    assert.deepEqual(seen.body.items.map((e: { id: number }) => e.id), [
      europe.body.id,
      paris.body.id,
    ]);
    assert.equal((await call(tech.token, "GET", "/entities/1")).status, 404);
    assert.equal((await call(tech.token, "POST", "/entities", { name: "Mine" })).status, 403);

    // Move Paris to the root; EU is then empty of entities but holds a user assignment.
    const moved = await call(admin.token, "PATCH", `/entities/${paris.body.id}`, { parent_id: 1 });
    assert.equal(moved.body.completename, "Root entity > Paris");
    assert.equal(moved.body.level, 2);
    const assigned = await call(admin.token, "DELETE", `/entities/${europe.body.id}`);
    assert.equal(assigned.status, 409);
    assert.deepEqual(assigned.body.data.uses, { user_assignments: 1 });

    // An entity holding a computer is not deleted either.
    await call(admin.token, "PATCH", `/entities/${paris.body.id}`, { tag: "PARIS" });
    const machine = apiMachine("PARIS");
    const id = (await addMachines([machine])).get(machine.deviceid)!;
    await call(admin.token, "PATCH", `/computers/${id}`, { entity_id: paris.body.id });
    const busy = await call(admin.token, "DELETE", `/entities/${paris.body.id}`);
    assert.equal(busy.status, 409);
    assert.equal(busy.body.data.uses.computers, 1);

    const empty = await call(admin.token, "POST", "/entities", { name: "Empty" });
    assert.equal((await call(admin.token, "DELETE", `/entities/${empty.body.id}`)).status, 204);
    assert.equal((await call(admin.token, "GET", `/entities/${empty.body.id}`)).status, 404);
  });
});

Deno.test("locations: create, rename with the subtree, delete when empty, scoped read", async () => {
  await withApi(async ({ ctx, call }) => {
    const admin = await createTestUser(ctx, "admin", "admin");
    const paris = await call(admin.token, "POST", "/entities", { name: "Paris" });
    const lyon = await call(admin.token, "POST", "/entities", { name: "Lyon" });
    const hq = await call(admin.token, "POST", "/locations", {
      name: "HQ",
      entity_id: paris.body.id,
    });
    assert.equal(hq.status, 201, JSON.stringify(hq.body));
    assert.equal(hq.body.completename, "HQ");
    const floor = await call(admin.token, "POST", "/locations", {
      name: "Floor 2",
      parent_id: hq.body.id,
      entity_id: paris.body.id,
    });
    assert.equal(floor.body.completename, "HQ > Floor 2");
    await call(admin.token, "POST", "/locations", { name: "Depot", entity_id: lyon.body.id });
    const badEntity = await call(admin.token, "POST", "/locations", {
      name: "X",
      entity_id: 999,
    });
    assert.equal(badEntity.status, 400);
    assert.equal(badEntity.body.data.field, "entity_id");

    const renamed = await call(admin.token, "PATCH", `/locations/${hq.body.id}`, {
      name: "Head office",
    });
    assert.equal(renamed.body.completename, "Head office");
    assert.equal(
      (await call(admin.token, "GET", `/locations/${floor.body.id}`)).body.completename,
      "Head office > Floor 2",
    );
    const topLevel = await call(admin.token, "PATCH", `/locations/${floor.body.id}`, {
      parent_id: null,
    });
    assert.equal(topLevel.body.completename, "Floor 2");
    assert.equal(topLevel.body.level, 1);

    const tech = await createTestUser(ctx, "tech-paris", "technician", [
      { entityId: paris.body.id, recursive: true },
    ]);
    const seen = await call(tech.token, "GET", "/locations");
    assert.deepEqual(seen.body.items.map((l: { completename: string }) => l.completename), [
      "Floor 2",
      "Head office",
    ]);
    const all = await call(admin.token, "GET", "/locations");
    assert.equal(all.body.total, 3);

    await call(admin.token, "PATCH", `/locations/${floor.body.id}`, { parent_id: hq.body.id });
    assert.equal((await call(admin.token, "DELETE", `/locations/${hq.body.id}`)).status, 409);
    assert.equal((await call(admin.token, "DELETE", `/locations/${floor.body.id}`)).status, 204);
    assert.equal((await call(admin.token, "DELETE", `/locations/${hq.body.id}`)).status, 204);
  });
});
