/**
 * Windows VIDEOS, SOUNDS, MONITORS, PRINTERS, BATTERIES and USBDEVICES from the CIM report
 * (Win32_VideoController, Win32_SoundDevice, WmiMonitorID or Win32_DesktopMonitor,
 * Win32_Printer, Win32_Battery with the root/wmi battery data, USB PnP devices).
 *
 * @module
 */

import type { SimpleObject } from "../../protocol/mod.ts";
import { entry, num, text } from "./entries.ts";
import { manufactureDate, pnpVendorName } from "./edid.ts";
import { type CimObject, type CimReport, instances, real, scalars } from "./windows_cim.ts";

const MB = 1024 * 1024;

/** `H x V`, the OCS Windows agent's resolution wording. */
const resolution = (h: unknown, v: unknown) =>
  num(h) && num(v) ? `${num(h)} x ${num(v)}` : undefined;

/** VIDEOS: NAME the adapter, CHIPSET the video processor, MEMORY in MiB. */
export function windowsVideos(report: CimReport): SimpleObject[] {
  return instances(report, "VideoController").map((v) => {
    const ram = num(v.AdapterRAM);
    return entry({
      NAME: real(v.Name),
      CHIPSET: real(v.VideoProcessor),
      // AdapterRAM is a uint32: it cannot say more than 4 GiB.
      MEMORY: ram && ram > 0 ? Math.trunc(ram / MB) : undefined,
      RESOLUTION: resolution(v.CurrentHorizontalResolution, v.CurrentVerticalResolution),
    });
  });
}

/** SOUNDS. */
export function windowsSounds(report: CimReport): SimpleObject[] {
  return instances(report, "SoundDevice").map((s) =>
    entry({
      NAME: real(s.Name),
      MANUFACTURER: real(s.Manufacturer),
      DESCRIPTION: real(s.ProductName) ?? real(s.Caption),
    })
  );
}

/** A WmiMonitorID string: text from the script, or the raw UTF-16 code list. */
function monitorText(value: unknown): string | undefined {
  if (typeof value === "string") return real(value);
  const codes = scalars(value).map(Number).filter((c) => c > 0);
  return codes.length ? real(String.fromCharCode(...codes)) : undefined;
}

/** MONITORS from the EDID data of WmiMonitorID, else from Win32_DesktopMonitor. */
export function windowsMonitors(report: CimReport): SimpleObject[] {
  const ids = instances(report, "MonitorID");
  if (ids.length > 0) {
    return ids.map((m) => {
      const pnp = monitorText(m.ManufacturerName);
      const year = num(m.YearOfManufacture);
      return entry({
        MANUFACTURER: pnp ? pnpVendorName(pnp) ?? pnp : undefined,
        CAPTION: monitorText(m.UserFriendlyName),
        SERIAL: monitorText(m.SerialNumberID),
        DESCRIPTION: year ? manufactureDate(num(m.WeekOfManufacture) ?? 0, year) : undefined,
      });
    });
  }
  return instances(report, "DesktopMonitor").map((m) =>
    entry({
      MANUFACTURER: real(m.MonitorManufacturer),
      CAPTION: real(m.Name),
      TYPE: real(m.MonitorType),
    })
  );
}

const flag = (value: unknown) => (typeof value === "boolean" ? (value ? "1" : "0") : undefined);

/** PRINTERS (the Windows agent sends no DESCRIPTION). */
export function windowsPrinters(report: CimReport): SimpleObject[] {
  return instances(report, "Printer").map((p) =>
    entry({
      NAME: text(p.Name),
      DRIVER: real(p.DriverName),
      PORT: real(p.PortName),
      SERVERNAME: real(p.ServerName),
      SHARENAME: real(p.ShareName),
      RESOLUTION: resolution(p.HorizontalResolution, p.VerticalResolution),
      COMMENT: real(p.Comment),
      SHARED: flag(p.Shared),
      NETWORK: flag(p.Network),
    })
  ).filter((p) => p.NAME);
}

/** Win32_Battery.Chemistry. */
const CHEMISTRY: Record<number, string> = {
  3: "Lead Acid",
  4: "Nickel Cadmium",
  5: "Nickel Metal Hydride",
  6: "Lithium-ion",
  7: "Zinc air",
  8: "Lithium Polymer",
};

/** Win32_Battery.BatteryStatus. */
const BATTERY_STATUS: Record<number, string> = {
  1: "Discharging",
  2: "AC power",
  3: "Full",
  4: "Low",
  5: "Critical",
  6: "Charging",
  7: "Charging",
  8: "Charging",
  9: "Charging",
  11: "Partially charged",
};

/**
 * BATTERIES: Win32_Battery, completed by root/wmi BatteryStaticData (maker, serial, design
 * capacity in mWh) and BatteryCycleCount, matched by position (both list the same batteries).
 */
export function windowsBatteries(report: CimReport): SimpleObject[] {
  const statics = instances(report, "BatteryStaticData");
  const cycles = instances(report, "BatteryCycleCount");
  return instances(report, "Battery").map((b, i) => {
    const s: CimObject = statics[i] ?? {};
    const count = num(cycles[i]?.CycleCount);
    return entry({
      NAME: real(s.DeviceName) ?? real(b.Name),
      MANUFACTURER: real(s.ManufactureName),
      SERIALNUMBER: real(s.SerialNumber),
      CHEMISTRY: CHEMISTRY[num(b.Chemistry) ?? -1],
      DESIGNCAPACITY: num(s.DesignedCapacity) || num(b.DesignCapacity),
      DESIGNVOLTAGE: num(b.DesignVoltage),
      CYCLES: count || undefined,
      STATUS: BATTERY_STATUS[num(b.BatteryStatus) ?? -1],
      ESTIMATEDCHARGEREMAINING: num(b.EstimatedChargeRemaining),
      DESCRIPTION: real(b.Description),
    });
  });
}

/** `USB\VID_046D&PID_C52B\5&2A…&0&3`: a device (not one of its interfaces, not a root hub). */
const USB_DEVICE = /^USB\\VID_[0-9A-F]{4}&PID_[0-9A-F]{4}\\([^\\]+)$/i;

/**
 * USBDEVICES: the USB devices of Win32_USBControllerDevice. SERIAL is the instance id when the
 * device has a serial number (Windows makes up ids with `&` for the others).
 */
export function windowsUsbDevices(report: CimReport): SimpleObject[] {
  return instances(report, "USB").flatMap((d) => {
    const match = text(d.DeviceID)?.match(USB_DEVICE);
    if (!match) return [];
    const maker = real(d.Manufacturer);
    return [entry({
      DESCRIPTION: real(d.Name),
      // "(Standard USB Host Controller)" and the like are driver names, not makers.
      MANUFACTURER: maker && !maker.startsWith("(") ? maker : undefined,
      SERIAL: match[1]!.includes("&") ? undefined : match[1],
      TYPE: real(d.PNPClass),
    })];
  });
}
