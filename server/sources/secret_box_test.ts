import assert from "node:assert/strict";
import { open, seal, secretKey } from "./secret_box.ts";

Deno.test("secret box: sealed text opens with the data directory's key only; the key file is 0600", async () => {
  const dir = await Deno.makeTempDir({ prefix: "inventory-secret-" });
  const other = await Deno.makeTempDir({ prefix: "inventory-secret-" });
  try {
    const key = secretKey(dir);
    assert.deepEqual(secretKey(dir), key, "created once, then read");
    assert.equal((await Deno.stat(`${dir}/secret.key`)).mode! & 0o777, 0o600);
    const sealed = seal(key, "pa:ss@word");
    assert.ok(!sealed.includes("pa:ss@word"));
    assert.notEqual(seal(key, "pa:ss@word"), sealed, "a fresh IV each time");
    assert.equal(open(key, sealed), "pa:ss@word");
    assert.throws(() => open(secretKey(other), sealed), /cannot be decrypted/);
  } finally {
    await Deno.remove(dir, { recursive: true });
    await Deno.remove(other, { recursive: true });
  }
});
