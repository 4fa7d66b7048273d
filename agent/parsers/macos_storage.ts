/**
 * macOS STORAGES, DRIVES and CONTROLLERS: disks from SPNVMeDataType / SPSerialATADataType
 * (their top items are the controllers), external disks from SPStorageDataType, mounted
 * filesystems from `df -kP` with the filesystem type from SPStorageDataType, and USB buses
 * from SPUSBDataType / SPUSBHostDataType.
 *
 * @module
 */

import type { SimpleObject } from "../../protocol/mod.ts";
import { entry, num, text } from "./entries.ts";
import type { DfEntry } from "./macos_df.ts";
import {
  children,
  itemsOf,
  objectField,
  type ProfilerItem,
  type ProfilerReport,
} from "./macos_profiler.ts";
import { diskMaker } from "./disk_maker.ts";

/** Disk buses system_profiler reports, and how STORAGES/DESCRIPTION names them. */
const DISK_TYPES: [string, string][] = [
  ["SPNVMeDataType", "NVMe"],
  ["SPSerialATADataType", "SATA"],
];

/** STORAGES: internal disks by bus, then disks only SPStorageDataType knows (USB, Thunderbolt). */
export function macStorages(profiler: ProfilerReport): SimpleObject[] {
  const out: SimpleObject[] = [];
  const models = new Set<string>();
  for (const [type, bus] of DISK_TYPES) {
    for (const disk of itemsOf(profiler, type).flatMap(children)) {
      const model = text(disk.device_model) ?? text(disk._name);
      if (model) models.add(model);
      const bytes = num(disk.size_in_bytes);
      const medium = text(disk.spsata_medium_type);
      out.push(entry({
        NAME: text(disk.bsd_name) ?? model,
        MODEL: model,
        MANUFACTURER: diskMaker(model),
        DESCRIPTION: medium ? `${bus} ${medium}` : bus,
        TYPE: "disk",
        // Decimal MB, as the Linux collector (and the Unix agent) send it.
        DISKSIZE: bytes ? bytes / 1e6 : undefined,
        SERIALNUMBER: text(disk.device_serial),
        FIRMWARE: text(disk.device_revision),
      }));
    }
  }
  for (const volume of itemsOf(profiler, "SPStorageDataType")) {
    const drive = objectField(volume, "physical_drive");
    const name = text(drive.device_name);
    if (!name || models.has(name)) continue;
    models.add(name);
    out.push(entry({
      NAME: name,
      MODEL: name,
      MANUFACTURER: diskMaker(name),
      DESCRIPTION: text(drive.protocol),
      TYPE: text(drive.medium_type) ?? "disk",
    }));
  }
  return out;
}

/**
 * DRIVES: device-backed filesystems of `df -kP` (not devfs, autofs maps or zero-sized ones),
 * TYPE the mount point and VOLUMN the device as on Linux; TOTAL and FREE in MB.
 */
export function macDrives(df: DfEntry[], profiler: ProfilerReport | null): SimpleObject[] {
  const volumes = itemsOf(profiler ?? {}, "SPStorageDataType");
  const byMount = new Map(volumes.map((v) => [text(v.mount_point), v]));
  const byDevice = new Map(volumes.map((v) => [text(v.bsd_name), v]));
  return df
    .filter((d) => d.filesystem.startsWith("/dev/") && d.totalKb > 0)
    .map((d) => {
      const volume: ProfilerItem | undefined = byMount.get(d.mountPoint) ??
        byDevice.get(d.filesystem.slice(5));
      return entry({
        TYPE: d.mountPoint,
        VOLUMN: d.filesystem,
        FILESYSTEM: text(volume?.file_system),
        LABEL: text(volume?._name),
        TOTAL: Math.trunc(d.totalKb / 1024),
        FREE: Math.trunc(d.availableKb / 1024),
      });
    });
}

/** CONTROLLERS: disk controllers and USB buses. */
export function macControllers(profiler: ProfilerReport): SimpleObject[] {
  const disks = DISK_TYPES.flatMap(([type, bus]) =>
    itemsOf(profiler, type).map((c) =>
      entry({
        NAME: text(c._name),
        CAPTION: text(c._name),
        MANUFACTURER: text(c.spsata_vendor),
        DESCRIPTION: text(c.spsata_product) ?? `${bus} controller`,
        TYPE: bus,
      })
    )
  );
  const usb = ["SPUSBDataType", "SPUSBHostDataType"].flatMap((type) =>
    itemsOf(profiler, type).map((bus) =>
      entry({
        NAME: text(bus._name),
        CAPTION: text(bus._name),
        DESCRIPTION: text(bus.host_controller) ?? text(bus.Driver),
        TYPE: "USB",
      })
    )
  );
  return [...disks, ...usb].filter((c) => c.NAME);
}
