/**
 * Windows STORAGES, DRIVES and CONTROLLERS from Win32_DiskDrive, Win32_LogicalDisk and the
 * IDE/SCSI/USB controller classes, worded as the OCS Windows agent words them.
 *
 * @module
 */

import type { SimpleObject } from "../../protocol/mod.ts";
import { entry, num, text } from "./entries.ts";
import { type CimReport, instances, real } from "./windows_cim.ts";
import { diskMaker } from "./disk_maker.ts";

const MB = 1024 * 1024;

/** Win32_LogicalDisk.DriveType, as the OCS Windows agent names the GetDriveType codes. */
const DRIVE_TYPES: Record<number, string> = {
  0: "Unknown",
  1: "No root dir",
  2: "Removable Drive",
  3: "Hard Drive",
  4: "Network Drive",
  5: "CD-Rom Drive",
  6: "RAM Drive",
};

/**
 * STORAGES. As the OCS Windows agent, NAME is the model and MODEL the device path
 * (`\\.\PHYSICALDRIVE0`); DISKSIZE in MiB.
 */
export function windowsStorages(report: CimReport): SimpleObject[] {
  return instances(report, "DiskDrive").map((d) => {
    const model = real(d.Model) ?? real(d.Caption);
    // "(Standard disk drives)" is the generic driver's name, not a maker.
    const maker = real(d.Manufacturer);
    const size = num(d.Size);
    return entry({
      NAME: model,
      MODEL: real(d.DeviceID),
      MANUFACTURER: maker && !maker.startsWith("(") ? maker : diskMaker(model),
      DESCRIPTION: real(d.Description),
      TYPE: real(d.MediaType),
      DISKSIZE: size !== undefined ? Math.trunc(size / MB) : undefined,
      SERIALNUMBER: real(d.SerialNumber),
      FIRMWARE: real(d.FirmwareRevision),
    });
  });
}

/** DRIVES: LETTER `C:/`, TYPE `Hard Drive`…, TOTAL/FREE in MiB, VOLUMN the label or share. */
export function windowsDrives(report: CimReport): SimpleObject[] {
  return instances(report, "LogicalDisk").flatMap((d) => {
    const id = text(d.DeviceID);
    if (!id || !/^[A-Z]:$/i.test(id)) return []; // a logical disk is always a drive letter

    const type = num(d.DriveType);
    const size = num(d.Size);
    const free = num(d.FreeSpace);
    return [entry({
      LETTER: `${id}/`,
      TYPE: type !== undefined ? DRIVE_TYPES[type] : undefined,
      FILESYSTEM: real(d.FileSystem),
      TOTAL: size !== undefined ? Math.trunc(size / MB) : undefined,
      FREE: free !== undefined ? Math.trunc(free / MB) : undefined,
      VOLUMN: type === 4 ? real(d.ProviderName) : real(d.VolumeName),
    })];
  });
}

const CONTROLLER_TYPES: Record<string, string> = {
  Win32_IDEController: "IDE Controller",
  Win32_SCSIController: "SCSI Controller",
  Win32_USBController: "USB Controller",
};

/** CONTROLLERS: IDE/SATA (AHCI), SCSI/NVMe/RAID and USB host controllers. */
export function windowsControllers(report: CimReport): SimpleObject[] {
  return instances(report, "Controllers").map((c) =>
    entry({
      NAME: real(c.Name),
      MANUFACTURER: real(c.Manufacturer),
      CAPTION: real(c.Caption),
      DESCRIPTION: real(c.Description),
      TYPE: CONTROLLER_TYPES[text(c.Class) ?? ""] ?? text(c.Class),
    })
  ).filter((c) => c.NAME);
}
