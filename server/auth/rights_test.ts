import assert from "node:assert/strict";
import { can, decide, type Principal, PROFILE_RIGHTS, type ProfileName, RIGHTS } from "./rights.ts";

function principal(profile: ProfileName, entityScope: Principal["entityScope"] = "all"): Principal {
  return {
    userId: 1,
    login: "someone",
    displayName: "Someone",
    profile,
    entityScope,
    mustChangePassword: false,
    via: "session",
  };
}

Deno.test("each profile holds exactly the rights of the table", () => {
  const expected: Record<ProfileName, string[]> = {
    admin: ["read", "edit", "trash", "purge", "rules", "tasks", "settings", "users"],
    technician: ["read", "edit", "trash"],
    readonly: ["read"],
  };
  for (const profile of Object.keys(expected) as ProfileName[]) {
    const held = RIGHTS.filter((right) => can(principal(profile), right));
    assert.deepEqual(held, expected[profile], profile);
    assert.deepEqual([...PROFILE_RIGHTS[profile]], expected[profile]);
  }
});

Deno.test("an entity-limited profile keeps its entity rights but loses the global ones", () => {
  const limited = principal("admin", [{ entityId: 2, recursive: true }]);
  assert.deepEqual(RIGHTS.filter((r) => can(limited, r)), ["read", "edit", "trash", "purge"]);
  const users = decide(limited, { right: "users" });
  assert.equal(users.allowed, false);
  assert.match(users.trace.at(-1)!, /global/);
});

Deno.test("a requirement on every entity refuses a limited profile, with the reason", () => {
  const limited = principal("technician", [{ entityId: 2, recursive: false }]);
  const decision = decide(limited, { right: "read", allEntities: true });
  assert.equal(decision.allowed, false);
  assert.equal(decision.refusedFor, "scope");
  assert.match(decision.trace.at(-1)!, /needs every entity/);
  assert.equal(decide(principal("readonly"), { right: "read", allEntities: true }).allowed, true);
  const refused = decide(principal("readonly"), { right: "edit" });
  assert.deepEqual(refused, {
    allowed: false,
    refusedFor: "right",
    trace: ["someone has profile readonly", 'profile readonly does not grant "edit"'],
  });
});
