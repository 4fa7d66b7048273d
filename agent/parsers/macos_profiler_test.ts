import assert from "node:assert/strict";
import { ToolOutputError } from "./entries.ts";
import {
  children,
  flatten,
  isYes,
  itemsOf,
  megabytes,
  megahertz,
  parseSystemProfiler,
  token,
} from "./macos_profiler.ts";

Deno.test("system_profiler: data types, nested items", () => {
  const report = parseSystemProfiler(
    Deno.readTextFileSync(
      new URL("../../tests/fixtures/agent/macos/system_profiler.json", import.meta.url),
    ),
  );
  // SPUSBHostDataType is unknown before macOS 26: system_profiler leaves it out.
  assert.equal(Object.keys(report).length, 13);
  assert.equal(itemsOf(report, "SPApplicationsDataType").length, 3);
  assert.deepEqual(itemsOf(report, "SPNoSuchDataType"), []);
  const buses = itemsOf(report, "SPUSBDataType");
  assert.equal(children(buses[0]!).length, 1);
  assert.deepEqual(flatten(children(buses[0]!)).map((d) => d._name), [
    "USB3.1 Hub",
    "USB Receiver",
    "Portable SSD T7",
  ]);
});

Deno.test("system_profiler: truncated or garbage output is a clear error", () => {
  const full = Deno.readTextFileSync(
    new URL("../../tests/fixtures/agent/macos/system_profiler.json", import.meta.url),
  );
  assert.throws(
    () => parseSystemProfiler(full.slice(0, 5000)),
    (e: unknown) => e instanceof ToolOutputError && /^system_profiler: not JSON/.test(e.message),
  );
  assert.throws(
    () => parseSystemProfiler("2024-05-30 system_profiler[123] crashed"),
    ToolOutputError,
  );
  assert.throws(() => parseSystemProfiler("[1, 2]"), /not a JSON object/);
  // A data type of the wrong shape is dropped; the others stay.
  const odd = parseSystemProfiler(
    '{"SPHardwareDataType": "oops", "SPAudioDataType": [1, {"_name": "x"}]}',
  );
  assert.deepEqual(odd, { SPAudioDataType: [{ _name: "x" }] });
});

Deno.test("system_profiler values: sizes, clocks, tokens", () => {
  assert.equal(megabytes("16 GB"), 16384);
  assert.equal(megabytes("1536 MB"), 1536);
  assert.equal(megabytes("1,5 GB"), 1536);
  assert.equal(megabytes("lots"), undefined);
  assert.equal(megabytes(16), undefined);
  assert.equal(megahertz("2.3 GHz"), 2300);
  assert.equal(megahertz("2,6 GHz"), 2600);
  assert.equal(megahertz("3733 MHz"), 3733);
  assert.equal(megahertz("empty"), undefined);
  assert.equal(token("spdisplays_internal", "spdisplays_"), "internal");
  assert.equal(token("", "x"), undefined);
  assert.ok(isYes("spdisplays_yes") && isYes("TRUE") && isYes("yes"));
  assert.ok(!isYes("no") && !isYes("FALSE") && !isYes(undefined));
});
