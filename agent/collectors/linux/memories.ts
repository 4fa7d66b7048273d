/**
 * MEMORIES: memory slots from the SMBIOS table (type 17 memory devices; empty slots included,
 * as dmidecode and the OCS agent report them). Needs root to read the table.
 *
 * @module
 */

import { decodeMemoryDevice } from "../../parsers/smbios.ts";
import type { Collector } from "../types.ts";
import { entry } from "./common.ts";
import { smbiosTable } from "./smbios_table.ts";

/** SMBIOS placeholders that mean "nothing here". */
const BLANK = /^(unknown|not specified|no dimm|none|empty|\[empty\]|0+|n\/a)$/i;
const value = (v: string | undefined) => (v && !BLANK.test(v) ? v : undefined);

/** MEMORIES; null without a readable SMBIOS table. */
export const memories: Collector = {
  section: "MEMORIES",
  async collect(probe) {
    const table = await smbiosTable(probe);
    if (!table) return null;
    return table.ofType(17).map((s, i) => {
      const m = decodeMemoryDevice(s);
      return entry({
        CAPTION: m.locator,
        DESCRIPTION: m.typeDetail ?? m.formFactor,
        CAPACITY: m.sizeMb ? Math.round(m.sizeMb) : undefined,
        TYPE: m.sizeMb ? m.type : undefined,
        SPEED: m.speed,
        MANUFACTURER: value(m.manufacturer),
        SERIALNUMBER: value(m.serial),
        NUMSLOTS: i + 1,
      });
    });
  },
};
