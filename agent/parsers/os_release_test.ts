import assert from "node:assert/strict";
import { parseOsRelease } from "./os_release.ts";

Deno.test("os-release: quoted, single-quoted, unquoted and escaped values", () => {
  const fields = parseOsRelease(`# comment
PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
NAME='Debian GNU/Linux'
VERSION_ID=12
ID=debian
QUOTED="say \\"hi\\" \\$HOME"

bad line
`);
  assert.equal(fields.PRETTY_NAME, "Debian GNU/Linux 12 (bookworm)");
  assert.equal(fields.NAME, "Debian GNU/Linux");
  assert.equal(fields.VERSION_ID, "12");
  assert.equal(fields.QUOTED, 'say "hi" $HOME');
  assert.equal(Object.keys(fields).length, 5);
});

Deno.test("os-release: truncated and garbage input", () => {
  assert.deepEqual(parseOsRelease(""), {});
  assert.deepEqual(parseOsRelease("\u0000\u0001=\n==\n"), {});
  // A value cut before its closing quote keeps what there is.
  assert.equal(parseOsRelease('NAME="Debian GNU').NAME, "Debian GNU");
});
