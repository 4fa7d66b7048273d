import assert from "node:assert/strict";
import { isStorageFull } from "./storage_full.ts";

Deno.test("storage full: SQLITE_FULL, ENOSPC and EDQUOT, also as a cause; nothing else", () => {
  const sqlite = (errcode: number) => Object.assign(new Error("x"), { errcode });
  assert.equal(isStorageFull(sqlite(13)), true);
  assert.equal(isStorageFull(sqlite(13 | (1 << 8))), true, "an extended code of SQLITE_FULL");
  assert.equal(isStorageFull(Object.assign(new Error("x"), { code: "ENOSPC" })), true);
  assert.equal(isStorageFull(new Error("No space left on device (os error 28)")), true);
  assert.equal(isStorageFull(new Error("wrapped", { cause: sqlite(13) })), true);
  assert.equal(isStorageFull(sqlite(11)), false, "SQLITE_CORRUPT");
  assert.equal(isStorageFull(sqlite(778)), false, "SQLITE_IOERR_WRITE");
  assert.equal(isStorageFull(new Error("database is locked")), false);
  assert.equal(isStorageFull("full"), false);
});
