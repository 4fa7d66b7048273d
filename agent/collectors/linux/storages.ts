/**
 * STORAGES: whole block devices from `/sys/block` — disks, optical drives and software RAID —
 * with model, vendor, serial and firmware from sysfs (SCSI/ATA, NVMe, virtio) and the udev
 * database when present. Loop, RAM, zram, device-mapper and network block devices are not
 * storage hardware and are skipped (the OCS agent lists what `lsblk` shows, zram included).
 *
 * @module
 */

import type { Collector, Probe } from "../types.ts";
import { entry, readTrim } from "./common.ts";

const SKIP = /^(loop|ram|zram|dm-|nbd|fd)\d*/;

/** STORAGES. DISKSIZE in MB (10^6 bytes) with decimals, as the OCS agent sends it. */
export const storages: Collector = {
  section: "STORAGES",
  async collect(probe) {
    const names = (await probe.list("/sys/block")).filter((n) => !SKIP.test(n));
    return await Promise.all(names.map((name) => storage(probe, name)));
  },
};

async function storage(probe: Probe, name: string) {
  const dir = `/sys/block/${name}`;
  const dev = `${dir}/device`;
  const [
    size,
    devNumber,
    link,
    scsiType,
    vendor,
    model,
    rev,
    nvmeSerial,
    nvmeFirmware,
    virtioSerial,
    mdLevel,
  ] = await Promise.all([
    readTrim(probe, `${dir}/size`),
    readTrim(probe, `${dir}/dev`),
    probe.readLink(dir),
    readTrim(probe, `${dev}/type`),
    readTrim(probe, `${dev}/vendor`),
    readTrim(probe, `${dev}/model`),
    readTrim(probe, `${dev}/rev`),
    readTrim(probe, `${dev}/serial`),
    readTrim(probe, `${dev}/firmware_rev`),
    readTrim(probe, `${dir}/serial`),
    readTrim(probe, `${dir}/md/level`),
  ]);
  const udev = await udevProperties(probe, devNumber);
  const vpdSerial = nvmeSerial || virtioSerial || udev.ID_SERIAL_SHORT
    ? undefined
    : await vpdPage80(probe, dev);
  const cdrom = /^sr\d/.test(name) || scsiType === "5" || udev.ID_TYPE === "cd";
  const modelName = model ?? udev.ID_MODEL?.replace(/_/g, " ");
  // "ATA" is the SCSI translation layer, and virtio disks give the PCI vendor id: not makers.
  const maker = (
    v: string | undefined,
  ) => (v && v !== "ATA" && !/^0x[0-9a-f]+$/i.test(v) ? v : undefined);
  const vendorName = maker(vendor) ?? maker(udev.ID_VENDOR);
  const bytes = Number(size) * 512;
  return entry({
    NAME: name,
    TYPE: mdLevel ?? (cdrom ? "cdrom" : "disk"),
    DISKSIZE: !cdrom && bytes > 0 ? String(bytes / 1e6) : undefined,
    MODEL: modelName,
    MANUFACTURER: vendorName ?? manufacturerFromModel(modelName),
    SERIALNUMBER: nvmeSerial ?? virtioSerial ?? udev.ID_SERIAL_SHORT ?? vpdSerial,
    FIRMWARE: nvmeFirmware ?? rev ?? udev.ID_REVISION,
    DESCRIPTION: transport(name, link ?? "", vendor, udev.ID_BUS, mdLevel),
  });
}

/** The `E:` properties udev recorded for a block device (`/run/udev/data/b<major>:<minor>`). */
async function udevProperties(probe: Probe, devNumber: string | undefined) {
  const props: Record<string, string> = {};
  if (!devNumber) return props;
  const text = await probe.readText(`/run/udev/data/b${devNumber}`);
  for (const line of (text ?? "").split("\n")) {
    const match = line.match(/^E:([A-Z_]+)=(.*)$/);
    if (match && match[2]!.trim()) props[match[1]!] = match[2]!.trim();
  }
  return props;
}

/** The unit serial number VPD page (SCSI, and ATA disks behind libata): 4-byte header + ASCII. */
async function vpdPage80(probe: Probe, dev: string): Promise<string | undefined> {
  const page = await probe.readBytes(`${dev}/vpd_pg80`);
  if (!page || page.length < 5 || page[1] !== 0x80) return undefined;
  const length = Math.min((page[2]! << 8) | page[3]!, page.length - 4);
  const text = new TextDecoder("latin1").decode(page.subarray(4, 4 + length));
  return text.replace(/[^\x20-\x7e]/g, "").trim() || undefined;
}

function transport(
  name: string,
  link: string,
  vendor: string | undefined,
  bus?: string,
  md?: string,
) {
  if (md) return "MD RAID";
  if (/\/usb\d/.test(link) || bus === "usb") return "USB";
  if (name.startsWith("nvme")) return "NVMe";
  if (name.startsWith("vd") || /\/virtio\d/.test(link)) return "Virtual";
  if (name.startsWith("mmcblk")) return "MMC";
  if (name.startsWith("xvd")) return "Xen";
  if (name.startsWith("sd") || name.startsWith("sr")) {
    return vendor === "ATA" || bus === "ata" ? "SATA" : "SCSI";
  }
  if (name.startsWith("hd")) return "IDE";
  return undefined;
}

const BRANDS: [RegExp, string][] = [
  [/^(WDC|WD[A-Z0-9]|Western Digital)/i, "Western Digital"],
  [/^ST\d|^Seagate/i, "Seagate"],
  [/^(HGST|Hitachi|HDS|HUS|HTS|IC\d)/i, "Hitachi"],
  [/^Samsung/i, "Samsung"],
  [/^(INTEL|SSDPE|SSDSC)/i, "Intel"],
  [/^Kingston/i, "Kingston"],
  [/^(Crucial|CT\d)/i, "Crucial"],
  [/^(Micron|MTFD)/i, "Micron"],
  [/^(TOSHIBA)/i, "Toshiba"],
  [/^KIOXIA/i, "KIOXIA"],
  [/^SanDisk/i, "SanDisk"],
  [/^(SK ?hynix|HFS|HFM)/i, "SK hynix"],
  [/^Maxtor/i, "Maxtor"],
  [/^(LITEON|LITE-ON)/i, "Lite-On"],
  [/^ADATA/i, "ADATA"],
  [/^Corsair/i, "Corsair"],
  [/^APPLE/i, "Apple"],
  [/^VBOX/i, "VirtualBox"],
  [/^VMware/i, "VMware"],
  [/^QEMU/i, "QEMU"],
];

/** A disk maker guessed from its model, when the device does not say (ATA, NVMe). */
export function manufacturerFromModel(model: string | undefined): string | undefined {
  if (!model) return undefined;
  return BRANDS.find(([re]) => re.test(model))?.[1];
}
