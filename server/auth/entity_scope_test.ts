import assert from "node:assert/strict";
import { addEntity, withContext } from "../../tests/_helpers/context.ts";
import { entityIdsVisibleTo, entityNames, listEntityChoices } from "./entity_scope.ts";
import type { EntityScope } from "./rights.ts";

// Root (1) ─┬─ Europe (2) ── Paris (3) ── Office (4)
//           └─ Asia (5)
async function withTree(fn: (visible: (scope: EntityScope) => Promise<unknown>) => Promise<void>) {
  await withContext(async (ctx) => {
    await addEntity(ctx, 2, 1, "Europe");
    await addEntity(ctx, 3, 2, "Paris");
    await addEntity(ctx, 4, 3, "Office");
    await addEntity(ctx, 5, 1, "Asia");
    await fn((entityScope) => entityIdsVisibleTo(ctx.db, { entityScope }));
  });
}

Deno.test("a recursive assignment covers the entity's whole subtree, and only it", async () => {
  await withTree(async (visible) => {
    assert.deepEqual(await visible([{ entityId: 2, recursive: true }]), [2, 3, 4]);
    assert.deepEqual(await visible([{ entityId: 1, recursive: true }]), [1, 2, 3, 4, 5]);
    assert.deepEqual(await visible([{ entityId: 4, recursive: true }]), [4]);
  });
});

Deno.test("a non-recursive assignment covers its entity only", async () => {
  await withTree(async (visible) => {
    assert.deepEqual(await visible([{ entityId: 2, recursive: false }]), [2]);
  });
});

Deno.test("several assignments add up; overlaps count once", async () => {
  await withTree(async (visible) => {
    assert.deepEqual(
      await visible([{ entityId: 3, recursive: true }, { entityId: 5, recursive: false }]),
      [3, 4, 5],
    );
    assert.deepEqual(
      await visible([{ entityId: 2, recursive: false }, { entityId: 2, recursive: true }]),
      [2, 3, 4],
    );
  });
});

Deno.test("every entity is 'all'; nothing or a missing entity covers nothing", async () => {
  await withTree(async (visible) => {
    assert.equal(await visible("all"), "all");
    assert.deepEqual(await visible([]), []);
    assert.deepEqual(await visible([{ entityId: 99, recursive: true }]), []);
  });
});

Deno.test("pickers list entities by complete name", async () => {
  await withContext(async (ctx) => {
    await addEntity(ctx, 2, 1, "Europe");
    assert.deepEqual(await listEntityChoices(ctx.db), [
      { id: 1, completename: "Root entity" },
      { id: 2, completename: "Root entity > Europe" },
    ]);
    assert.deepEqual(await entityNames(ctx.db, [2, 7]), new Map([[2, "Root entity > Europe"]]));
  });
});
