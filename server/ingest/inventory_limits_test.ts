import assert from "node:assert/strict";
import { DEFAULT_DECODE_LIMITS, encodeBody, OcsProtocolError } from "../../protocol/mod.ts";
import type { InventoryLimits } from "./inventory_limits.ts";
import { prepareBody } from "./prepare.ts";

const DEVICE = "pc-2026-12-08-00-00-00";
const limits: InventoryLimits = {
  maxFieldBytes: 100,
  maxSectionEntries: 3,
  maxInventoryBytes: 2000,
  maxInflateRatio: 64,
};

function prepare(content: string, stored?: Map<string, string>) {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<REQUEST><CONTENT>${content}</CONTENT>` +
    `<DEVICEID>${DEVICE}</DEVICEID><QUERY>INVENTORY</QUERY></REQUEST>`;
  return prepareBody(
    new TextEncoder().encode(xml),
    { ...DEFAULT_DECODE_LIMITS, inventory: limits },
    stored ? (id) => (id === DEVICE ? stored : undefined) : undefined,
  );
}

function refusal(content: string): OcsProtocolError {
  try {
    prepare(content);
  } catch (error) {
    assert.ok(error instanceof OcsProtocolError, String(error));
    return error;
  }
  assert.fail("accepted");
}

const software = (name: string) => `<SOFTWARES><NAME>${name}</NAME></SOFTWARES>`;

Deno.test("inventory limits: within them, an inventory is prepared", () => {
  const { message } = prepare(
    `<HARDWARE><NAME>${"n".repeat(100)}</NAME></HARDWARE>` +
      software("a").repeat(3),
  );
  assert.equal(message.query, "INVENTORY");
});

Deno.test("inventory limits: a long field value or name is refused with 413 and where it is", () => {
  const value = refusal(`<HARDWARE><NAME>${"n".repeat(101)}</NAME></HARDWARE>`);
  assert.equal(value.status, 413);
  assert.match(value.message, /HARDWARE\/NAME holds 101 bytes, over the field limit of 100/);
  // Counted in UTF-8 bytes: 34 three-byte characters are 102 bytes.
  assert.equal(refusal(`<HARDWARE><NAME>${"€".repeat(34)}</NAME></HARDWARE>`).status, 413);
  const name = "F".repeat(101);
  assert.match(refusal(`<HARDWARE><${name}>x</${name}></HARDWARE>`).message, /field name/);
});

Deno.test("inventory limits: too many entries in a section, or too many bytes in all, are refused", () => {
  assert.match(
    refusal(software("a").repeat(4)).message,
    /SOFTWARES has 4 entries, over the limit of 3/,
  );
  // Three sections of three 90-byte names each: fields and counts pass, the total does not.
  const names = ["SOFTWARES", "PRINTERS", "VIDEOS"];
  const content = names.map((s) => `<${s}><NAME>${"x".repeat(90)}</NAME></${s}>`.repeat(3))
    .join("").repeat(3);
  assert.match(refusal(content).message, /entries|as stored, over the limit of 2000/);
});

Deno.test("inventory limits: a re-inventory with unchanged sections is held to the stored size too", () => {
  const first = prepare(`<HARDWARE><NAME>a</NAME></HARDWARE>` + software("s".repeat(90)).repeat(3));
  assert.equal(first.message.query, "INVENTORY");
  const stored = new Map(
    first.message.query === "INVENTORY"
      ? first.message.sections.map((s) => [s.name, s.rawHash!] as [string, string])
      : [],
  );
  const tight = { ...limits, maxInventoryBytes: 150 };
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<REQUEST><CONTENT><HARDWARE><NAME>b</NAME>` +
    `</HARDWARE>${software("s".repeat(90)).repeat(3)}</CONTENT><DEVICEID>${DEVICE}</DEVICEID>` +
    `<QUERY>INVENTORY</QUERY></REQUEST>`;
  assert.throws(
    () =>
      prepareBody(
        new TextEncoder().encode(xml),
        { ...DEFAULT_DECODE_LIMITS, inventory: tight },
        () => stored,
      ),
    (error: unknown) => error instanceof OcsProtocolError && error.status === 413,
  );
});

Deno.test("inventory limits: a body inflating more than the ratio (past 1 MiB) is refused", () => {
  const xml = (name: string) =>
    `<?xml version="1.0" encoding="UTF-8"?>\n<REQUEST><CONTENT><HARDWARE><NAME>${name}</NAME>` +
    `</HARDWARE></CONTENT><DEVICEID>${DEVICE}</DEVICEID><QUERY>INVENTORY</QUERY></REQUEST>`;
  const generous = {
    ...DEFAULT_DECODE_LIMITS,
    inventory: { ...limits, maxFieldBytes: 1 << 24, maxInventoryBytes: 1 << 24 },
  };
  // 2 MiB of one letter: ~2 KB of zlib, a ratio near 1,000.
  const bomb = encodeBody(xml("n".repeat(2 * 1024 * 1024)), "zlib");
  assert.throws(
    () => prepareBody(bomb, generous),
    (e: unknown) =>
      e instanceof OcsProtocolError && e.status === 413 &&
      /inflates more than 64 times/.test(e.message),
  );
  // Under the 1 MiB floor any ratio passes: a PROLOG-sized body, or this 900 KB one.
  const small = encodeBody(xml("n".repeat(900 * 1024)), "zlib");
  assert.equal(prepareBody(small, generous).message.query, "INVENTORY");
});
