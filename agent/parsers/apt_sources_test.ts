import assert from "node:assert/strict";
import { parseDeb822Sources, parseSourcesList, uniqueSources } from "./apt_sources.ts";

Deno.test("sources.list: one-line entries with options, comments, deb-src skipped", () => {
  const sources = parseSourcesList(`# main archive
deb http://deb.debian.org/debian/ bookworm main contrib
deb-src http://deb.debian.org/debian bookworm main
deb [arch=amd64 signed-by=/usr/share/keyrings/x.gpg] https://packages.cloud.google.com/apt cloud-sdk main # trailing
deb file:/srv/repo ./
`);
  assert.deepEqual(sources, [
    { uri: "http://deb.debian.org/debian", suite: "bookworm", component: "main" },
    { uri: "http://deb.debian.org/debian", suite: "bookworm", component: "contrib" },
    { uri: "https://packages.cloud.google.com/apt", suite: "cloud-sdk", component: "main" },
    { uri: "file:/srv/repo", suite: "./", component: "" },
  ]);
});

Deno.test("deb822: suites × components, disabled and deb-src-only stanzas skipped", () => {
  const sources = parseDeb822Sources(`Types: deb
# http://snapshot.debian.org/archive/debian/20250520T000000Z
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: main

Types: deb deb-src
URIs: http://deb.debian.org/debian-security
Suites: bookworm-security
Components:
 main
 non-free

Enabled: no
Types: deb
URIs: https://deb.nodesource.com/node_20.x
Suites: nodistro
Components: main
`);
  assert.deepEqual(sources.map((s) => `${s.uri} ${s.suite}/${s.component}`), [
    "http://deb.debian.org/debian bookworm/main",
    "http://deb.debian.org/debian bookworm-updates/main",
    "http://deb.debian.org/debian-security bookworm-security/main",
    "http://deb.debian.org/debian-security bookworm-security/non-free",
  ]);
  assert.equal(uniqueSources([...sources, ...sources]).length, 4);
});

Deno.test("apt sources: truncated and garbage input", () => {
  assert.deepEqual(parseSourcesList(""), []);
  assert.deepEqual(parseSourcesList("deb\ndeb http://x\n\u0000 [ ] deb"), []);
  assert.deepEqual(parseDeb822Sources("Types: deb\nURIs: http://x"), []);
  assert.deepEqual(parseDeb822Sources(":::\n\n \n\u0001"), []);
});
