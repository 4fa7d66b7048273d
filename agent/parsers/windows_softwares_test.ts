import assert from "node:assert/strict";
import { parseCimReport } from "./windows_cim.ts";
import { iconFile, uninstallDate, windowsSoftwares } from "./windows_softwares.ts";

const fixture = (name: string) =>
  Deno.readTextFileSync(new URL(`../../tests/fixtures/agent/windows/${name}`, import.meta.url));

Deno.test("windows SOFTWARES: both views and user hives, duplicates once", () => {
  const list = windowsSoftwares(parseCimReport(fixture("cim-report.json")));
  assert.deepEqual(list.map((s) => [s.NAME, s.BITSWIDTH]), [
    ["Microsoft Edge WebView2 Runtime", "32"],
    ["Mozilla Firefox (x64 de)", "64"],
    ["Office 16 Click-to-Run Extensibility Component", "64"],
    ["7-Zip 23.01 (x64)", "64"],
    ["Lösungs&Werkzeug für AT&T", "32"],
    ["Zoom Workplace", "64"],
  ]);
  assert.deepEqual(list[0], {
    NAME: "Microsoft Edge WebView2 Runtime",
    VERSION: "125.0.2535.67",
    PUBLISHER: "Microsoft Corporation",
    FOLDER: "C:\\Program Files (x86)\\Microsoft\\EdgeWebView\\Application",
    FILENAME: "msedgewebview2.exe",
    FILESIZE: "663746560",
    GUID: "{5A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D}",
    INSTALLDATE: "2024/05/24",
    BITSWIDTH: "32",
    SOURCE: "1",
  });
  assert.equal(list[3]!.INSTALLDATE, undefined, "not YYYYMMDD: left for the server");
  assert.equal(list[2]!.LANGUAGE, "English (United States)");
  assert.equal(list[4]!.FOLDER, "C:\\Program Files\\Beispiel\\");
  assert.equal(list[4]!.FILESIZE, undefined);
  assert.equal(list[5]!.FILENAME, "Zoom.exe");
});

Deno.test("windows SOFTWARES: a single entry as a bare object; junk entries skipped", () => {
  const list = windowsSoftwares(parseCimReport(fixture("cim-report-pwsh7-desktop.json")));
  assert.equal(list.length, 1);
  assert.equal(list[0]!.GUID, "{0F5C1A2B-3C4D-4E5F-8A9B-0C1D2E3F4A5B}");
  assert.deepEqual(
    windowsSoftwares({ Uninstall: [null, 3, { DisplayName: "" }, { Key: "x" }] }),
    [],
  );
});

Deno.test("windows uninstall values: dates and icon files", () => {
  assert.equal(uninstallDate("20240229"), "2024/02/29");
  assert.equal(uninstallDate("20241301"), undefined);
  assert.equal(uninstallDate(20240105), "2024/01/05");
  assert.equal(uninstallDate("2024-01-05"), undefined);
  assert.equal(iconFile('"C:\\A B\\app.exe",-101'), "app.exe");
  assert.equal(iconFile("C:\\Windows\\Installer\\{X}\\icon.ico"), "icon.ico");
  assert.equal(iconFile("C:\\Program Files\\App"), undefined);
});
