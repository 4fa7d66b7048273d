import assert from "node:assert/strict";
import { mayHoldForbiddenCharacters } from "./control_scan.ts";

/** What the scan must answer: a suspect byte anywhere (after a leading byte order mark). */
function suspect(bytes: Uint8Array): boolean {
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  return bytes.subarray(start).some((b) =>
    (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) || b === 0xef
  );
}

/** A deterministic pseudo-random generator: the same cases on every run. */
function generator(seed: number): () => number {
  let state = seed;
  return () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
}

const TEXT_BYTES = new TextEncoder().encode(" \t\n\rabc<>/0");

Deno.test("mayHoldForbiddenCharacters() agrees with a byte-by-byte check on varied input", () => {
  const random = generator(2026);
  for (let round = 0; round < 5000; round++) {
    const length = Math.floor(random() * 80);
    const bytes = new Uint8Array(length);
    for (let i = 0; i < length; i++) {
      // Mostly text and layout, sometimes any byte: every lane and the tail get exercised.
      const r = random();
      bytes[i] = r < 0.9
        ? TEXT_BYTES[Math.floor(random() * TEXT_BYTES.length)]!
        : Math.floor(random() * 256);
    }
    assert.equal(mayHoldForbiddenCharacters(bytes), suspect(bytes), `bytes ${bytes.join(",")}`);
  }
});

Deno.test("mayHoldForbiddenCharacters(): clean text, each forbidden control, U+FFFE/U+FFFF", () => {
  const encode = (text: string) => new TextEncoder().encode(text);
  assert.equal(mayHoldForbiddenCharacters(encode("<A>tab\tLF\nCR\r café €</A>")), false);
  for (let c = 0; c < 0x20; c++) {
    const bytes = encode(`<A>x${String.fromCharCode(c)}y</A>`);
    assert.equal(mayHoldForbiddenCharacters(bytes), c !== 9 && c !== 10 && c !== 13, `0x${c}`);
  }
  assert.equal(mayHoldForbiddenCharacters(encode("<A>\uFFFE</A>")), true);
  assert.equal(mayHoldForbiddenCharacters(encode("<A>\uFFFF</A>")), true);
  assert.equal(mayHoldForbiddenCharacters(encode("\uFEFF<A>a byte order mark</A>")), false);
  assert.equal(mayHoldForbiddenCharacters(new Uint8Array(0)), false);
});

Deno.test("mayHoldForbiddenCharacters() finds a control at any place of a large document", () => {
  const bytes = new Uint8Array(300_000).fill(0x61);
  assert.equal(mayHoldForbiddenCharacters(bytes), false);
  for (const at of [0, 15, 16, 65_535, 65_536, 299_999]) {
    bytes[at] = 0x01;
    assert.equal(mayHoldForbiddenCharacters(bytes), true, `at ${at}`);
    bytes[at] = 0x61;
  }
  // A shorter document after a longer one: only its own bytes count.
  assert.equal(mayHoldForbiddenCharacters(new Uint8Array([0x61, 0x62])), false);
});
