import assert from "node:assert/strict";
import {
  checkPasswordPolicy,
  CURRENT_PARAMS,
  generatePassword,
  hashPassword,
  needsRehash,
  PasswordPolicyError,
  verifyPassword,
} from "./password.ts";

Deno.test("a hash verifies its password only, and carries its parameters", async () => {
  const stored = await hashPassword("correct horse battery");
  assert.match(stored, /^scrypt\$N=16384,r=8,p=1\$[\w-]{22}\$[\w-]{43}$/);
  assert.equal(await verifyPassword("correct horse battery", stored), true);
  assert.equal(await verifyPassword("correct horse batterY", stored), false);
  assert.equal(await verifyPassword("", stored), false);
  // Fresh salt each time.
  assert.notEqual(await hashPassword("correct horse battery"), stored);
});

Deno.test("the parameters are memory-hard: at least 16 MiB per hash", () => {
  assert.ok(128 * CURRENT_PARAMS.N * CURRENT_PARAMS.r >= 16 * 1024 * 1024);
});

Deno.test("old, weaker hashes still verify and ask to be re-hashed", async () => {
  const weak = await hashPassword("an older password", { N: 1024, r: 8, p: 1 });
  assert.equal(await verifyPassword("an older password", weak), true);
  assert.equal(needsRehash(weak), true);
  assert.equal(needsRehash(await hashPassword("a current password")), false);
});

Deno.test("unreadable or tampered hashes never verify", async () => {
  const stored = await hashPassword("some password");
  for (
    const bad of [
      "",
      "plain text",
      stored.replace("N=16384", "N=16383"), // not a power of two
      stored.replace("N=16384", "N=1073741824"), // would take minutes
      stored.replace("r=8", "r=0"),
      stored.replace(/\$[\w-]+$/, "$short"),
    ]
  ) {
    assert.equal(await verifyPassword("some password", bad), false, bad);
    assert.equal(needsRehash(bad), true);
  }
});

Deno.test("the policy refuses short passwords and ones containing the login", () => {
  assert.throws(() => checkPasswordPolicy("short"), PasswordPolicyError);
  assert.throws(() => checkPasswordPolicy("alice-is-great", "Alice"), /must not contain the login/);
  checkPasswordPolicy("a long enough one", "alice");
  const generated = generatePassword();
  assert.equal(generated.length, 20);
  checkPasswordPolicy(generated, "admin");
});
