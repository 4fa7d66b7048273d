import assert from "node:assert/strict";
import { RulePatternError } from "./errors.ts";
import { parseRegexPattern } from "./regex.ts";

Deno.test("parseRegexPattern() always adds the i and s flags and keeps m and u", () => {
  assert.equal(parseRegexPattern("/^(.*)-PC$/").flags, "is");
  assert.equal(parseRegexPattern("/a/i").flags, "is");
  assert.equal(parseRegexPattern("/a/mu").flags, "imsu");
  assert.ok(parseRegexPattern("/^(.*)-pc$/").test("OFFICE-PC"));
  assert.ok(parseRegexPattern("/a.b/").test("a\nb"), "s: dot matches a newline");
});

Deno.test("parseRegexPattern() accepts any PCRE delimiter, brackets closing with their partner", () => {
  assert.equal(parseRegexPattern("#^a/b$#").source, "^a\\/b$");
  assert.ok(parseRegexPattern("#^a/b$#").test("A/B"));
  assert.ok(parseRegexPattern("~x~").test("X"));
  assert.ok(parseRegexPattern("{^a{2}$}").test("aa"));
  assert.ok(parseRegexPattern("(^b$)i").test("B"));
  assert.ok(parseRegexPattern("  /padded/  ").test("PADDED"));
});

Deno.test("parseRegexPattern() translates PCRE named groups and back-references", () => {
  const re = parseRegexPattern("/^(?P<word>\\w+)-(?P=word)$/");
  const match = re.exec("ab-AB");
  assert.equal(match?.groups?.word, "ab");
  assert.ok(!re.test("ab-cd"));
});

Deno.test("parseRegexPattern() refuses missing delimiters, unknown modifiers and bad syntax", () => {
  const cases: [string, RegExp][] = [
    ["", /needs delimiters/],
    ["^abc$", /has no closing "\^" \(write the pattern between delimiters/],
    ["\\abc\\", /needs delimiters/],
    ["/abc", /has no closing "\/"/],
    ["(abc", /has no closing "\)"/],
    ["/abc/x", /modifier "x" is not supported/],
    ["/abc/U", /modifier "U" is not supported/],
    ["/(abc/", /"\/\(abc\/" is invalid: .*/],
    ["/a++/", /is invalid/],
  ];
  for (const [pattern, message] of cases) {
    assert.throws(
      () => parseRegexPattern(pattern),
      (e: unknown) => e instanceof RulePatternError && message.test(e.message),
      pattern,
    );
  }
});
