import assert from "node:assert/strict";
import { parseCimReport } from "./windows_cim.ts";
import {
  windowsBatteries,
  windowsMonitors,
  windowsPrinters,
  windowsSounds,
  windowsUsbDevices,
  windowsVideos,
} from "./windows_devices.ts";

const fixture = (name: string) =>
  Deno.readTextFileSync(new URL(`../../tests/fixtures/agent/windows/${name}`, import.meta.url));
const laptop = parseCimReport(fixture("cim-report.json"));
const desktop = parseCimReport(fixture("cim-report-pwsh7-desktop.json"));

Deno.test("windows VIDEOS and SOUNDS", () => {
  assert.deepEqual(windowsVideos(laptop), [{
    NAME: "Intel(R) Iris(R) Xe Graphics",
    CHIPSET: "Intel(R) Iris(R) Xe Graphics Family",
    MEMORY: "1024",
    RESOLUTION: "1920 x 1200",
  }]);
  assert.deepEqual(windowsVideos(desktop), [{
    NAME: "Microsoft Basic Display Adapter",
    RESOLUTION: "1280 x 800",
  }]);
  assert.deepEqual(windowsSounds(laptop).map((s) => s.MANUFACTURER), [
    "Realtek",
    "Intel(R) Corporation",
  ]);
});

Deno.test("windows MONITORS: EDID ids (text or code lists), else Win32_DesktopMonitor", () => {
  assert.deepEqual(windowsMonitors(laptop), [
    { MANUFACTURER: "AU Optronics", DESCRIPTION: "8/2023" },
    {
      MANUFACTURER: "Dell Inc.",
      CAPTION: "DELL P2423D",
      SERIAL: "7QXD2J3",
      DESCRIPTION: "36/2022",
    },
  ]);
  const codes = (s: string) => [...s].map((c) => c.charCodeAt(0)).concat([0, 0]);
  assert.deepEqual(
    windowsMonitors({
      MonitorID: [{
        ManufacturerName: codes("SAM"),
        UserFriendlyName: codes("S24R35x"),
        SerialNumberID: codes("H4ZR300123"),
        YearOfManufacture: 2021,
        WeekOfManufacture: 3,
      }],
    }),
    [{
      MANUFACTURER: "Samsung Electric Company",
      CAPTION: "S24R35x",
      SERIAL: "H4ZR300123",
      DESCRIPTION: "3/2021",
    }],
  );
  // Week 255 makes the year a model year; TOS is named from the embedded PNP table.
  assert.deepEqual(
    windowsMonitors({
      MonitorID: [{
        ManufacturerName: codes("TOS"),
        YearOfManufacture: 2013,
        WeekOfManufacture: 255,
      }],
    }),
    [{ MANUFACTURER: "Dynabook Inc.", DESCRIPTION: "model year 2013" }],
  );
  assert.deepEqual(windowsMonitors(desktop), [{
    MANUFACTURER: "(Standard monitor types)",
    CAPTION: "Generic Non-PnP Monitor",
    TYPE: "Generic Non-PnP Monitor",
  }]);
});

Deno.test("windows PRINTERS", () => {
  assert.deepEqual(windowsPrinters(laptop), [
    {
      NAME: "\\\\print01.corp.example.com\\FIN-2F-MFP",
      DRIVER: "HP Universal Printing PCL 6",
      PORT: "IP_10.20.40.15",
      SERVERNAME: "\\\\print01.corp.example.com",
      SHARENAME: "FIN-2F-MFP",
      RESOLUTION: "600 x 600",
      COMMENT: "Finance 2nd floor",
      SHARED: "1",
      NETWORK: "1",
    },
    {
      NAME: "Microsoft Print to PDF",
      DRIVER: "Microsoft Print To PDF",
      PORT: "PORTPROMPT:",
      RESOLUTION: "600 x 600",
      SHARED: "0",
      NETWORK: "0",
    },
  ]);
});

Deno.test("windows BATTERIES: Win32_Battery with root/wmi static data", () => {
  assert.deepEqual(windowsBatteries(laptop), [{
    NAME: "DELL M033W16",
    MANUFACTURER: "Samsung SDI",
    SERIALNUMBER: "4321",
    CHEMISTRY: "Lithium-ion",
    DESIGNCAPACITY: "57000",
    DESIGNVOLTAGE: "11610",
    STATUS: "AC power",
    ESTIMATEDCHARGEREMAINING: "74",
    DESCRIPTION: "Internal Battery",
  }]);
  assert.deepEqual(windowsBatteries(desktop), []);
});

Deno.test("windows USBDEVICES: devices only (no interfaces, hubs or HID children)", () => {
  assert.deepEqual(windowsUsbDevices(laptop), [
    { DESCRIPTION: "USB Composite Device", TYPE: "USB" },
    {
      DESCRIPTION: "USB Mass Storage Device",
      MANUFACTURER: "Compatible USB storage device",
      SERIAL: "32303234303131303030303231",
      TYPE: "USB",
    },
  ]);
});
