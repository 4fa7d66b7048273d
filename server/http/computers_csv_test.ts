import assert from "node:assert/strict";
import { csvCell, csvLine } from "./computers_csv.ts";

Deno.test("csvCell quotes every field and doubles quotes", () => {
  assert.equal(csvCell("plain"), '"plain"');
  assert.equal(csvCell(""), '""');
  assert.equal(csvCell('say "hi", then\r\nleave'), '"say ""hi"", then\r\nleave"');
});

Deno.test("csvCell defuses cells a spreadsheet would run as a formula", () => {
  for (const start of ["=", "+", "-", "@", "\t", "\r"]) {
    assert.equal(csvCell(`${start}1+1`), `"'${start}1+1"`);
  }
  assert.equal(csvCell("a=b"), '"a=b"', "only a leading character counts");
});

Deno.test("csvLine ends with CRLF", () => {
  assert.equal(csvLine(["a", "b"]), '"a","b"\r\n');
});
