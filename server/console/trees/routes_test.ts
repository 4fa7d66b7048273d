import assert from "node:assert/strict";
import { createTestUser } from "../../../tests/_helpers/auth.ts";
import { signedIn, unescapeHtml } from "../../../tests/_helpers/console.ts";
import { addEntity, withContext } from "../../../tests/_helpers/context.ts";

Deno.test("trees in the console: readers see their entities without forms; writers change them", async () => {
  await withContext(async (ctx) => {
    await addEntity(ctx, 2, 1, "Paris");
    await addEntity(ctx, 3, 1, "Lyon");
    await addEntity(ctx, 4, 2, "Floor 1");
    const reader = signedIn(
      ctx,
      await createTestUser(ctx, "paula", "readonly", [{ entityId: 2, recursive: true }]),
    );
    const admin = signedIn(ctx, await createTestUser(ctx, "ada", "admin"));

    // An entity-limited reader: Paris and below, no form, Lyon not found.
    const list = await reader.page("/entities");
    assert.equal(list.status, 200);
    assert.ok(list.html.includes("Floor 1") && !list.html.includes("Lyon"), list.html);
    assert.ok(!list.html.includes('action="/entities"'));
    assert.equal((await reader.page("/entities/3")).status, 404);
    assert.equal((await reader.page("/entities/4")).status, 200);
    const refused = await reader.submit("/entities", { name: "Nice", parent: "2" });
    assert.equal(refused.status, 403);

    // The admin: a name taken among siblings is refused and nothing changes.
    const taken = await admin.submit("/entities", { name: "Paris", parent: "1", tag: "" });
    assert.equal(taken.status, 400);
    assert.ok(unescapeHtml(taken.html).includes('"Paris" already exists.'));
    // Moving Paris under its own floor (a forged form) is refused.
    const cycle = await admin.submit("/entities/2", { name: "Paris", parent: "4", tag: "" });
    assert.equal(cycle.status, 400);
    assert.ok(unescapeHtml(cycle.html).includes("cannot move under Root entity > Paris > Floor 1"));
    // Deleting a node that is not empty is refused, saying what it holds.
    const full = await admin.submit("/entities/2/delete", {});
    assert.equal(full.status, 400);
    assert.ok(full.html.includes("Not empty: 1 sub-level"), full.html);
    // Without the CSRF token nothing happens.
    const forged = await admin.post("/entities/3/delete", [], { csrf: false });
    await forged.body?.cancel();
    assert.equal(forged.status, 403);
    // Move Lyon under Paris and give it a TAG.
    const moved = await admin.submit("/entities/3", { name: "Lyon", parent: "2", tag: "LYON" });
    assert.equal(moved.status, 303);
    const lyon = await ctx.db.selectFrom("entities").select(["completename", "level", "tag"])
      .where("id", "=", 3).executeTakeFirstOrThrow();
    assert.deepEqual({ ...lyon }, {
      completename: "Root entity > Paris > Lyon",
      level: 3,
      tag: "LYON",
    });
  });
});
