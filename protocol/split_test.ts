import assert from "node:assert/strict";
import { splitContent } from "./split.ts";

const doc = (content: string) =>
  `<?xml version="1.0"?>\n<REQUEST>\n<CONTENT>${content}</CONTENT>\n<DEVICEID>d</DEVICEID></REQUEST>`;

Deno.test("splitContent() cuts CONTENT into its children, in order, with their offsets", () => {
  const content = "\n  <A><X>1</X></A>\n  <AB/>\n  <A x='1'>2</A><B >3</B><A>4</A>\n";
  const text = doc(content);
  const split = splitContent(text)!;
  assert.deepEqual(split.slices.map((s) => [s.name, s.text]), [
    ["A", "<A><X>1</X></A>"],
    ["AB", "<AB/>"],
    ["A", "<A x='1'>2</A>"],
    ["B", "<B >3</B>"],
    ["A", "<A>4</A>"],
  ]);
  for (const slice of split.slices) assert.equal(text.slice(slice.start, slice.end), slice.text);
  assert.equal(
    split.skeleton,
    '<?xml version="1.0"?>\n<REQUEST>\n<CONTENT></CONTENT>\n<DEVICEID>d</DEVICEID></REQUEST>',
  );
});

Deno.test("splitContent() gives up on what it does not cut cleanly (the parser judges)", () => {
  for (
    const content of [
      "text<A>1</A>",
      "<A>1</A><!-- comment -->",
      "<A>1</A><?pi?>",
      "<A>1",
      "<A>1</A></B>",
      "< A>1</A>",
    ]
  ) {
    assert.equal(splitContent(doc(content)), null, content);
  }
  assert.equal(splitContent("<REQUEST><QUERY>PROLOG</QUERY></REQUEST>"), null, "no CONTENT");
  assert.equal(splitContent(doc("<A/>") + "<CONTENT></CONTENT>"), null, "a second CONTENT");
});
