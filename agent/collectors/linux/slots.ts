/**
 * SLOTS: system slots from the SMBIOS table (type 9), fields as the OCS agent maps dmidecode's.
 *
 * @module
 */

import { decodeSlot } from "../../parsers/smbios.ts";
import type { Collector } from "../types.ts";
import { entry } from "./common.ts";
import { smbiosTable } from "./smbios_table.ts";

/** SLOTS: NAME is the designation, DESCRIPTION the type, DESIGNATION the slot id. */
export const slots: Collector = {
  section: "SLOTS",
  async collect(probe) {
    const table = await smbiosTable(probe);
    if (!table) return null;
    return table.ofType(9).map((s) => {
      const slot = decodeSlot(s);
      return entry({
        NAME: slot.designation,
        DESCRIPTION: slot.type,
        DESIGNATION: slot.id,
        STATUS: slot.usage,
      });
    });
  },
};
