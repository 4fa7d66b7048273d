/**
 * BIOS: system, board and firmware identity from `/sys/class/dmi/id` (readable by everyone except
 * the serials), completed from the raw SMBIOS table when it is readable (root).
 *
 * Unlike the OCS agent (whose sysfs path misspells the key and so never sends SMANUFACTURER),
 * the system manufacturer is reported.
 *
 * @module
 */

import {
  CHASSIS_TYPES,
  decodeBaseboard,
  decodeBios,
  decodeChassis,
  decodeSystem,
} from "../../parsers/smbios.ts";
import type { Collector, Probe } from "../types.ts";
import { entry, readTrim } from "./common.ts";
import { smbiosTable } from "./smbios_table.ts";

const DMI_FILES = [
  "bios_vendor",
  "bios_version",
  "bios_date",
  "sys_vendor",
  "product_name",
  "product_serial",
  "product_uuid",
  "board_vendor",
  "board_name",
  "board_serial",
  "chassis_type",
  "chassis_asset_tag",
] as const;

/** The sysfs DMI attributes; missing ones are undefined. */
export async function readDmiId(
  probe: Probe,
): Promise<Record<(typeof DMI_FILES)[number], string | undefined>> {
  const values = await Promise.all(DMI_FILES.map((f) => readTrim(probe, `/sys/class/dmi/id/${f}`)));
  return Object.fromEntries(DMI_FILES.map((f, i) => [f, values[i]])) as Record<
    (typeof DMI_FILES)[number],
    string | undefined
  >;
}

/** BIOS; null when the machine exposes no DMI data at all. */
export const bios: Collector = {
  section: "BIOS",
  async collect(probe) {
    const [dmi, table, xen] = await Promise.all([
      readDmiId(probe),
      smbiosTable(probe),
      probe.stat("/proc/xen"),
    ]);
    const first = (type: number) => table?.ofType(type)[0];
    const b = first(0) && decodeBios(first(0)!);
    const s = first(1) && decodeSystem(first(1)!, table!.version);
    const m = first(2) && decodeBaseboard(first(2)!);
    const c = first(3) && decodeChassis(first(3)!);
    const chassisCode = Number(dmi.chassis_type);
    const fields = {
      SMANUFACTURER: dmi.sys_vendor ?? s?.manufacturer,
      SMODEL: dmi.product_name ?? s?.product,
      SSN: dmi.product_serial ?? s?.serial,
      TYPE: CHASSIS_TYPES[chassisCode] || c?.type,
      BMANUFACTURER: dmi.bios_vendor ?? b?.vendor,
      BVERSION: dmi.bios_version ?? b?.version,
      BDATE: dmi.bios_date ?? b?.releaseDate,
      ASSETTAG: dmi.chassis_asset_tag ?? c?.assetTag,
      MMANUFACTURER: dmi.board_vendor ?? m?.manufacturer,
      MMODEL: dmi.board_name ?? m?.product,
      MSN: dmi.board_serial ?? m?.serial,
    };
    // VirtualBox leaves both serials at "0"; its UUID is the stable identity (as the OCS agent).
    const uuid = dmi.product_uuid ?? s?.uuid;
    if (fields.MMODEL === "VirtualBox" && fields.SSN === "0" && fields.MSN === "0" && uuid) {
      fields.SSN = uuid;
    }
    // A Xen PV guest has no DMI; the OCS agent names it so.
    if (!fields.SMANUFACTURER && xen?.isDirectory) {
      fields.SMANUFACTURER = "Xen";
      fields.SMODEL ??= "PVM domU";
    }
    const result = entry(fields);
    return Object.keys(result).length ? result : null;
  },
};
