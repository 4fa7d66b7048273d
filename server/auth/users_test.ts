import assert from "node:assert/strict";
import { addEntity, withContext } from "../../tests/_helpers/context.ts";
import type { ServerContext } from "../context.ts";
import type { EntityScope, ProfileName } from "./rights.ts";
import {
  assignProfile,
  createUser,
  deleteUser,
  listUsers,
  loadPrincipal,
  setDisabled,
  UserError,
} from "./users.ts";

function add(ctx: ServerContext, login: string, profile: ProfileName, scope: EntityScope = "all") {
  return createUser(ctx.db, {
    login,
    passwordHash: null,
    mustChangePassword: false,
    profile,
    entityScope: scope,
  }, ctx.now());
}

Deno.test("logins are lower-cased, checked and unique", async () => {
  await withContext(async (ctx) => {
    const id = await add(ctx, "  Alice ", "readonly");
    const [alice] = await listUsers(ctx.db);
    assert.equal(alice?.id, id);
    assert.equal(alice?.login, "alice");
    await assert.rejects(() => add(ctx, "ALICE", "admin"), /already exists/);
    await assert.rejects(() => add(ctx, "bad login", "admin"), (e) => {
      return e instanceof UserError && e.code === "invalid-login";
    });
    await assert.rejects(() => add(ctx, "", "admin"), UserError);
  });
});

Deno.test("a principal carries the profile and the entities; disabled users have none", async () => {
  await withContext(async (ctx) => {
    await addEntity(ctx, 2, 1, "Europe");
    await addEntity(ctx, 3, 1, "Asia");
    const tech = await add(ctx, "tech", "technician", [
      { entityId: 2, recursive: true },
      { entityId: 3, recursive: false },
    ]);
    const principal = await loadPrincipal(ctx.db, tech, "token");
    assert.deepEqual(principal, {
      userId: tech,
      login: "tech",
      displayName: "tech",
      profile: "technician",
      entityScope: [{ entityId: 2, recursive: true }, { entityId: 3, recursive: false }],
      mustChangePassword: false,
      via: "token",
      preferences: { locale: null, timeZone: null, csvSeparator: null },
    });
    await add(ctx, "admin", "admin");
    await setDisabled(ctx.db, tech, true);
    assert.equal(await loadPrincipal(ctx.db, tech, "session"), null);
    await setDisabled(ctx.db, tech, false);
    assert.ok(await loadPrincipal(ctx.db, tech, "session"));
  });
});

Deno.test("assigning replaces the profile and entities; unknown entities are refused", async () => {
  await withContext(async (ctx) => {
    await addEntity(ctx, 2, 1, "Europe");
    await add(ctx, "admin", "admin");
    const id = await add(ctx, "bob", "readonly");
    await assignProfile(ctx.db, id, "technician", [{ entityId: 2, recursive: false }]);
    let bob = (await listUsers(ctx.db)).find((u) => u.login === "bob");
    assert.equal(bob?.profile, "technician");
    assert.deepEqual(bob?.entityScope, [{ entityId: 2, recursive: false }]);
    await assert.rejects(
      () => assignProfile(ctx.db, id, "admin", [{ entityId: 42, recursive: true }]),
      /No entity 42/,
    );
    await assert.rejects(() => assignProfile(ctx.db, id, "admin", []), /at least one entity/);
    await assignProfile(ctx.db, id, "readonly", "all");
    bob = (await listUsers(ctx.db)).find((u) => u.login === "bob");
    assert.equal(bob?.entityScope, "all");
  });
});

Deno.test("the last enabled admin over every entity cannot be disabled, deleted or demoted", async () => {
  await withContext(async (ctx) => {
    await addEntity(ctx, 2, 1, "Europe");
    const root = await add(ctx, "root", "admin");
    const limited = await add(ctx, "limited", "admin", [{ entityId: 2, recursive: true }]);
    for (
      const attempt of [
        () => setDisabled(ctx.db, root, true),
        () => deleteUser(ctx.db, root),
        () => assignProfile(ctx.db, root, "technician", "all"),
        () => assignProfile(ctx.db, root, "admin", [{ entityId: 2, recursive: true }]),
      ]
    ) {
      await assert.rejects(attempt, (e) => e instanceof UserError && e.code === "last-admin");
    }
    await deleteUser(ctx.db, limited);
    // With a second one, the first may go.
    const other = await add(ctx, "other", "admin");
    await deleteUser(ctx.db, root);
    assert.deepEqual((await listUsers(ctx.db)).map((u) => u.id), [other]);
  });
});
