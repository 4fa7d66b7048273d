import assert from "node:assert/strict";
import { safeNext } from "./safe_next.ts";

Deno.test("next: local paths are kept, normalised", () => {
  assert.equal(safeNext("/tokens"), "/tokens");
  assert.equal(safeNext("/computers?search=a b#top"), "/computers?search=a%20b#top");
  assert.equal(safeNext("/a/../tokens"), "/tokens");
  assert.equal(safeNext("/%2509/evil.example"), "/%2509/evil.example");
});

Deno.test("next: anything that could leave the site, or break the header, falls back to /", () => {
  for (
    const next of [
      null,
      undefined,
      "",
      "tokens",
      "//evil.example/x",
      "/\\evil.example",
      "/\t/evil.example/x",
      "/\n/evil.example",
      "/\r\nset-cookie: x=1",
      "/x\x00",
      "/x\x7f",
      "/x\x85",
      "https://evil.example/",
      "javascript:alert(1)",
      " /tokens",
    ]
  ) {
    assert.equal(safeNext(next), "/", JSON.stringify(next));
  }
});
