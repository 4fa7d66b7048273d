import assert from "node:assert/strict";
import { parseFlatpakList, parseRpmQuery, parseSnapList } from "./packages.ts";

Deno.test("rpm query: tab-separated fields, (none) dropped", () => {
  const packages = parseRpmQuery(
    "bash\tx86_64\t5.1.8-9.el9\t1700000000\t7738634\tRed Hat, Inc.\tThe GNU Bourne Again shell\thttps://www.gnu.org/software/bash\n" +
      "gpg-pubkey\t(none)\tfd431d51-4ae0493b\t1690000000\t0\t(none)\tgpg(Red Hat)\t(none)\n",
  );
  assert.deepEqual(packages[0], {
    name: "bash",
    version: "5.1.8-9.el9",
    architecture: "x86_64",
    installTime: 1700000000,
    sizeBytes: 7738634,
    publisher: "Red Hat, Inc.",
    summary: "The GNU Bourne Again shell",
    url: "https://www.gnu.org/software/bash",
  });
  assert.equal(packages[1]!.architecture, undefined);
  assert.equal(packages[1]!.publisher, undefined);
});

Deno.test("snap list and flatpak list", () => {
  const snaps = parseSnapList(`Name    Version   Rev    Tracking       Publisher   Notes
core22  20240111  1122   latest/stable  canonical✓  base
firefox 122.0-2   3728   latest/stable  mozilla**   -
`);
  assert.deepEqual(snaps.map((s) => [s.name, s.version, s.publisher]), [
    ["core22", "20240111", "canonical"],
    ["firefox", "122.0-2", "mozilla"],
  ]);
  const flatpaks = parseFlatpakList(
    "org.gimp.GIMP\t2.10.36\tx86_64\tflathub\tGNU Image Manipulation Program\n",
  );
  assert.deepEqual(flatpaks, [{
    name: "org.gimp.GIMP",
    version: "2.10.36",
    architecture: "x86_64",
    publisher: "flathub",
    summary: "GNU Image Manipulation Program",
  }]);
});

Deno.test("package lists: truncated and garbage input", () => {
  assert.deepEqual(parseRpmQuery(""), []);
  assert.deepEqual(parseRpmQuery("bash\tx86_64\t5.1"), []);
  assert.deepEqual(parseSnapList("error: cannot communicate with server"), []);
  assert.deepEqual(parseSnapList("Name Version\ncore"), []);
  assert.deepEqual(parseFlatpakList("\u0000\t\t\t\t"), []);
});
