import assert from "node:assert/strict";
import { readContent, simpleValue, textOf } from "./simple.ts";
import { parseXml } from "./xml_reader.ts";

const value = (xml: string) => simpleValue(parseXml(xml));
const content = (inner: string) => readContent(parseXml(`<CONTENT>${inner}</CONTENT>`));

Deno.test("simpleValue: a text-only element is its text; an empty one is absent", () => {
  assert.equal(value("<NAME>vm</NAME>"), "vm");
  assert.equal(value("<NAME> spaced out </NAME>"), " spaced out ");
  assert.equal(value("<NAME></NAME>"), undefined);
  assert.equal(value("<NAME/>"), undefined);
  assert.equal(value("<NAME>  \n </NAME>"), undefined);
  assert.equal(value("<NAME><![CDATA[]]></NAME>"), undefined);
});

Deno.test("simpleValue: attributes and child elements are the same thing", () => {
  const attributes = value(
    `<REQUEST QUERY="DOWNLOAD" DEVICEID="x-2026-01-01-00-00-00" ID="1" ERR="SUCCESS"/>`,
  );
  const children = value(
    "<REQUEST><QUERY>DOWNLOAD</QUERY><DEVICEID>x-2026-01-01-00-00-00</DEVICEID><ID>1</ID>" +
      "<ERR>SUCCESS</ERR></REQUEST>",
  );
  assert.deepEqual(attributes, children);
  assert.deepEqual(attributes, {
    QUERY: "DOWNLOAD",
    DEVICEID: "x-2026-01-01-00-00-00",
    ID: "1",
    ERR: "SUCCESS",
  });
  const mixed = value(
    `<REQUEST QUERY="DOWNLOAD" ID="1"><DEVICEID>x-2026-01-01-00-00-00</DEVICEID><ERR>SUCCESS</ERR></REQUEST>`,
  );
  assert.deepEqual(mixed, children);
});

Deno.test("simpleValue: an empty element or attribute equals an absent one", () => {
  assert.deepEqual(value("<E><A>1</A><B></B><C/><D>  </D></E>"), value("<E><A>1</A></E>"));
  assert.deepEqual(value(`<E A="1" B=""/>`), { A: "1" });
  assert.equal(value(`<E B=""><C/></E>`), undefined, "nothing but empties is empty");
  assert.equal(value("<BIOS>\n    </BIOS>"), undefined);
});

Deno.test("simpleValue: repeated children become arrays, in document order", () => {
  assert.deepEqual(value("<E><C>a</C><N>1</N><C>b</C><C>c</C></E>"), {
    C: ["a", "b", "c"],
    N: "1",
  });
  assert.deepEqual(value(`<E C="a"><C>b</C></E>`), { C: ["a", "b"] });
  // Empty repetitions do not take a slot.
  assert.deepEqual(value("<E><C>a</C><C/><C>b</C></E>"), { C: ["a", "b"] });
});

Deno.test("simpleValue: nesting, and mixed text under 'content'", () => {
  assert.deepEqual(
    value(
      `<DOWNLOAD><HISTORY><PACKAGE ID="1700000000" /><PACKAGE ID="1700000001" /></HISTORY></DOWNLOAD>`,
    ),
    { HISTORY: { PACKAGE: [{ ID: "1700000000" }, { ID: "1700000001" }] } },
  );
  assert.deepEqual(value(`<PARAM REGTREE="2" REGKEY="SOFTWARE\\X">ProductName</PARAM>`), {
    REGTREE: "2",
    REGKEY: "SOFTWARE\\X",
    content: "ProductName",
  });
  assert.deepEqual(value("<A>text<B>b</B></A>"), { B: "b", content: "text" });
});

Deno.test("simpleValue: fields named like Object.prototype members are plain fields", () => {
  assert.deepEqual(value("<E><constructor>x</constructor><toString>y</toString></E>"), {
    constructor: "x",
    toString: "y",
  });
  assert.deepEqual(value("<E><valueOf>1</valueOf><valueOf>2</valueOf></E>"), {
    valueOf: ["1", "2"],
  });
  assert.deepEqual(value(`<E hasOwnProperty="h"/>`), { hasOwnProperty: "h" });
});

Deno.test("readContent: multi sections are arrays even with one entry", () => {
  const sections = content(
    "<CPUS><TYPE>Xeon</TYPE></CPUS><SOFTWARES><NAME>bash</NAME></SOFTWARES>" +
      "<ACCOUNTINFO><KEYNAME>TAG</KEYNAME><KEYVALUE>T</KEYVALUE></ACCOUNTINFO>",
  );
  assert.deepEqual(sections.CPUS, [{ TYPE: "Xeon" }]);
  assert.deepEqual(sections.SOFTWARES, [{ NAME: "bash" }]);
  assert.deepEqual(sections.ACCOUNTINFO, [{ KEYNAME: "TAG", KEYVALUE: "T" }]);
  const two = content(
    "<CPUS><TYPE>a</TYPE></CPUS><HARDWARE><NAME>h</NAME></HARDWARE><CPUS><TYPE>b</TYPE></CPUS>",
  );
  assert.deepEqual(two.CPUS, [{ TYPE: "a" }, { TYPE: "b" }]);
});

Deno.test("readContent: single sections are one entry; when repeated, the first wins", () => {
  const sections = content(
    "<HARDWARE><NAME>first</NAME></HARDWARE><BIOS><SSN>1</SSN></BIOS>" +
      "<HARDWARE><NAME>second</NAME><UUID>u</UUID></HARDWARE>",
  );
  assert.deepEqual(sections.HARDWARE, { NAME: "first" });
  assert.deepEqual(sections.BIOS, { SSN: "1" });
  // An empty first occurrence is absent, so the next one is the first that counts.
  assert.deepEqual(content("<BIOS></BIOS><BIOS><SSN>2</SSN></BIOS>").BIOS, { SSN: "2" });
});

Deno.test("readContent: empty sections are absent", () => {
  const sections = content(
    "<BIOS>\n</BIOS><DOWNLOAD><HISTORY>\n</HISTORY></DOWNLOAD><SOFTWARES/><HARDWARE><NAME>h</NAME></HARDWARE>",
  );
  assert.deepEqual(Object.keys(sections), ["HARDWARE"]);
});

Deno.test("readContent: unknown sections are kept as arrays", () => {
  const sections = content(
    "<MY_PLUGIN><KEY>a</KEY></MY_PLUGIN><SAAS><NAME>x</NAME></SAAS><SAAS><NAME>y</NAME></SAAS>" +
      "<LONE>just text</LONE>",
  );
  assert.deepEqual(sections.MY_PLUGIN, [{ KEY: "a" }]);
  assert.deepEqual(sections.SAAS, [{ NAME: "x" }, { NAME: "y" }]);
  assert.deepEqual(sections.LONE, ["just text"]);
});

Deno.test("readContent: nested DOWNLOAD/HISTORY/PACKAGE@ID is kept", () => {
  const sections = content(
    `<DOWNLOAD><HISTORY><PACKAGE ID="1700000000" /><PACKAGE ID="1700000001" /></HISTORY></DOWNLOAD>`,
  );
  assert.deepEqual(sections.DOWNLOAD, {
    HISTORY: { PACKAGE: [{ ID: "1700000000" }, { ID: "1700000001" }] },
  });
  assert.deepEqual(content(`<DOWNLOAD><HISTORY><PACKAGE ID="1"/></HISTORY></DOWNLOAD>`).DOWNLOAD, {
    HISTORY: { PACKAGE: { ID: "1" } },
  });
});

Deno.test("readContent: scalar sections (VERSIONCLIENT, OLD_DEVICEID) are text", () => {
  const sections = content(
    "<VERSIONCLIENT>FusionInventory-Agent_v2.6-3</VERSIONCLIENT><OLD_DEVICEID>old-2025-01-01-00-00-00</OLD_DEVICEID>",
  );
  assert.equal(sections.VERSIONCLIENT, "FusionInventory-Agent_v2.6-3");
  assert.equal(sections.OLD_DEVICEID, "old-2025-01-01-00-00-00");
});

Deno.test("readContent: attribute-style entries equal element-style ones", () => {
  assert.deepEqual(
    content(`<CPUS TYPE="Xeon" CORES="4"/><HARDWARE NAME="h" CHECKSUM="1"/>`),
    content(
      "<CPUS><TYPE>Xeon</TYPE><CORES>4</CORES></CPUS><HARDWARE><NAME>h</NAME><CHECKSUM>1</CHECKSUM></HARDWARE>",
    ),
  );
});

Deno.test("textOf: attribute or child element, trimmed, empty as absent", () => {
  const root = parseXml(
    `<REQUEST QUERY=" PROLOG " EMPTY="" BLANK="  "><DEVICEID>\n  vm-2026-11-21-04-13-18\n</DEVICEID>` +
      "<EMPTY>from child</EMPTY><TWICE></TWICE><TWICE>second</TWICE><BLANK>   </BLANK></REQUEST>",
  );
  assert.equal(textOf(root, "QUERY"), "PROLOG");
  assert.equal(textOf(root, "DEVICEID"), "vm-2026-11-21-04-13-18");
  assert.equal(textOf(root, "EMPTY"), "from child", "an empty attribute falls back to the child");
  assert.equal(textOf(root, "TWICE"), "second", "the first non-empty child");
  assert.equal(textOf(root, "BLANK"), undefined);
  assert.equal(textOf(root, "MISSING"), undefined);
  const both = parseXml(`<REQUEST QUERY="A"><QUERY>B</QUERY></REQUEST>`);
  assert.equal(textOf(both, "QUERY"), "A", "the attribute comes first");
});
