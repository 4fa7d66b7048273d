import assert from "node:assert/strict";
import {
  compareVersions,
  parseSearchTerms,
  SearchTermError,
  versionMatches,
} from "./search_terms.ts";

Deno.test("search terms: software, version, fields, memory and date criteria; the rest is text", () => {
  const terms = parseSearchTerms(
    'software:"Mozilla Firefox" version<128 model:latitude cpu:i7 ram>=8 added>=2026-01-01 paris',
  );
  assert.equal(terms.software, "mozilla firefox");
  assert.deepEqual(terms.version, { op: "<", value: "128" });
  assert.deepEqual(terms.fields, [{ key: "model", text: "latitude" }, { key: "cpu", text: "i7" }]);
  assert.deepEqual(terms.memoryMb, { op: ">=", value: 8192 });
  assert.deepEqual(terms.added, { op: ">=", day: "2026-01-01" });
  assert.equal(terms.text, "paris");
  assert.equal(parseSearchTerms("software:firefox").software, "firefox");
  assert.deepEqual(parseSearchTerms("ram<512mb").memoryMb, { op: "<", value: 512 });
  // Not a criterion: stays text (a URL, a time).
  assert.equal(parseSearchTerms("http://x 10:30").text, "http://x 10:30");
});

Deno.test("search terms: bad criteria are refused with the way to write them", () => {
  assert.throws(() => parseSearchTerms("version<128"), SearchTermError);
  assert.throws(() => parseSearchTerms("ram>=lots"), /ram>=8/);
  assert.throws(() => parseSearchTerms("added>yesterday"), /added>=2026-01-01/);
});

Deno.test("versions compare as people read them", () => {
  assert.equal(compareVersions("127.0.2", "128"), -1);
  assert.equal(compareVersions("128.0", "128"), 1);
  assert.equal(compareVersions("99.5", "128.0"), -1);
  assert.equal(compareVersions("115.3", "115.3esr"), -1);
  assert.equal(compareVersions("1.10", "1.9"), 1);
  assert.equal(compareVersions("2.0", "2.0"), 0);
  assert.ok(versionMatches("115.12.0esr", "<", "128"));
  assert.ok(!versionMatches("128.0.1", "<", "128"));
  assert.ok(versionMatches("128.0.1", ">=", "128"));
});
