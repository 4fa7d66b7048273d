import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { releaseBytes } from "./buffers.ts";

Deno.test("releaseBytes() frees a large buffer the view owns whole", () => {
  const bytes = new Uint8Array(256 * 1024).fill(7);
  releaseBytes(bytes);
  assert.equal(bytes.buffer.detached, true);
  assert.equal(bytes.byteLength, 0);
  releaseBytes(bytes); // twice is harmless
});

Deno.test("releaseBytes() leaves small buffers, views into larger ones and pooled Buffers", () => {
  const small = new Uint8Array(1024);
  releaseBytes(small);
  assert.equal(small.buffer.detached, false);

  const shared = new Uint8Array(512 * 1024);
  const view = shared.subarray(0, 256 * 1024);
  releaseBytes(view);
  assert.equal(shared.buffer.detached, false, "the rest of the buffer may be in use");

  const pooled = Buffer.from("a short string lands in Node's shared pool");
  releaseBytes(pooled);
  assert.equal(pooled.buffer.detached, false);
  assert.equal(pooled.toString(), "a short string lands in Node's shared pool");
});
