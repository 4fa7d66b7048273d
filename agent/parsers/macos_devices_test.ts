import assert from "node:assert/strict";
import {
  macBatteries,
  macMonitors,
  macPrinters,
  macSounds,
  macUsbDevices,
  macVideos,
  pnpIdFromHex,
} from "./macos_devices.ts";
import { parseSystemProfiler } from "./macos_profiler.ts";

const fixture = (name: string) =>
  Deno.readTextFileSync(new URL(`../../tests/fixtures/agent/macos/${name}`, import.meta.url));
const silicon = parseSystemProfiler(fixture("system_profiler.json"));
const intel = parseSystemProfiler(fixture("system_profiler-intel.json"));

Deno.test("macos VIDEOS: GPU, vendor, VRAM (dedicated or shared), screen pixels", () => {
  assert.deepEqual(macVideos(silicon), [
    { NAME: "Apple M2 Pro", CHIPSET: "Apple", RESOLUTION: "3456x2234" },
  ]);
  assert.deepEqual(macVideos(intel), [
    { NAME: "Intel UHD Graphics 630", CHIPSET: "Intel", MEMORY: "1536" },
    { NAME: "AMD Radeon Pro 5500M", CHIPSET: "AMD", MEMORY: "4096", RESOLUTION: "3072x1920" },
  ]);
});

Deno.test("macos MONITORS: built-in and external displays, PNP vendor", () => {
  assert.deepEqual(macMonitors(silicon), [
    {
      CAPTION: "Color LCD",
      MANUFACTURER: "Apple Computer Inc",
      SERIAL: "fd626d62",
      TYPE: "internal",
    },
    {
      CAPTION: "DELL U2720Q",
      MANUFACTURER: "Dell Inc.",
      SERIAL: "4c4d3230",
      DESCRIPTION: "14/2021",
    },
  ]);
  assert.equal(pnpIdFromHex("610"), "APP");
  assert.equal(pnpIdFromHex("0x10ac"), "DEL");
  assert.equal(pnpIdFromHex("zz"), undefined);
  assert.equal(pnpIdFromHex("0"), undefined);
});

Deno.test("macos SOUNDS", () => {
  assert.deepEqual(macSounds(silicon), [
    {
      NAME: "MacBook Pro Microphone",
      MANUFACTURER: "Apple Inc.",
      DESCRIPTION: "builtin input",
    },
    {
      NAME: "MacBook Pro Speakers",
      MANUFACTURER: "Apple Inc.",
      DESCRIPTION: "builtin output",
    },
  ]);
});

Deno.test("macos USBDEVICES: devices behind hubs, both system_profiler shapes", () => {
  assert.deepEqual(macUsbDevices(silicon), [
    { DESCRIPTION: "USB3.1 Hub", MANUFACTURER: "VIA Labs, Inc." },
    { DESCRIPTION: "USB Receiver", MANUFACTURER: "Logitech" },
    { DESCRIPTION: "Portable SSD T7", MANUFACTURER: "Samsung", SERIAL: "S5SXNS0R123456A" },
  ]);
  assert.deepEqual(macUsbDevices(intel), [
    { DESCRIPTION: "USB3.1 Hub", MANUFACTURER: "VIA Labs, Inc." },
    { DESCRIPTION: "USB 10/100/1000 LAN", MANUFACTURER: "Realtek", SERIAL: "000001" },
  ]);
});

Deno.test("macos BATTERIES: charge in % (macOS 12+) or from capacities (older)", () => {
  assert.deepEqual(macBatteries(silicon), [{
    NAME: "bq40z651",
    MANUFACTURER: "SMP",
    SERIALNUMBER: "F8Y2145ABCDEFGH1J",
    CYCLES: "123",
    STATUS: "Discharging",
    ESTIMATEDCHARGEREMAINING: "87",
    DESCRIPTION: "Condition: Good, maximum capacity 92%",
  }]);
  const [old] = macBatteries(intel);
  assert.equal(old!.ESTIMATEDCHARGEREMAINING, "50");
  assert.equal(old!.STATUS, "Charging");
  assert.equal(old!.DESCRIPTION, "Condition: Service Recommended");
});

Deno.test("macos PRINTERS", () => {
  assert.deepEqual(macPrinters(silicon), [{
    NAME: "HP_LaserJet_Pro_M404",
    DRIVER: "HP LaserJet Pro M404-M405",
    PORT: "ipp://192.168.1.50/ipp/print",
    SHARED: "0",
    NETWORK: "1",
  }]);
  assert.deepEqual(macPrinters(intel), []);
});
