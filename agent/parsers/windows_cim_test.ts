import assert from "node:assert/strict";
import { ToolOutputError } from "./entries.ts";
import {
  biosDate,
  cimDate,
  first,
  instances,
  isoDate,
  parseCimReport,
  real,
  reportErrors,
  scalars,
  slashDate,
  splitAccount,
} from "./windows_cim.ts";

const fixture = (name: string) =>
  Deno.readTextFileSync(new URL(`../../tests/fixtures/agent/windows/${name}`, import.meta.url));

Deno.test("CIM report: lists, bare objects, nulls, 5.1 array wrappers, errors", () => {
  const report = parseCimReport(fixture("cim-report.json"));
  assert.equal(instances(report, "Processor").length, 1);
  assert.equal(instances(report, "CurrentVersion").length, 1, "a bare object is a list of one");
  assert.deepEqual(instances(report, "BatteryCycleCount"), []);
  assert.deepEqual(instances(report, "NoSuchKey"), []);
  assert.deepEqual(reportErrors(report), ["BatteryCycleCount: Not supported "]);
  const desktop = parseCimReport(fixture("cim-report-pwsh7-desktop.json"));
  assert.deepEqual(instances(desktop, "BaseBoard"), [], "null: the class failed");
  assert.deepEqual(first(desktop, "BaseBoard"), {});
  assert.equal(instances(desktop, "Controllers").length, 1, "{value, Count} unwrapped");
  assert.deepEqual(scalars(first(desktop, "NetworkAdapterConfiguration").IPAddress), [
    "192.0.2.77",
  ]);
  assert.deepEqual(scalars(first(desktop, "SystemEnclosure").ChassisTypes), [1]);
  assert.deepEqual(scalars(null), []);
});

Deno.test("CIM report: BOM tolerated; garbage, PowerShell errors and truncation are clear errors", () => {
  assert.deepEqual(parseCimReport('\uFEFF{"SchemaVersion":1}'), { SchemaVersion: 1 });
  assert.deepEqual(parseCimReport('WARNING: slow WMI provider\r\n{"SchemaVersion":1}\r\n'), {
    SchemaVersion: 1,
  });
  const full = fixture("cim-report.json");
  assert.throws(
    () => parseCimReport(full.slice(0, full.length / 2)),
    (e: unknown) => e instanceof ToolOutputError && /^PowerShell report: not JSON/.test(e.message),
  );
  assert.throws(
    () =>
      parseCimReport(
        "Get-CimInstance : Access denied\r\nAt line:1 char:1\r\n+ CategoryInfo : PermissionDenied",
      ),
    /starts with "Get-CimInstance : Access denied At line:1/,
  );
  assert.throws(() => parseCimReport("[]"), /not a JSON object/);
  assert.throws(() => parseCimReport(""), ToolOutputError);
});

Deno.test("CIM dates: /Date(ms)/, DMTF, ISO, wrapped, unset", () => {
  const noonUtc = cimDate("/Date(1704456000000)/")!;
  assert.equal(slashDate(noonUtc), "2024/01/05", "noon UTC is the 5th in any usual time zone");
  const dmtf = cimDate("20240105000000.000000+060")!;
  assert.deepEqual(dmtf, { year: 2024, month: 1, day: 5, hour: 0, minute: 0, second: 0 });
  assert.equal(biosDate(dmtf), "01/05/2024");
  assert.equal(isoDate(cimDate("2024-02-29T10:15:00+01:00")!), "2024-02-29");
  assert.equal(slashDate(cimDate("20230801******.******+***")!), "2023/08/01");
  assert.equal(
    slashDate(cimDate({ value: "/Date(1704456000000)/", DisplayHint: 2, DateTime: "Friday" })!),
    "2024/01/05",
  );
  assert.equal(cimDate("/Date(-62135596800000)/"), undefined, "DateTime.MinValue");
  assert.equal(cimDate("00000000000000.000000+000"), undefined);
  assert.equal(cimDate("yesterday"), undefined);
  assert.equal(cimDate(20240105), undefined);
  assert.equal(cimDate(null), undefined);
});

Deno.test("CIM values: placeholders and accounts", () => {
  assert.equal(real("  To be filled by O.E.M. "), undefined);
  assert.equal(real("Default string"), undefined);
  assert.equal(real("0"), undefined);
  assert.equal(real(" 4B5RKM3 "), "4B5RKM3");
  assert.equal(real(42), "42");
  assert.deepEqual(splitAccount("CORP\\jdoe"), { domain: "CORP", user: "jdoe" });
  assert.deepEqual(splitAccount("jdoe"), { user: "jdoe" });
  assert.deepEqual(splitAccount(null), {});
});
