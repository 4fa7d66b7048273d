import assert from "node:assert/strict";
import { addEntity, withContext } from "../../tests/_helpers/context.ts";
import { editChoices, parseTrace } from "./computer_detail.ts";
import { ensureLocation } from "./tree.ts";

Deno.test("edit choices: the scope's entities, their locations and those above", async () => {
  await withContext(async (ctx) => {
    await addEntity(ctx, 2, 1, "Europe");
    await addEntity(ctx, 3, 2, "Paris");
    await addEntity(ctx, 4, 1, "Asia");
    await ensureLocation(ctx.db, "Everywhere", 1);
    await ensureLocation(ctx.db, "Europe HQ", 2);
    await ensureLocation(ctx.db, "Paris office", 3);
    await ensureLocation(ctx.db, "Tokyo office", 4);
    const states = (await ctx.db.selectFrom("states").select("name").orderBy("name").execute())
      .map((s) => s.name);
    const scoped = await editChoices(ctx.db, [3]);
    assert.deepEqual(scoped.entities.map((e) => e.label), ["Root entity > Europe > Paris"]);
    assert.deepEqual(scoped.locations.map((l) => l.label), [
      "Europe HQ",
      "Everywhere",
      "Paris office",
    ]);
    assert.deepEqual(scoped.states.map((s) => s.label), states, "every status");
    const all = await editChoices(ctx.db, "all");
    assert.equal(all.entities.length, 4);
    assert.equal(all.locations.length, 4);
  });
});

Deno.test("a stored trace is read back; a broken one is none", () => {
  assert.equal(parseTrace(null), null);
  assert.equal(parseTrace("{not json"), null);
  assert.equal(parseTrace('{"collection":"import"}'), null);
  assert.deepEqual(parseTrace("[]"), []);
});
