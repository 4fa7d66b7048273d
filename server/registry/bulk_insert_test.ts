import assert from "node:assert/strict";
import type { SQLInputValue } from "node:sqlite";
import { withContext } from "../../tests/_helpers/context.ts";
import { bulkInserter } from "./bulk_insert.ts";

const COLUMNS = ["at", "computer_id", "kind", "field", "old_value", "new_value", "source", "actor"];

Deno.test("bulk inserts write every row, each value in its column, whatever the count", async () => {
  await withContext(async (ctx) => {
    const computer = await ctx.db.insertInto("computers")
      .values({ created_at: "2026-11-21", updated_at: "2026-11-21" }).returning("id")
      .executeTakeFirstOrThrow();
    const inserter = bulkInserter(ctx.db, ctx.raw, "history", COLUMNS, 16);
    let written = 0;
    // 0, 1, a power of two, the maximum, and counts that need every smaller chunk.
    for (const count of [0, 1, 8, 16, 31, 100]) {
      const values: SQLInputValue[] = [];
      for (let i = 0; i < count; i++) {
        values.push("2026-11-21", computer.id, "field", `f${count}-${i}`, `old ${i}`, `new ${i}`);
        values.push("user", `actor ${count}`);
      }
      inserter.insert(values);
      written += count;
      const rows = await ctx.db.selectFrom("history").selectAll()
        .where("actor", "=", `actor ${count}`).orderBy("id").execute();
      assert.deepEqual(
        rows.map((r) => [r.field, r.old_value, r.new_value, r.source, r.kind]),
        Array.from({ length: count }, (_, i) => [
          `f${count}-${i}`,
          `old ${i}`,
          `new ${i}`,
          "user",
          "field",
        ]),
      );
    }
    const total = await ctx.db.selectFrom("history").select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    assert.equal(Number(total.n), written);
  });
});

Deno.test("a value list that does not make whole rows is refused", async () => {
  await withContext((ctx) => {
    const inserter = bulkInserter(ctx.db, ctx.raw, "history", COLUMNS, 16);
    assert.throws(() => inserter.insert(["only", "three", "values"]), /do not make rows/);
    return Promise.resolve();
  });
});
