/**
 * The SMBIOS table, read once per probe (root only; null for other users, in most containers,
 * and on machines without SMBIOS such as many ARM boards and microVMs).
 *
 * @module
 */

import { parseEntryPoint, parseSmbiosTable, type SmbiosStructure } from "../../parsers/smbios.ts";
import { perProbe } from "./common.ts";

/** The decoded table: structures by type, and the SMBIOS version. */
export interface SmbiosTable {
  version: { major: number; minor: number };
  ofType(type: number): SmbiosStructure[];
}

/** Reads `/sys/firmware/dmi/tables/DMI` and its entry point. */
export const smbiosTable = perProbe(async (probe): Promise<SmbiosTable | null> => {
  const dir = "/sys/firmware/dmi/tables";
  const [table, entryPoint] = await Promise.all([
    probe.readBytes(`${dir}/DMI`),
    probe.readBytes(`${dir}/smbios_entry_point`),
  ]);
  if (!table || table.length === 0) return null;
  const structures = parseSmbiosTable(table);
  return {
    version: (entryPoint && parseEntryPoint(entryPoint)) ?? { major: 2, minor: 0 },
    ofType: (type) => structures.filter((s) => s.type === type),
  };
});
