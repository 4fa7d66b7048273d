import assert from "node:assert/strict";
import { parseDf } from "./macos_df.ts";
import { parseSystemProfiler } from "./macos_profiler.ts";
import { macControllers, macDrives, macStorages } from "./macos_storage.ts";

const fixture = (name: string) =>
  Deno.readTextFileSync(new URL(`../../tests/fixtures/agent/macos/${name}`, import.meta.url));
const silicon = parseSystemProfiler(fixture("system_profiler.json"));
const intel = parseSystemProfiler(fixture("system_profiler-intel.json"));

Deno.test("macos STORAGES: NVMe/SATA disks, then external drives once", () => {
  assert.deepEqual(macStorages(silicon), [
    {
      NAME: "disk0",
      MODEL: "APPLE SSD AP0512Z",
      MANUFACTURER: "Apple",
      DESCRIPTION: "NVMe",
      TYPE: "disk",
      DISKSIZE: "500277.792768",
      SERIALNUMBER: "0ba01e4c8a5f2c31",
      FIRMWARE: "1412.120",
    },
    {
      NAME: "Samsung Portable SSD T7",
      MODEL: "Samsung Portable SSD T7",
      MANUFACTURER: "Samsung",
      DESCRIPTION: "USB",
      TYPE: "ssd",
    },
  ]);
  const [sata] = macStorages(intel);
  assert.equal(sata!.DESCRIPTION, "SATA Solid State");
  assert.equal(sata!.NAME, "disk1");
});

Deno.test("macos DRIVES: device-backed filesystems, type and label from SPStorageDataType", () => {
  const drives = macDrives(parseDf(fixture("df.txt")), silicon);
  assert.deepEqual(drives.map((d) => d.TYPE), [
    "/",
    "/System/Volumes/VM",
    "/System/Volumes/Preboot",
    "/System/Volumes/Update",
    "/System/Volumes/Data",
    "/Volumes/Backup",
  ]);
  assert.deepEqual(drives[0], {
    TYPE: "/",
    VOLUMN: "/dev/disk3s1s1",
    FILESYSTEM: "APFS",
    LABEL: "Macintosh HD",
    TOTAL: "471482",
    FREE: "292980",
  });
  assert.equal(drives[5]!.FILESYSTEM, "HFS+");
  assert.equal(drives[1]!.FILESYSTEM, undefined, "not in the report: left out");
  // Without system_profiler the sizes still come.
  assert.equal(macDrives(parseDf(fixture("df.txt")), null)[0]!.TOTAL, "471482");
});

Deno.test("macos CONTROLLERS: disk controllers and USB buses", () => {
  assert.deepEqual(macControllers(silicon).map((c) => [c.NAME, c.TYPE, c.DESCRIPTION]), [
    ["Apple SSD Controller", "NVMe", "NVMe controller"],
    ["USB31Bus", "USB", "AppleT6000USBXHCI"],
    ["USB31Bus", "USB", "AppleT6000USBXHCI"],
  ]);
  assert.deepEqual(macControllers(intel).map((c) => [c.NAME, c.MANUFACTURER, c.DESCRIPTION]), [
    ["Intel 300 Series Chipset", "Intel", "SATA Controller"],
    ["USB 3.1 Bus", undefined, "AppleUSBXHCITR"],
    ["USB 3.1 Bus", undefined, "AppleUSBXHCITR"],
  ]);
});
