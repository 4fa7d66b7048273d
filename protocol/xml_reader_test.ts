import assert from "node:assert/strict";
import { fixturePath } from "../tests/_helpers/fixtures.ts";
import { OcsSyntaxError } from "./errors.ts";
import { readRequest } from "./request.ts";
import { simpleValue } from "./simple.ts";
import { isValueElement, parseXml, type XmlElement } from "./xml_reader.ts";

function child(element: XmlElement, index: number): XmlElement {
  const found = element.children?.[index];
  assert.ok(found, `no child ${index} in <${element.name}>`);
  return found;
}

/** Depths at which elements are read as values: every check must hold at each of them. */
const VALUE_DEPTHS = [0, 1, 2];

function refuses(source: string, pattern: RegExp, why = ""): OcsSyntaxError {
  const caught = syntaxErrorOf(() => parseXml(source), source, why);
  assert.match(caught.message, pattern);
  assert.ok(caught instanceof SyntaxError);
  assert.equal(typeof caught.offset, "number");
  for (const depth of VALUE_DEPTHS) {
    const same = syntaxErrorOf(() => parseXml(source, depth), source, `${why} (depth ${depth})`);
    assert.equal(same.message, caught.message, `the same refusal at value depth ${depth}`);
  }
  return caught;
}

function syntaxErrorOf(parse: () => unknown, source: string, why: string): OcsSyntaxError {
  let caught: unknown;
  try {
    parse();
  } catch (error) {
    caught = error;
  }
  assert.ok(
    caught instanceof OcsSyntaxError,
    `expected OcsSyntaxError for ${JSON.stringify(source)} ${why}`,
  );
  return caught;
}

Deno.test("parseXml: elements, text and nesting", () => {
  const root = parseXml(
    '<?xml version="1.0" encoding="UTF-8"?>\n<REQUEST>\n  <DEVICEID>vm-2026-11-21-04-13-18</DEVICEID>\n' +
      "  <QUERY>PROLOG</QUERY>\n  <CONTENT><HARDWARE><NAME>vm</NAME></HARDWARE></CONTENT>\n</REQUEST>\n",
  );
  assert.equal(root.name, "REQUEST");
  assert.equal(root.attributes, null);
  assert.equal(root.text, "", "whitespace between tags is layout, not text");
  assert.equal(root.children?.length, 3);
  assert.deepEqual(child(root, 0), {
    name: "DEVICEID",
    attributes: null,
    children: null,
    text: "vm-2026-11-21-04-13-18",
  });
  assert.equal(child(root, 1).text, "PROLOG");
  assert.equal(child(child(child(root, 2), 0), 0).text, "vm");
});

Deno.test("parseXml: text keeps inner and surrounding spaces of non-blank text", () => {
  assert.equal(parseXml("<A>  two  words </A>").text, "  two  words ");
  assert.equal(parseXml("<A>   </A>").text, "");
  assert.equal(parseXml("<A>x<B/>y</A>").text, "xy");
});

Deno.test("parseXml: attributes with both quotes, spaces around '=', self-closing tags", () => {
  const root = parseXml(
    `<REQUEST QUERY="DOWNLOAD" ID='1' ERR =  "SUCCESS"\n  DEVICEID="x-2026-01-01-00-00-00" />`,
  );
  assert.deepEqual(root.attributes, {
    QUERY: "DOWNLOAD",
    ID: "1",
    ERR: "SUCCESS",
    DEVICEID: "x-2026-01-01-00-00-00",
  });
  assert.equal(root.children, null);
  assert.deepEqual(parseXml(`<A x="it's" y='say "hi"' z="a>b"/>`).attributes, {
    x: "it's",
    y: 'say "hi"',
    z: "a>b",
  });
  assert.deepEqual(parseXml(`<A x=""/>`).attributes, { x: "" });
});

Deno.test("parseXml: predefined entities and character references, in text and attributes", () => {
  assert.equal(parseXml("<A>&lt;&gt;&amp;&quot;&apos;</A>").text, `<>&"'`);
  assert.equal(parseXml("<A>caf&#233; &#xE9;</A>").text, "café é");
  assert.equal(parseXml("<A>&#x1F600;&#128512;</A>").text, "\u{1F600}\u{1F600}");
  assert.deepEqual(parseXml(`<A v="&lt;b&gt; &amp; &#65;&#x42;"/>`).attributes, { v: "<b> & AB" });
  // An entity yields text, never markup.
  assert.equal(parseXml("<A>&lt;B/&gt;</A>").children, null);
});

Deno.test("parseXml: CDATA is raw text, joined with the surrounding text", () => {
  assert.equal(parseXml("<A><![CDATA[<B>&amp; & </B>]]></A>").text, "<B>&amp; & </B>");
  assert.equal(parseXml("<A>one <![CDATA[two]]> three</A>").text, "one two three");
  assert.equal(parseXml("<A><![CDATA[]]></A>").text, "");
});

Deno.test("parseXml: comments and processing instructions are skipped anywhere", () => {
  const root = parseXml(
    "\uFEFF<?xml version='1.0'?><!-- before --><?agent hint?><A><!-- in <B> -->x<?pi y?>z</A>" +
      "<!-- after --><?after?>\n",
  );
  assert.equal(root.name, "A");
  assert.equal(root.text, "xz");
  assert.equal(root.children, null);
});

Deno.test("parseXml: non-ASCII names and repeated children", () => {
  const root = parseXml("<ÉLÉMENT><C>1</C><C>2</C><D.x-y_z>3</D.x-y_z></ÉLÉMENT>");
  assert.equal(root.name, "ÉLÉMENT");
  assert.deepEqual(root.children?.map((c) => [c.name, c.text]), [["C", "1"], ["C", "2"], [
    "D.x-y_z",
    "3",
  ]]);
});

Deno.test("parseXml refuses DOCTYPE and any entity declaration", () => {
  refuses('<!DOCTYPE REQUEST [<!ENTITY lol "lol">]><REQUEST>&lol;</REQUEST>', /DOCTYPE/);
  refuses(
    '<?xml version="1.0"?>\n<!DOCTYPE REQUEST SYSTEM "file:///etc/passwd"><REQUEST/>',
    /DOCTYPE/,
  );
  refuses("<REQUEST><!ENTITY x 'y'></REQUEST>", /entity declarations/);
  refuses("<!ENTITY x 'y'><REQUEST/>", /entity declarations/);
  refuses("<REQUEST><!ELEMENT A ANY></REQUEST>", /DOCTYPE/);
  refuses("<REQUEST><!ATTLIST A x CDATA #IMPLIED></REQUEST>", /DOCTYPE/);
});

Deno.test("parseXml refuses unknown entities, bare '&' and invalid character references", () => {
  refuses("<A>&foo;</A>", /Unknown entity "&foo;"/);
  refuses("<A>&nbsp;</A>", /Unknown entity/);
  refuses(`<A x="&foo;"/>`, /Unknown entity/);
  refuses("<A>fish & chips</A>", /Bare '&'/);
  refuses("<R><F>fish & chips</F></R>", /Bare '&'/, "in a field read as a value");
  refuses("<R><F>&bad;</F></R>", /Unknown entity "&bad;"/, "in a field read as a value");
  refuses("<A>&amp</A>", /Bare '&'/);
  refuses(`<A x="a&b"/>`, /Bare '&'/);
  refuses("<A>&#XE9;</A>", /Bare '&'/, "the hex marker is a lower-case x only");
  refuses("<A>&#0;</A>", /Invalid character reference/);
  refuses("<A>&#xD800;</A>", /Invalid character reference/);
  refuses("<A>&#x110000;</A>", /Invalid character reference/);
});

Deno.test("parseXml refuses unbalanced tags", () => {
  refuses("<A><B></A></B>", /End tag "A" does not match "B"/);
  refuses("<R><S><F>x</G></S></R>", /End tag "G" does not match "F"/);
  refuses("<R><S><F>x</FF></S></R>", /End tag "FF" does not match "F"/);
  refuses("<R><S><F>x</F</S></R>", /Expected '>'/);
  refuses("<A><B></B>", /Unclosed element "A"/);
  refuses("<A><B>", /Unclosed element "B"/);
  refuses("</A>", /Stray end tag "A"/);
  refuses("<A></A></A>", /Stray end tag/);
  refuses("<A></A x>", /Expected '>'/);
  refuses("<A/ >", /Expected '>'/);
});

Deno.test("parseXml refuses a second root and text outside the root", () => {
  refuses("<A></A><B/>", /second root element "B"/);
  refuses("<A/><A/>", /second root/);
  refuses("junk<A/>", /Text outside the root element/);
  refuses("<A/>junk", /Text outside the root element/);
  refuses("<![CDATA[x]]><A/>", /CDATA outside the root/);
  refuses("", /No root element/);
  refuses("<!-- only a comment -->", /No root element/);
});

Deno.test("parseXml refuses malformed attributes", () => {
  refuses(`<A x="1" x="2"/>`, /Duplicate attribute "x"/);
  refuses("<A x=1/>", /Attribute "x" value is not quoted/);
  refuses("<A x/>", /Attribute "x" has no value/);
  refuses(`<A x="a<b"/>`, /'<' in attribute "x"/);
  refuses(`<A x="open/>`, /Unterminated attribute "x"/);
  refuses(`<A x='1'y='2'/>`, /Malformed tag "A"/);
});

Deno.test("parseXml refuses unterminated constructs and bad names", () => {
  refuses("<A><!-- never closed</A>", /Unterminated comment/);
  refuses("<A><![CDATA[never closed</A>", /Unterminated CDATA/);
  refuses("<?xml version='1.0'", /Unterminated processing instruction/);
  refuses("<A><1B/></A>", /Invalid element name/);
  refuses("<>", /Invalid element name/);
  refuses("<A", /Malformed tag/);
});

Deno.test("parseXml reports the offset of the problem", () => {
  const error = refuses("<A>ok &bad; </A>", /offset 6/);
  assert.equal(error.offset, 6);
});

Deno.test("parseXml reads every shared fixture XML document", async () => {
  for (
    const name of [
      "unixagent-2.10-debian12-full.xml",
      "unixagent-2.10-debian12-nosoftware-tag.xml",
      "wire-capture/01-prolog-request.xml",
      "wire-capture/02-inventory-request-first-run.xml",
      "wire-capture/04-inventory-request-second-run.xml",
      "capture-ocs-server-2.8.1/001-req.xml",
      "capture-ocs-server-2.8.1/002-req.xml",
      "capture-ocs-server-2.8.1/001-resp.xml",
      "capture-ocs-server-2.8.1/002-resp.xml",
    ]
  ) {
    const root = parseXml(await Deno.readTextFile(fixturePath(name)));
    assert.match(root.name, /^(REQUEST|REPLY)$/, name);
  }
});

Deno.test("parseXml(source, depth) reads deeper elements straight into their XML::Simple values", () => {
  const source = `<?xml version="1.0"?>
<REQUEST A="1" EMPTY="">
  <QUERY>INVENTORY</QUERY>
  <CONTENT>
    <HARDWARE><NAME> vm </NAME><MEMORY/><DESCRIPTION>  </DESCRIPTION><WORKGROUP>a &amp; b</WORKGROUP></HARDWARE>
    <SOFTWARES NAME="x"><VERSION>1</VERSION></SOFTWARES>
    <SOFTWARES><NAME><![CDATA[<raw> & ]]></NAME><NAME>twice</NAME></SOFTWARES>
    <DOWNLOAD><HISTORY><PACKAGE ID="1"/><PACKAGE ID="2"/></HISTORY></DOWNLOAD>
    <MIXED>text<B>b</B> more</MIXED>
    <FIELDS><A> </A><B>x</B ><C><!-- c -->y</C><D>&lt;&#65;</D><E>1</E><E>2</E><F/></FIELDS>
    <ATTRS K="v" E=""/>
    <EMPTY B=""><C/></EMPTY>
    <constructor><toString>x</toString></constructor>
  </CONTENT>
  <DEVICEID>vm-2026-11-21-04-13-18</DEVICEID>
</REQUEST>`;
  const expected = simpleValue(parseXml(source));
  for (const depth of [0, 1, 2, 3, 4]) {
    assert.deepEqual(simpleValue(parseXml(source, depth)), expected, `depth ${depth}`);
  }
  assert.deepEqual(readRequest(parseXml(source, 2)), readRequest(parseXml(source)));
});

Deno.test("parseXml(source, depth): the elements at that depth carry their value and their place", () => {
  const source = "<R><C><A>1</A>\n  <B x='2'><D>3</D></B><E/></C><F>f</F></R>";
  const content = parseXml(source, 2).children![0]!;
  assert.equal(content.name, "C");
  const sections = content.children!;
  assert.deepEqual(sections.map((s) => s.name), ["A", "B", "E"]);
  for (const section of sections) {
    assert.ok(isValueElement(section));
    assert.equal(section.children, null);
    assert.match(source.slice(section.start, section.end), new RegExp(`^<${section.name}[^]*>$`));
  }
  const [a, b, e] = sections.filter(isValueElement);
  assert.equal(source.slice(a!.start, a!.end), "<A>1</A>");
  assert.equal(source.slice(b!.start, b!.end), "<B x='2'><D>3</D></B>");
  assert.equal(source.slice(e!.start, e!.end), "<E/>");
  assert.deepEqual([a!.value, b!.value, e!.value], ["1", { x: "2", D: "3" }, undefined]);
  assert.equal(isValueElement(parseXml(source, 2)), false);
  assert.ok(isValueElement(parseXml(source, 0)), "depth 0: the root itself is a value");
});

Deno.test("parseXml(source, 2) reads every shared fixture as the element tree reads it", async () => {
  for (
    const name of [
      "unixagent-2.10-debian12-full.xml",
      "unixagent-2.10-debian12-nosoftware-tag.xml",
      "wire-capture/01-prolog-request.xml",
      "wire-capture/02-inventory-request-first-run.xml",
      "wire-capture/04-inventory-request-second-run.xml",
      "capture-ocs-server-2.8.1/001-req.xml",
      "capture-ocs-server-2.8.1/002-req.xml",
      "capture-ocs-server-2.8.1/001-resp.xml",
      "capture-ocs-server-2.8.1/002-resp.xml",
    ]
  ) {
    const source = await Deno.readTextFile(fixturePath(name));
    const tree = parseXml(source);
    assert.deepEqual(simpleValue(parseXml(source, 2)), simpleValue(tree), name);
    if (tree.name === "REQUEST") {
      assert.deepEqual(readRequest(parseXml(source, 2)), readRequest(tree), name);
    }
  }
});
