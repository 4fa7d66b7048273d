import assert from "node:assert/strict";
import { binaryPackageName, parseDpkgStatus } from "./dpkg_status.ts";

const STATUS = `Package: adduser
Status: install ok installed
Priority: important
Installed-Size: 686
Architecture: all
Multi-Arch: foreign
Version: 3.134
Description: add and remove users and groups
 This package includes the 'adduser' and 'deluser' commands for creating
 and removing users.
Conffiles:
 /etc/adduser.conf cc3493ecd2d809de3b25ad6ab4e7e6b1

Package: dpkg
Status: install ok installed
Installed-Size: 6584
Architecture: amd64
Version: 1.21.22
Description: Debian package management system

Package: libc6
Status: hold ok installed
Installed-Size: 13001
Architecture: amd64
Multi-Arch: same
Version: 2.36-9+deb12u14
Description: GNU C Library: Shared libraries
Homepage: https://www.gnu.org/software/libc/libc.html

Package: wine32
Status: install ok installed
Architecture: i386
Version: 8.0
Description: foreign package

Package: removed
Status: deinstall ok config-files
Architecture: amd64
Version: 1.0

Package: half
Status: install reinstreq half-installed
Architecture: amd64
Version: 1.0

Package: pending
Status: install ok triggers-pending
Architecture: amd64
Version: 2.0
`;

Deno.test("dpkg status: installed packages with the agent's fields", () => {
  const packages = parseDpkgStatus(STATUS);
  assert.deepEqual(packages.map((p) => p.name), [
    "adduser",
    "dpkg",
    "libc6:amd64",
    "wine32:i386",
    "pending",
  ]);
  const [adduser, , libc] = packages;
  assert.equal(adduser!.version, "3.134");
  assert.equal(adduser!.installedSizeKib, 686);
  assert.equal(adduser!.summary, "add and remove users and groups");
  assert.equal(adduser!.homepage, undefined);
  assert.equal(libc!.package, "libc6");
  assert.equal(libc!.homepage, "https://www.gnu.org/software/libc/libc.html");
});

Deno.test("dpkg status: binary:Package naming", () => {
  const p = (architecture: string, multiArch?: string) => ({
    package: "x",
    architecture,
    multiArch,
  });
  assert.equal(binaryPackageName(p("amd64", "same"), "amd64"), "x:amd64");
  assert.equal(binaryPackageName(p("amd64", "foreign"), "amd64"), "x");
  assert.equal(binaryPackageName(p("all"), "amd64"), "x");
  assert.equal(binaryPackageName(p("i386"), "amd64"), "x:i386");
  assert.equal(binaryPackageName(p("")), "x");
});

Deno.test("dpkg status: truncated and garbage input", () => {
  assert.deepEqual(parseDpkgStatus(""), []);
  assert.deepEqual(parseDpkgStatus("\u0000\u0001garbage\n\n:::\n"), []);
  // Cut in the middle of a stanza: complete stanzas survive, the cut one needs its Version.
  const cut = STATUS.slice(0, STATUS.indexOf("Version: 1.21.22"));
  assert.deepEqual(parseDpkgStatus(cut).map((p) => p.name), ["adduser"]);
  assert.deepEqual(
    parseDpkgStatus("Package: a\nStatus: install ok installed\nVersion: 1\n")[0]?.name,
    "a",
  );
});
