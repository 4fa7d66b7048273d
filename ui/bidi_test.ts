import assert from "node:assert/strict";
import { stripBidiControls } from "./bidi.ts";

Deno.test("bidi controls are stripped; right-to-left letters are kept", () => {
  assert.equal(stripBidiControls("photo\u202egnp.exe"), "photognp.exe");
  assert.equal(
    stripBidiControls("\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069\u200e\u200f\u061cx"),
    "x",
  );
  assert.equal(stripBidiControls("שלום مرحبا"), "שלום مرحبا");
  const plain = "nothing to strip";
  assert.equal(stripBidiControls(plain), plain);
  assert.equal(stripBidiControls("a\u202eb"), "ab", "the same after a previous call");
});
