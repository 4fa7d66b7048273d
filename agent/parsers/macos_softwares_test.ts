import assert from "node:assert/strict";
import { formatDateTime } from "./entries.ts";
import { parseSystemProfiler } from "./macos_profiler.ts";
import { macSoftwares, publisher } from "./macos_softwares.ts";

Deno.test("macos SOFTWARES: application bundles with signature publisher and bundle date", () => {
  const report = parseSystemProfiler(
    Deno.readTextFileSync(
      new URL("../../tests/fixtures/agent/macos/system_profiler.json", import.meta.url),
    ),
  );
  const apps = macSoftwares(report);
  assert.equal(apps.length, 3);
  assert.deepEqual(apps[1], {
    NAME: "Firefox",
    VERSION: "126.0",
    PUBLISHER: "Mozilla Corporation",
    FOLDER: "/Applications/Firefox.app",
    FILENAME: "Firefox.app",
    COMMENTS: "Firefox 126.0",
    INSTALLDATE: formatDateTime(Date.parse("2024-05-21T16:02:44Z")),
    ARCHITECTURE: "arm64 x86_64",
    BITSWIDTH: "64",
    FROM: "app",
  });
  assert.match(String(apps[1]!.INSTALLDATE), /^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d$/);
  assert.equal(apps[0]!.PUBLISHER, "Apple Inc.");
  assert.equal(apps[2]!.PUBLISHER, undefined);
  assert.equal(apps[2]!.ARCHITECTURE, "x86_64");
});

Deno.test("macos SOFTWARES: nameless or dateless items", () => {
  const apps = macSoftwares({
    SPApplicationsDataType: [{ version: "1" }, { _name: "X", lastModified: "yesterday" }],
  });
  assert.deepEqual(apps, [{ NAME: "X", FROM: "app" }]);
  assert.equal(publisher(["Apple Mac OS Application Signing"], "mac_app_store"), undefined);
  assert.equal(publisher(["Developer ID Application: Jane Doe"], undefined), "Jane Doe");
});
