import assert from "node:assert/strict";
import { EdidError, parseEdid, pnpVendorName } from "./edid.ts";
import { sampleEdid } from "./test_helpers.ts";

Deno.test("edid: decodes a hand-built 1.4 base block", () => {
  const edid = parseEdid(sampleEdid());
  assert.equal(edid.manufacturerId, "DEL");
  assert.equal(edid.productCode, 0xa0b1);
  assert.equal(edid.serialNumber, 123456);
  assert.equal(edid.serialText, "5R2KX63");
  assert.equal(edid.modelName, "DELL U2419H");
  assert.equal(edid.week, 12);
  assert.equal(edid.year, 2019);
  assert.equal(edid.version, "1.4");
  assert.equal(edid.widthCm, 53);
  assert.equal(edid.heightCm, 30);
  assert.equal(edid.checksumValid, true);
});

Deno.test("edid: a wrong checksum is reported, not refused", () => {
  const bytes = sampleEdid({ fixSum: false });
  bytes[127] = 0x42;
  assert.equal(parseEdid(bytes).checksumValid, false);
});

Deno.test("edid: 256 bytes (with an extension) decode the base block", () => {
  const bytes = new Uint8Array(256);
  bytes.set(sampleEdid());
  assert.equal(parseEdid(bytes).modelName, "DELL U2419H");
});

Deno.test("edid: truncated and garbage input throw EdidError", () => {
  assert.throws(() => parseEdid(sampleEdid().subarray(0, 100)), EdidError);
  assert.throws(() => parseEdid(new Uint8Array(0)), EdidError);
  const garbage = new Uint8Array(128).map((_, i) => (i * 37) & 0xff);
  assert.throws(() => parseEdid(garbage), EdidError);
});

Deno.test("edid: control characters in descriptors are dropped", () => {
  const bytes = sampleEdid({ name: "AB\x01C" });
  assert.equal(parseEdid(bytes).modelName, "ABC");
});

Deno.test("edid: pnp vendor names from pnp.ids text, else the built-in list", () => {
  const ids = "AAA\tAvolites Ltd\nDEL\tDell Inc. (from file)\n";
  assert.equal(pnpVendorName("DEL", ids), "Dell Inc. (from file)");
  assert.equal(pnpVendorName("AAA", ids), "Avolites Ltd");
  assert.equal(pnpVendorName("SAM"), "Samsung Electric Company");
  assert.equal(pnpVendorName("ZZZ", ids), undefined);
});
