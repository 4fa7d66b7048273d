import assert from "node:assert/strict";
import {
  bootTimeSeconds,
  parseIoreg,
  parseSwVers,
  parseSysctl,
  parseWho,
  swapTotalMb,
} from "./macos_kv.ts";

const fixture = (name: string) =>
  Deno.readTextFileSync(new URL(`../../tests/fixtures/agent/macos/${name}`, import.meta.url));

Deno.test("macos sysctl: values by name, units of swap and boot time", () => {
  const v = parseSysctl(fixture("sysctl.txt"));
  assert.equal(v["hw.memsize"], "17179869184");
  assert.equal(v["machdep.cpu.brand_string"], "Apple M2 Pro");
  assert.match(v["kern.version"]!, /^Darwin Kernel Version 23\.5\.0: .*T6000$/);
  assert.equal(swapTotalMb(v["vm.swapusage"]), 2048);
  assert.equal(swapTotalMb("total = 1.00G  used = 0.50G"), 1024);
  assert.equal(swapTotalMb("garbage"), undefined);
  assert.equal(bootTimeSeconds(v["kern.boottime"]), 1717052400);
  assert.equal(bootTimeSeconds(undefined), undefined);
});

Deno.test("macos sysctl: continuation lines and garbage", () => {
  assert.deepEqual(parseSysctl("a.b: one\n  two\nc: 3\n"), { "a.b": "one\ntwo", c: "3" });
  assert.deepEqual(parseSysctl("\u0000\u0001 nothing here\n"), {});
});

Deno.test("macos sw_vers", () => {
  assert.deepEqual(parseSwVers(fixture("sw_vers.txt")), {
    ProductName: "macOS",
    ProductVersion: "14.5",
    BuildVersion: "23F79",
  });
});

Deno.test('macos ioreg: strings, <"…"> data, printable blobs; unserializable values skipped', () => {
  const v = parseIoreg(fixture("ioreg.txt"));
  assert.equal(v.IOPlatformUUID, "5B0A3C1D-2E4F-5A6B-8C7D-9E0F1A2B3C4D");
  assert.equal(v.IOPlatformSerialNumber, "F2XK7QWERT");
  assert.equal(v.manufacturer, "Apple Inc.");
  assert.equal(v.model, "Mac14,10");
  assert.equal(v.compatible, "J414cAP");
  assert.equal(v["target-type"], "J414c");
  assert.equal(v["platform-name"], "t6020");
  assert.equal(v["#address-cells"], undefined, "binary, not text");
  assert.equal(v.IOPolledInterface, "AppleARMWatchdogTimerHibernateHandler is not serializable");
});

Deno.test("macos who: console user first, distinct", () => {
  assert.deepEqual(parseWho(fixture("who.txt")), ["jane", "admin"]);
  assert.deepEqual(parseWho(""), []);
});
