import assert from "node:assert/strict";
import { withContext } from "../../../tests/_helpers/context.ts";
import { ApiFailure } from "./http.ts";
import { checkName, createNode, deleteNode, renameOrMove, usesOf } from "./tree_edit.ts";

async function failure(promise: Promise<unknown>): Promise<ApiFailure> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ApiFailure, String(error));
    return error;
  }
  throw new Error("expected a refusal");
}

Deno.test("a move rewrites the complete names and levels of the whole subtree", async () => {
  await withContext(async (ctx) => {
    const db = ctx.db;
    const a = await createNode(db, "locations", { name: "A", parentId: null });
    const b = await createNode(db, "locations", { name: "B", parentId: a });
    const c = await createNode(db, "locations", { name: "C", parentId: b });
    const d = await createNode(db, "locations", { name: "D", parentId: null });
    await renameOrMove(db, "locations", b, { parentId: d, name: "Bee" });
    const rows = await db.selectFrom("locations").select(["id", "completename", "level"])
      .orderBy("id").execute();
    assert.deepEqual(rows.map((r) => [r.completename, r.level]), [
      ["A", 1],
      ["D > Bee", 2],
      ["D > Bee > C", 3],
      ["D", 1],
    ]);
    assert.equal((await failure(renameOrMove(db, "locations", d, { parentId: c }))).status, 400);
    assert.equal(
      (await failure(renameOrMove(db, "locations", a, { name: "D" }))).status,
      409,
      "a complete name is unique",
    );
    assert.deepEqual(await usesOf(db, "locations", d), { children: 1 });
    assert.equal((await failure(deleteNode(db, "locations", d))).status, 409);
    await deleteNode(db, "locations", a);
    assert.equal((await failure(deleteNode(db, "locations", a))).status, 404);
  });
});

Deno.test("entities hang under the root, which neither moves nor goes", async () => {
  await withContext(async (ctx) => {
    const db = ctx.db;
    const id = await createNode(db, "entities", { name: "Paris", parentId: null, tag: "P" });
    const row = await db.selectFrom("entities").selectAll().where("id", "=", id)
      .executeTakeFirstOrThrow();
    assert.equal(row.completename, "Root entity > Paris");
    assert.equal(row.tag, "P");
    assert.equal((await failure(renameOrMove(db, "entities", 1, { parentId: id }))).status, 409);
    assert.equal((await failure(renameOrMove(db, "entities", id, { parentId: null }))).status, 400);
    assert.equal((await failure(deleteNode(db, "entities", 1))).status, 409);
    await renameOrMove(db, "entities", 1, { name: "Company" });
    const renamed = await db.selectFrom("entities").select("completename").where("id", "=", id)
      .executeTakeFirstOrThrow();
    assert.equal(renamed.completename, "Company > Paris");
  });
});

Deno.test("names are trimmed and may not contain the level separator", () => {
  assert.equal(checkName("  Floor 2 "), "Floor 2");
  assert.throws(() => checkName("A > B"), /separates levels/);
  assert.throws(() => checkName(""), /name is required/);
  assert.throws(() => checkName(3), /name is required/);
});
