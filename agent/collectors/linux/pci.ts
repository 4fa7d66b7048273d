/**
 * PCI devices from `/sys/bus/pci/devices` (what `lspci -nn` prints, without running it), shared
 * by CONTROLLERS, VIDEOS, SOUNDS and MODEMS.
 *
 * @module
 */

import type { Probe } from "../types.ts";
import { linkName, pciIds, perProbe, readTrim } from "./common.ts";

/** One PCI function, named as lspci names it. */
export interface PciDevice {
  /** `00:02.0`, or `0000:00:02.0` when some device is outside domain 0 (as lspci). */
  slot: string;
  /** The sysfs directory name, `0000:00:02.0`. */
  address: string;
  vendorId: string;
  deviceId: string;
  /** Class, subclass and programming interface, e.g. `060000`. */
  classCode: string;
  /** `01`; undefined for revision 0 (lspci prints none). */
  revision?: string;
  driver?: string;
  /** `Host bridge`, else the class name, else `Class xxxx`. */
  className: string;
  /** `Intel Corporation`; the id when pci.ids is missing. */
  vendorName: string;
  /** The device name; lspci's `Device` when unknown, the id without pci.ids. */
  deviceName: string;
}

const CLASS_NAMES: Record<string, string> = {
  "00": "Unclassified device",
  "01": "Mass storage controller",
  "02": "Network controller",
  "03": "Display controller",
  "04": "Multimedia controller",
  "05": "Memory controller",
  "06": "Bridge",
  "07": "Communication controller",
  "08": "Generic system peripheral",
  "09": "Input device controller",
  "0a": "Docking station",
  "0b": "Processor",
  "0c": "Serial bus controller",
  "0d": "Wireless controller",
  "0e": "Intelligent controller",
  "0f": "Satellite communications controller",
  "10": "Encryption controller",
  "11": "Signal processing controller",
  "12": "Processing accelerators",
  "13": "Non-Essential Instrumentation",
  "40": "Coprocessor",
  ff: "Unassigned class",
};

// The subclasses met on most machines, for when pci.ids is not installed.
const SUBCLASS_NAMES: Record<string, string> = {
  "0100": "SCSI storage controller",
  "0101": "IDE interface",
  "0104": "RAID bus controller",
  "0106": "SATA controller",
  "0107": "Serial Attached SCSI controller",
  "0108": "Non-Volatile memory controller",
  "0200": "Ethernet controller",
  "0280": "Network controller",
  "0300": "VGA compatible controller",
  "0302": "3D controller",
  "0401": "Multimedia audio controller",
  "0403": "Audio device",
  "0600": "Host bridge",
  "0601": "ISA bridge",
  "0604": "PCI bridge",
  "0703": "Modem",
  "0c03": "USB controller",
  "0c05": "SMBus",
  "0d80": "Network controller",
};

const hex = (text: string | undefined, width: number) =>
  (text ?? "").trim().replace(/^0x/i, "").toLowerCase().padStart(width, "0");

/** Every PCI function, sorted by address as lspci lists them. */
export const pciDevices = perProbe(async (probe: Probe): Promise<PciDevice[]> => {
  const base = "/sys/bus/pci/devices";
  const [addresses, db] = await Promise.all([probe.list(base), pciIds(probe)]);
  const allDomainZero = addresses.every((a) => a.startsWith("0000:"));
  const devices = await Promise.all(addresses.map(async (address): Promise<PciDevice | null> => {
    const dir = `${base}/${address}`;
    const [vendor, device, cls, revision, driver] = await Promise.all([
      readTrim(probe, `${dir}/vendor`),
      readTrim(probe, `${dir}/device`),
      readTrim(probe, `${dir}/class`),
      readTrim(probe, `${dir}/revision`),
      linkName(probe, `${dir}/driver`),
    ]);
    if (!vendor || !device || !cls) return null;
    const vendorId = hex(vendor, 4);
    const deviceId = hex(device, 4);
    const classCode = hex(cls, 6);
    if (
      !/^[0-9a-f]{4}$/.test(vendorId) || !/^[0-9a-f]{4}$/.test(deviceId) ||
      !/^[0-9a-f]{6}$/.test(classCode)
    ) {
      return null;
    }
    const [c, s] = [classCode.slice(0, 2), classCode.slice(2, 4)];
    const rev = hex(revision, 2);
    const vendorName = db?.vendor(vendorId);
    return {
      slot: allDomainZero ? address.slice(5) : address,
      address,
      vendorId,
      deviceId,
      classCode,
      revision: rev === "00" ? undefined : rev,
      driver,
      className: db?.subclassName(c, s) ?? db?.className(c) ?? SUBCLASS_NAMES[c + s] ??
        CLASS_NAMES[c] ?? `Class ${c}${s}`,
      vendorName: vendorName ?? vendorId,
      deviceName: db?.device(vendorId, deviceId) ?? (vendorName ? "Device" : deviceId),
    };
  }));
  return devices.filter((d) => d !== null);
});

/** `Vendor Device`, lspci's description of a function. */
export function pciDescription(device: PciDevice): string {
  return `${device.vendorName} ${device.deviceName}`;
}

/** Reads the prefetchable memory windows of a device (`resource`), in whole MB. */
export async function prefetchableMemoryMb(probe: Probe, device: PciDevice): Promise<number> {
  const text = await probe.readText(`/sys/bus/pci/devices/${device.address}/resource`);
  let total = 0;
  for (const line of (text ?? "").split("\n")) {
    const [start, end, flags] = line.trim().split(/\s+/).map((x) =>
      BigInt.asUintN(64, BigInt(safeHex(x)))
    );
    // IORESOURCE_MEM (0x200) with IORESOURCE_PREFETCH (0x2000).
    if (start === undefined || end === undefined || flags === undefined || end <= start) continue;
    if ((flags & 0x200n) && (flags & 0x2000n)) total += Number((end - start + 1n) >> 20n);
  }
  return total;
}

function safeHex(text: string): string {
  return /^0x[0-9a-f]+$/i.test(text) ? text : "0x0";
}
