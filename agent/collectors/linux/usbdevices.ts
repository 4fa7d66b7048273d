/**
 * USBDEVICES: devices of `/sys/bus/usb/devices` (root hubs excluded), with the strings the
 * device reports and class names from usb.ids when installed — what `lsusb -v` gives the agent.
 *
 * @module
 */

import type { Collector, Probe } from "../types.ts";
import { entry, readTrim, usbIds } from "./common.ts";

const CLASSES: Record<string, string> = {
  "01": "Audio",
  "02": "Communications",
  "03": "Human Interface Device",
  "05": "Physical Interface Device",
  "06": "Imaging",
  "07": "Printer",
  "08": "Mass Storage",
  "09": "Hub",
  "0a": "CDC Data",
  "0b": "Chip/SmartCard",
  "0d": "Content Security",
  "0e": "Video",
  "0f": "Personal Healthcare",
  "10": "Audio/Video",
  "11": "Billboard",
  dc: "Diagnostic",
  e0: "Wireless",
  ef: "Miscellaneous Device",
  fe: "Application Specific Interface",
  ff: "Vendor Specific Class",
};

/** USBDEVICES: DESCRIPTION the product, TYPE the class, INTERFACE the subclass. */
export const usbDevices: Collector = {
  section: "USBDEVICES",
  async collect(probe) {
    const base = "/sys/bus/usb/devices";
    const names = (await probe.list(base)).filter((n) => /^\d+-[\d.]+$/.test(n));
    return await Promise.all(names.map((n) => usbDevice(probe, `${base}/${n}`, n)));
  },
};

async function usbDevice(probe: Probe, dir: string, name: string) {
  const read = (file: string) => readTrim(probe, `${dir}/${file}`);
  const [vendorId, productId, manufacturer, product, serial, deviceClass, ifClass, ifSubclass, db] =
    await Promise.all([
      read("idVendor"),
      read("idProduct"),
      read("manufacturer"),
      read("product"),
      read("serial"),
      read("bDeviceClass"),
      read(`${name}:1.0/bInterfaceClass`),
      read(`${name}:1.0/bInterfaceSubClass`),
      usbIds(probe),
    ]);
  // Class 00 means "see the interfaces".
  const cls = (deviceClass && deviceClass !== "00" ? deviceClass : ifClass)?.toLowerCase();
  const sub = deviceClass && deviceClass !== "00" ? undefined : ifSubclass?.toLowerCase();
  return entry({
    MANUFACTURER: manufacturer ?? (vendorId ? db?.vendor(vendorId) : undefined),
    DESCRIPTION: product ?? (vendorId && productId ? db?.device(vendorId, productId) : undefined),
    SERIAL: serial,
    TYPE: cls ? db?.className(cls) ?? CLASSES[cls] : undefined,
    INTERFACE: cls && sub ? db?.subclassName(cls, sub) : undefined,
  });
}
