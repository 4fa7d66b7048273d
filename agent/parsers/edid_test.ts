import assert from "node:assert/strict";
import {
  edidCaption,
  edidDate,
  EdidError,
  manufactureDate,
  parseEdid,
  pnpVendorName,
} from "./edid.ts";
import { PNP_IDS } from "./pnp_ids.ts";
import { recordingBytes, sampleEdid } from "./test_helpers.ts";

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

Deno.test("edid: pnp vendor names from pnp.ids text, else the embedded registry", () => {
  const ids = "AAA\tAvolites Ltd\nDEL\tDell Inc. (from file)\n";
  assert.equal(pnpVendorName("DEL", ids), "Dell Inc. (from file)");
  assert.equal(pnpVendorName("AAA", ids), "Avolites Ltd");
  assert.equal(pnpVendorName("SAM"), "Samsung Electric Company");
  assert.equal(pnpVendorName("XXX", ids), undefined);
});

Deno.test("edid: laptop panels are named by their 0xFE strings when there is no 0xFC name", () => {
  const lenovo = parseEdid(recordingBytes("edid/lcd.lenovo-w500"));
  assert.equal(lenovo.modelName, undefined);
  assert.equal(edidCaption(lenovo), "LTN154U2-L05");
  // Several strings join in order, as the 0xFC parts do.
  assert.equal(
    edidCaption(parseEdid(recordingBytes("edid/lcd.Elonex-PR600"))),
    "N154I2-L02 CMO N154I2-L02",
  );
  assert.equal(edidCaption(parseEdid(recordingBytes("edid/lcd.blino"))), "AUO B150PG01");
  // Binary vendor data in a 0xFE descriptor ends the name at its first unprintable byte.
  assert.equal(edidCaption(parseEdid(recordingBytes("edid/lcd.dell-inspiron-6400"))), "XD570");
  // A 0xFC name wins over 0xFE strings; neither gives no caption.
  assert.equal(edidCaption(parseEdid(sampleEdid())), "DELL U2419H");
  assert.equal(edidCaption(parseEdid(recordingBytes("edid/crt.E55"))), undefined);
});

Deno.test("edid: week 255 means a model year", () => {
  const iiyama = parseEdid(recordingBytes("edid/iiyama-PL2779A"));
  assert.equal(iiyama.week, 255);
  assert.equal(edidDate(iiyama), "model year 2013");
  assert.equal(edidDate(parseEdid(sampleEdid())), "12/2019");
  assert.equal(manufactureDate(0, 2007), "0/2007");
  // Its 0xFF serial text is "0", a placeholder: the 32-bit serial is used instead.
  assert.equal(iiyama.serialText, undefined);
  assert.equal(iiyama.serialNumber, 0x01010101);
});

Deno.test("edid: PNP ids are named without pnp.ids, from the embedded registry", () => {
  assert.equal(pnpVendorName("TOS"), "Dynabook Inc.");
  assert.equal(pnpVendorName("CPQ"), "Compaq Computer Company");
  assert.equal(pnpVendorName("LPL"), "LG Philips");
  assert.equal(pnpVendorName("CMO"), "Chi Mei Optoelectronics corp.");
  assert.equal(pnpVendorName("XXX"), undefined);
  // Every id of the table is three capital letters with a name.
  for (const line of PNP_IDS.split("\n").filter(Boolean)) assert.match(line, /^[A-Z]{3} \S/);
  assert.ok(PNP_IDS.split("\n").length > 2000);
});
