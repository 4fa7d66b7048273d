import assert from "node:assert/strict";
import { declaredEncoding, decodeXmlText } from "./charset.ts";
import { encodeBody } from "./codec.ts";
import { OcsProtocolError } from "./errors.ts";
import { decodeRequest } from "./mod.ts";
import type { InventoryRequest } from "./request.ts";

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));
const doc = (...parts: (string | number[])[]) =>
  new Uint8Array(
    parts.flatMap((p) => typeof p === "string" ? [...new TextEncoder().encode(p)] : p),
  );

Deno.test("decodeXmlText: valid UTF-8 passes unchanged", () => {
  const text = '<?xml version="1.0" encoding="UTF-8"?><A>café ñ 日本 \u{1F600}</A>';
  assert.equal(decodeXmlText(new TextEncoder().encode(text)), text);
  assert.equal(
    decodeXmlText(new TextEncoder().encode("<A>no declaration é</A>")),
    "<A>no declaration é</A>",
  );
});

Deno.test("decodeXmlText: a declared ISO-8859-1 document is transcoded", () => {
  const bytes = doc(
    '<?xml version="1.0" encoding="ISO-8859-1"?>\n<A>caf',
    [0xe9],
    " na",
    [0xef],
    "ve ",
    [
      0xc7,
      0xe0,
    ],
    "</A>",
  );
  assert.equal(
    decodeXmlText(bytes),
    '<?xml version="1.0" encoding="ISO-8859-1"?>\n<A>café naïve Çà</A>',
  );
  // Single quotes and lower case are fine too.
  assert.equal(
    decodeXmlText(doc("<?xml version='1.0' encoding='iso-8859-1'?><A>", [0xe9], "</A>")),
    "<?xml version='1.0' encoding='iso-8859-1'?><A>é</A>",
  );
});

Deno.test("decodeXmlText: a declared Windows-1252 document maps 0x80-0x9F", () => {
  const bytes = doc(
    '<?xml version="1.0" encoding="windows-1252"?><A>',
    [0x80, 0x99, 0x93, 0x94],
    "</A>",
  );
  assert.equal(decodeXmlText(bytes), '<?xml version="1.0" encoding="windows-1252"?><A>€™“”</A>');
});

Deno.test("decodeXmlText: a stray invalid byte in a UTF-8 document is read as Windows-1252", () => {
  // 0xE9 alone is "é" in Latin-1/Windows-1252 and invalid UTF-8.
  const bytes = doc('<?xml version="1.0" encoding="UTF-8"?><A>caf', [0xe9], " crème</A>");
  assert.equal(decodeXmlText(bytes), '<?xml version="1.0" encoding="UTF-8"?><A>café crème</A>');
  assert.equal(decodeXmlText(doc("<A>", [0xe9], "</A>")), "<A>é</A>");
});

Deno.test("decodeXmlText: each invalid UTF-8 byte is one Windows-1252 character", () => {
  const cases: [number[], string][] = [
    [[0x80], "€"], // lone continuation byte
    [[0xc3], "Ã"], // truncated 2-byte sequence at the end of the text run
    [[0xc0, 0x80], "À€"], // overlong encoding of U+0000
    [[0xe0, 0x80, 0x80], "à€€"], // overlong 3-byte form
    [[0xed, 0xa0, 0x80], "í\u00a0€"], // UTF-16 surrogate encoded in UTF-8
    [[0xf4, 0x90, 0x80, 0x80], "ô\u0090€€"], // past U+10FFFF
    [[0xff], "ÿ"],
    [[0xe9, 0xc3, 0xa9], "éé"], // invalid byte then a valid "é"
  ];
  for (const [raw, expected] of cases) {
    assert.equal(decodeXmlText(doc("<A>", raw, "</A>")), `<A>${expected}</A>`, raw.join(","));
  }
  // A sequence truncated by the very end of the document.
  assert.equal(decodeXmlText(doc("<A/>", [0xe2, 0x82])), "<A/>â‚");
  // Valid multi-byte sequences right before the end are kept whole.
  assert.equal(decodeXmlText(doc("<A/>", [0xe2, 0x82, 0xac], [0xe9])), "<A/>€é");
});

Deno.test("decodeXmlText: control characters XML 1.0 forbids are removed; tab and newlines stay", () => {
  const input = "<A>a\x00b\x01c\x08d\x0Be\x0Cf\x0Eg\x1Fh\uFFFEi\uFFFFj\tk\nl\rm\x7F</A>";
  assert.equal(decodeXmlText(new TextEncoder().encode(input)), "<A>abcdefghij\tk\nl\rm\x7F</A>");
  const latin = doc('<?xml version="1.0" encoding="ISO-8859-1"?><A>', [0x01, 0xe9, 0x1b], "</A>");
  assert.equal(decodeXmlText(latin), '<?xml version="1.0" encoding="ISO-8859-1"?><A>é</A>');
});

Deno.test("decodeXmlText: controls are found wherever the fast byte scan stops short", () => {
  // After a byte order mark, in the last bytes (not a multiple of 16), among invalid UTF-8
  // bytes, and next to characters whose UTF-8 starts with 0xEF.
  assert.equal(decodeXmlText(doc("\uFEFF<A>x\x01</A>")), "<A>x</A>");
  assert.equal(decodeXmlText(doc("<A>0123456789abcdef</A>\x02")), "<A>0123456789abcdef</A>");
  assert.equal(decodeXmlText(doc("<A>", [0xe9, 0x03], "</A>")), "<A>é</A>");
  assert.equal(decodeXmlText(doc("<A>\uFF08\x04\uFFFF</A>")), "<A>\uFF08</A>");
  assert.equal(decodeXmlText(doc("<A>\uFF08</A>")), "<A>\uFF08</A>", "U+FF08 is allowed");
});

Deno.test("decodeXmlText: a real U+FFFD in valid UTF-8 is kept, an invalid byte is not one", () => {
  assert.equal(decodeXmlText(doc("<A>\uFFFD</A>")), "<A>\uFFFD</A>");
  assert.equal(decodeXmlText(doc("<A>\uFFFD", [0xff], "</A>")), "<A>\uFFFD\u00FF</A>");
});

Deno.test("decodeXmlText: an unknown declared encoding is a 400", () => {
  try {
    decodeXmlText(new TextEncoder().encode('<?xml version="1.0" encoding="x-klingon"?><A/>'));
    assert.fail("expected a refusal");
  } catch (error) {
    assert.ok(error instanceof OcsProtocolError);
    assert.equal(error.status, 400);
    assert.match(error.message, /x-klingon/);
  }
});

Deno.test("declaredEncoding: reads the declaration only", () => {
  assert.equal(declaredEncoding(doc('<?xml version="1.0" encoding="UTF-8"?><A/>')), "utf-8");
  assert.equal(
    declaredEncoding(doc("<?xml version='1.0' encoding = 'ISO-8859-1' ?><A/>")),
    "iso-8859-1",
  );
  assert.equal(
    declaredEncoding(doc('\uFEFF<?xml version="1.0" encoding="Windows-1252"?><A/>')),
    "windows-1252",
  );
  assert.equal(declaredEncoding(doc('<?xml version="1.0"?><A encoding="latin1"/>')), null);
  assert.equal(declaredEncoding(doc("<A/>")), null);
  assert.equal(declaredEncoding(new Uint8Array(ascii("<?xml version='1.0'?>"))), null);
});

Deno.test("decodeRequest: an ISO-8859-1 inventory arrives as proper text", () => {
  const xml = doc(
    '<?xml version="1.0" encoding="ISO-8859-1"?>\n<REQUEST><CONTENT><HARDWARE><NAME>poste-',
    [0xe9],
    "t",
    [0xe9],
    "</NAME><WINOWNER>Soci",
    [0xe9, 0x01],
    "t",
    [0xe9],
    "</WINOWNER></HARDWARE></CONTENT><DEVICEID>poste-2026-01-02-03-04-05</DEVICEID>" +
      "<QUERY>INVENTORY</QUERY></REQUEST>",
  );
  const { request } = decodeRequest(encodeBody(xml, "zlib"));
  assert.equal(request.query, "INVENTORY");
  const hardware = (request as InventoryRequest).content.HARDWARE;
  assert.equal(hardware?.NAME, "poste-été");
  assert.equal(hardware?.WINOWNER, "Société");
});
