/**
 * SOUNDS: PCI audio functions (class 04 01 / 04 03), as the OCS agent reads them from `lspci`.
 *
 * @module
 */

import type { Collector } from "../types.ts";
import { entry } from "./common.ts";
import { pciDescription, pciDevices } from "./pci.ts";

/** SOUNDS: NAME is the class name, MANUFACTURER the device, DESCRIPTION the revision. */
export const sounds: Collector = {
  section: "SOUNDS",
  async collect(probe) {
    const devices = (await pciDevices(probe)).filter((d) => /^040[13]/.test(d.classCode));
    return devices.map((d) =>
      entry({
        NAME: d.className,
        MANUFACTURER: pciDescription(d),
        DESCRIPTION: d.revision && `rev ${d.revision}`,
      })
    );
  },
};
