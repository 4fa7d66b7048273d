import assert from "node:assert/strict";
import { recordedProbe } from "../probe.ts";
import { formatDateTime } from "./common.ts";
import { softwares } from "./softwares.ts";

const STATUS = `Package: adduser
Status: install ok installed
Installed-Size: 686
Architecture: all
Version: 3.134
Description: add and remove users and groups

Package: dpkg
Status: install ok installed
Installed-Size: 6584
Architecture: amd64
Version: 1.21.22
Description: Debian package management system
Homepage: https://wiki.debian.org/Teams/Dpkg

Package: libc6
Status: install ok installed
Installed-Size: 13001
Architecture: amd64
Multi-Arch: same
Version: 2.36-9
Description: GNU C Library: Shared libraries

Package: gone
Status: deinstall ok config-files
Architecture: amd64
Version: 1.0
`;

const MAY_20 = new Date(2025, 4, 20, 14, 37, 46).getTime();

Deno.test("softwares: dpkg packages with the agent's fields and a correct INSTALLDATE", async () => {
  const probe = recordedProbe({
    files: { "/var/lib/dpkg/status": STATUS },
    stats: {
      "/var/lib/dpkg/info/adduser.list": { isFile: true, mtimeMs: MAY_20 },
      "/var/lib/dpkg/info/dpkg.list": { isFile: true, mtimeMs: MAY_20 },
      "/var/lib/dpkg/info/libc6:amd64.list": { isFile: true, mtimeMs: MAY_20 },
    },
  });
  const list = await softwares.collect(probe) as Record<string, string>[];
  assert.deepEqual(list.map((s) => s.NAME), ["adduser", "dpkg", "libc6:amd64"]);
  assert.deepEqual(list[1], {
    NAME: "dpkg",
    VERSION: "1.21.22",
    ARCHITECTURE: "amd64",
    FILESIZE: String(6584 * 1024),
    PUBLISHER: "https://wiki.debian.org/Teams/Dpkg",
    COMMENTS: "Debian package management system",
    INSTALLDATE: "2025/05/20 14:37:46",
    FROM: "deb",
  });
  assert.equal(list[2]!.INSTALLDATE, formatDateTime(MAY_20));
});

Deno.test("softwares: rpm, snap and flatpak only where their databases exist", async () => {
  const probe = recordedProbe({
    files: {},
    stats: {
      "/var/lib/rpm/rpmdb.sqlite": { isFile: true },
      "/var/lib/snapd/snaps/core_1.snap": { isFile: true },
    },
    commands: {
      "rpm -qa --queryformat %{NAME}\\t%{ARCH}\\t%{VERSION}-%{RELEASE}\\t%{INSTALLTIME}\\t%{SIZE}\\t%{VENDOR}\\t%{SUMMARY}\\t%{URL}\\n":
        "bash\tx86_64\t5.1.8-9.el9\t1700000000\t7738634\tRed Hat, Inc.\tThe GNU Bourne Again shell\t(none)\n",
      "snap list":
        "Name  Version  Rev  Tracking  Publisher  Notes\ncore  16-2.61  1  latest/stable  canonical✓  core\n",
    },
  });
  const list = await softwares.collect(probe) as Record<string, string>[];
  assert.deepEqual(list.map((s) => `${s.FROM}:${s.NAME}:${s.VERSION}`), [
    "rpm:bash:5.1.8-9.el9",
    "snap:core:16-2.61",
  ]);
  assert.equal(list[0]!.INSTALLDATE, formatDateTime(1700000000 * 1000));
  assert.equal(list[0]!.FILESIZE, "7738634");
  assert.equal(list[1]!.PUBLISHER, "canonical");
  // flatpak: no database, so no command was even tried.
  assert.ok(!probe.messages.some((m) => m.includes("flatpak")));
});

Deno.test("softwares: no package manager at all is no section", async () => {
  assert.equal(await softwares.collect(recordedProbe({})), null);
});
