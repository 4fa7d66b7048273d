/**
 * Scope checks: a computer outside the scope reads exactly as a missing one, for one id and for
 * many (every spelling of "every entity" alike, an empty scope covering nothing).
 *
 * @module
 */

import assert from "node:assert/strict";
import type { ServerContext } from "../context.ts";
import { addEntity, withContext } from "../../tests/_helpers/context.ts";
import { computerInScope, partitionByScope } from "./computer_scope.ts";

/** A computer of `entity`; its id. */
async function addComputer(ctx: ServerContext, name: string, entity: number, deleted = 0) {
  const at = ctx.now().toISOString();
  const row = await ctx.db.insertInto("computers")
    .values({ name, entity_id: entity, is_deleted: deleted, created_at: at, updated_at: at })
    .returning("id").executeTakeFirstOrThrow();
  return row.id;
}

Deno.test("a computer outside the visible entities reads as missing", async () => {
  await withContext(async (ctx) => {
    await addEntity(ctx, 2, 1, "Paris");
    await addEntity(ctx, 3, 1, "Lyon");
    const id = await addComputer(ctx, "lyon-pc", 3);
    const trashed = await addComputer(ctx, "lyon-old", 3, 1);
    assert.deepEqual(await computerInScope(ctx.db, id, "all"), {
      id,
      entityId: 3,
      isDeleted: false,
    });
    assert.deepEqual(
      await computerInScope(ctx.db, id, undefined),
      await computerInScope(
        ctx.db,
        id,
        "all",
      ),
    );
    assert.equal((await computerInScope(ctx.db, trashed, [3]))?.isDeleted, true);
    assert.ok(await computerInScope(ctx.db, id, [3]));
    assert.equal(await computerInScope(ctx.db, id, [2]), undefined);
    assert.equal(await computerInScope(ctx.db, id, []), undefined);
    assert.equal(await computerInScope(ctx.db, trashed + 1, "all"), undefined);
  });
});

Deno.test("partitionByScope: within and outside in the order given, over many chunks", async () => {
  await withContext(async (ctx) => {
    await addEntity(ctx, 2, 1, "Paris");
    await addEntity(ctx, 3, 1, "Lyon");
    const paris: number[] = [];
    const lyon: number[] = [];
    for (let i = 0; i < 600; i++) {
      (i % 3 ? paris : lyon).push(await addComputer(ctx, `pc-${i}`, i % 3 ? 2 : 3));
    }
    const missing = 99_999;
    const asked = [missing, ...lyon.slice(0, 3), ...[...paris].reverse()];
    const split = await partitionByScope(ctx.db, asked, [2]);
    assert.deepEqual(split.within, [...paris].reverse());
    assert.deepEqual(split.outside, [missing, ...lyon.slice(0, 3)]);
    for (const every of ["all", undefined] as const) {
      const all = await partitionByScope(ctx.db, asked, every);
      assert.deepEqual(all.outside, [missing]);
      assert.equal(all.within.length, asked.length - 1);
    }
    assert.deepEqual(await partitionByScope(ctx.db, lyon.slice(0, 2), []), {
      within: [],
      outside: lyon.slice(0, 2),
    });
    assert.deepEqual(await partitionByScope(ctx.db, [], [2]), { within: [], outside: [] });
  });
});
