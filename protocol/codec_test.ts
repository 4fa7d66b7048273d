import assert from "node:assert/strict";
import { deflateSync, gzipSync } from "node:zlib";
import { fixturePath } from "../tests/_helpers/fixtures.ts";
import {
  type BodyEncoding,
  decodeBody,
  DEFAULT_DECODE_LIMITS,
  detectEncoding,
  encodeBody,
  isJsonMessage,
  replyContentType,
} from "./codec.ts";
import { OcsProtocolError } from "./errors.ts";

const XML = '<?xml version="1.0" encoding="UTF-8"?>\n<REQUEST><QUERY>PROLOG</QUERY></REQUEST>\n';
const bytes = (text: string) => new TextEncoder().encode(text);
const text = (data: Uint8Array) => new TextDecoder().decode(data);

function refusal(fn: () => unknown): OcsProtocolError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof OcsProtocolError, `expected OcsProtocolError, got ${error}`);
    return error;
  }
  assert.fail("expected an OcsProtocolError");
}

Deno.test("detectEncoding: zlib at every compression level (RFC 1950 header)", () => {
  for (const level of [0, 1, 6, 9]) {
    const body = deflateSync(bytes(XML), { level });
    assert.equal(body[0], 0x78);
    assert.equal(detectEncoding(body), "zlib", `level ${level}`);
  }
  assert.equal(detectEncoding(new Uint8Array([0x78, 0x9c])), "zlib");
  assert.equal(detectEncoding(new Uint8Array([0x78, 0x01])), "zlib");
  assert.equal(detectEncoding(new Uint8Array([0x78, 0xda])), "zlib");
  // CM=8 but a header that is not a multiple of 31: not zlib.
  assert.equal(detectEncoding(new Uint8Array([0x78, 0x9d])), null);
});

Deno.test("detectEncoding: gzip, plain '<?xml' (any case), and nothing else", () => {
  assert.equal(detectEncoding(gzipSync(bytes(XML))), "gzip");
  assert.equal(detectEncoding(bytes(XML)), "plain");
  assert.equal(detectEncoding(bytes("<?XML version='1.0'?><A/>")), "plain");
  assert.equal(detectEncoding(bytes("<?Xml?>")), "plain");
  // The OCS server takes plain XML only when the body starts exactly with `<?xml`.
  assert.equal(detectEncoding(bytes(" <?xml version='1.0'?><A/>")), null);
  assert.equal(detectEncoding(bytes("\uFEFF<?xml version='1.0'?><A/>")), null);
  assert.equal(detectEncoding(bytes("<REQUEST/>")), null);
  assert.equal(detectEncoding(bytes("<?xm")), null);
  assert.equal(detectEncoding(new Uint8Array([0x78])), null);
  assert.equal(detectEncoding(new Uint8Array()), null);
});

Deno.test("encodeBody/decodeBody round trip in each encoding, from text or bytes", () => {
  for (const encoding of ["zlib", "gzip", "plain"] as BodyEncoding[]) {
    for (const input of [XML, bytes(XML)]) {
      const body = encodeBody(input, encoding);
      assert.equal(detectEncoding(body), encoding);
      const decoded = decodeBody(body);
      assert.equal(decoded.encoding, encoding);
      assert.equal(text(decoded.xml), XML);
    }
  }
  assert.equal(text(encodeBody(XML, "plain")), XML, "plain is the XML as is");
  assert.deepEqual([...encodeBody(XML, "zlib").subarray(0, 2)], [0x78, 0x9c]);
});

Deno.test("decodeBody: the real agent's PROLOG body (wire capture) is zlib", async () => {
  const body = await Deno.readFile(fixturePath("wire-capture/01-prolog-request.zlib.bin"));
  assert.deepEqual([...body.subarray(0, 2)], [0x78, 0x9c]);
  const decoded = decodeBody(body);
  assert.equal(decoded.encoding, "zlib");
  const expected = await Deno.readFile(fixturePath("wire-capture/01-prolog-request.xml"));
  assert.deepEqual(decoded.xml, expected);
  // Our zlib is the one the agent speaks: it inflates what we deflate, and vice versa.
  assert.deepEqual(decodeBody(encodeBody(expected, "zlib")).xml, expected);
});

Deno.test("decodeBody: 413 when the body as received is over the cap", () => {
  const limits = { maxBodyBytes: 100, maxInflatedBytes: 1_000_000 };
  for (
    const body of [
      new Uint8Array(101),
      bytes("<?xml " + "x".repeat(200)),
      deflateSync(new Uint8Array(200_000).map((_, i) => i * 7919)),
    ]
  ) {
    const error = refusal(() => decodeBody(body, limits));
    assert.equal(error.status, 413);
    assert.match(error.message, /over the 100-byte limit/);
  }
  assert.equal(decodeBody(encodeBody("<?xml?><A/>", "plain"), limits).encoding, "plain");
});

Deno.test("decodeBody: 413 when plain XML is over the inflated cap", () => {
  const body = bytes("<?xml version='1.0'?><A>" + "x".repeat(2000) + "</A>");
  const error = refusal(() => decodeBody(body, { maxBodyBytes: 10_000, maxInflatedBytes: 1000 }));
  assert.equal(error.status, 413);
});

Deno.test("decodeBody: a zlib or gzip bomb stops at the inflated cap with 413", () => {
  const zeros = new Uint8Array(50 * 1024 * 1024);
  const limits = {
    maxBodyBytes: DEFAULT_DECODE_LIMITS.maxBodyBytes,
    maxInflatedBytes: 1024 * 1024,
  };
  for (const encoding of ["zlib", "gzip"] as const) {
    const bomb = encodeBody(zeros, encoding);
    assert.ok(bomb.byteLength < 100_000, `${encoding} bomb is small: ${bomb.byteLength} bytes`);
    const error = refusal(() => decodeBody(bomb, limits));
    assert.equal(error.status, 413, encoding);
    assert.match(error.message, /inflates past the 1048576-byte limit/);
  }
});

Deno.test("decodeBody: a body inflating to exactly the cap is accepted", () => {
  const cap = 64 * 1024;
  const body = encodeBody(new Uint8Array(cap), "zlib");
  assert.equal(decodeBody(body, { maxBodyBytes: cap, maxInflatedBytes: cap }).xml.byteLength, cap);
  const over = encodeBody(new Uint8Array(cap + 1), "zlib");
  assert.equal(
    refusal(() => decodeBody(over, { maxBodyBytes: cap, maxInflatedBytes: cap })).status,
    413,
  );
});

Deno.test("decodeBody: garbage, empty and corrupt bodies are 400", () => {
  const cases: [string, Uint8Array][] = [
    ["garbage", bytes("hello, this is not XML")],
    ["empty", new Uint8Array()],
    ["one byte", new Uint8Array([0x78])],
    ["XML without declaration", bytes("<REQUEST><QUERY>PROLOG</QUERY></REQUEST>")],
    ["zlib header then junk", new Uint8Array([0x78, 0x9c, 1, 2, 3, 4, 5, 6])],
    ["gzip header then junk", new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 9, 9, 9])],
    ["truncated zlib stream", encodeBody(XML.repeat(20), "zlib").subarray(0, 12)],
    ["raw deflate (no zlib header)", new Uint8Array([0xf3, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00])],
  ];
  for (const [name, body] of cases) {
    const error = refusal(() => decodeBody(body));
    assert.equal(error.status, 400, name);
  }
});

Deno.test("decodeBody: a failed inflate keeps its cause", () => {
  const error = refusal(() => decodeBody(new Uint8Array([0x78, 0x9c, 0xff, 0xff, 0xff])));
  assert.equal(error.status, 400);
  assert.match(error.message, /does not decompress as zlib/);
  assert.ok(error.cause instanceof Error);
});

Deno.test("DEFAULT_DECODE_LIMITS: 16 MiB received, 128 MiB inflated", () => {
  assert.deepEqual(DEFAULT_DECODE_LIMITS, {
    maxBodyBytes: 16 * 1024 * 1024,
    maxInflatedBytes: 128 * 1024 * 1024,
  });
});

Deno.test("replyContentType: named as each agent family reads it", () => {
  // GLPI and FusionInventory agents say how they compress; GLPI agents inflate only a reply
  // whose type names the compression.
  assert.equal(
    replyContentType("zlib", "application/x-compress-zlib"),
    "application/x-compress-zlib",
  );
  assert.equal(
    replyContentType("gzip", "application/x-compress-gzip"),
    "application/x-compress-gzip",
  );
  assert.equal(replyContentType("plain", "application/xml"), "application/xml");
  assert.equal(replyContentType("plain", "application/json", "json"), "application/json");
  assert.equal(replyContentType("zlib", "application/json", "json"), "application/x-compress-zlib");
  // OCS agents: what the OCS server always sends.
  assert.equal(replyContentType("zlib", "application/x-compress"), "application/x-compressed");
  assert.equal(replyContentType("zlib", "application/x-compressed"), "application/x-compressed");
  assert.equal(replyContentType("zlib", null), "application/x-compressed");
});

Deno.test("decodeBody: a plain JSON object is a plain body (GLPI native messages)", () => {
  const body = bytes('  {"action":"contact"}');
  assert.equal(detectEncoding(body), "plain");
  assert.ok(isJsonMessage(decodeBody(body).xml));
  assert.ok(!isJsonMessage(bytes(XML)));
  assert.equal(detectEncoding(bytes("[1,2]")), null);
});
