/**
 * MODEMS: PCI modem functions (class 07 03).
 *
 * @module
 */

import type { Collector } from "../types.ts";
import { entry } from "./common.ts";
import { pciDescription, pciDevices } from "./pci.ts";

/** MODEMS: NAME is the class name, DESCRIPTION the device, as the OCS agent's lspci reading. */
export const modems: Collector = {
  section: "MODEMS",
  async collect(probe) {
    const devices = (await pciDevices(probe)).filter((d) => d.classCode.startsWith("0703"));
    return devices.map((d) => entry({ NAME: d.className, DESCRIPTION: pciDescription(d) }));
  },
};
