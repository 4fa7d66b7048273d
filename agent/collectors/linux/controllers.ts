/**
 * CONTROLLERS: every PCI function, formatted as the OCS agent formats `lspci -vvv -nn`.
 *
 * @module
 */

import type { Collector } from "../types.ts";
import { entry } from "./common.ts";
import { pciDescription, pciDevices } from "./pci.ts";

/** CONTROLLERS from `/sys/bus/pci/devices` (names from pci.ids when installed). */
export const controllers: Collector = {
  section: "CONTROLLERS",
  async collect(probe) {
    const devices = await pciDevices(probe);
    return devices.map((d) =>
      entry({
        NAME: `${d.className} [${d.classCode.slice(0, 4)}]`,
        MANUFACTURER: pciDescription(d),
        PCIID: `${d.vendorId}:${d.deviceId}`,
        PCISLOT: d.slot,
        TYPE: d.revision && `rev ${d.revision}`,
        DRIVER: d.driver,
      })
    );
  },
};
