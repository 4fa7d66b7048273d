/**
 * VIDEOS: PCI display functions (class 03), with their prefetchable memory and the resolution
 * of the first connected screen (from DRM connector `modes`).
 *
 * @module
 */

import type { Collector, Probe } from "../types.ts";
import { entry, readTrim } from "./common.ts";
import { pciDescription, type PciDevice, pciDevices, prefetchableMemoryMb } from "./pci.ts";

/** VIDEOS: CHIPSET is the class name, NAME the device, MEMORY in MB (as the OCS agent). */
export const videos: Collector = {
  section: "VIDEOS",
  async collect(probe) {
    const devices = (await pciDevices(probe)).filter((d) => d.classCode.startsWith("03"));
    return await Promise.all(devices.map(async (d) => {
      const [memory, resolution] = await Promise.all([
        prefetchableMemoryMb(probe, d),
        connectedResolution(probe, d),
      ]);
      return entry({
        CHIPSET: d.className,
        NAME: pciDescription(d),
        MEMORY: memory || undefined,
        RESOLUTION: resolution,
        PCISLOT: d.slot,
        PCIID: `${d.vendorId}:${d.deviceId}`,
      });
    }));
  },
};

/** The preferred mode of the first connected connector of the device's DRM card. */
async function connectedResolution(probe: Probe, device: PciDevice): Promise<string | undefined> {
  const drm = `/sys/bus/pci/devices/${device.address}/drm`;
  for (const card of (await probe.list(drm)).filter((n) => /^card\d+$/.test(n))) {
    const connectors = (await probe.list(`${drm}/${card}`)).filter((n) => n.startsWith(`${card}-`));
    for (const connector of connectors) {
      const dir = `${drm}/${card}/${connector}`;
      if ((await readTrim(probe, `${dir}/status`)) !== "connected") continue;
      const mode = (await readTrim(probe, `${dir}/modes`))?.split("\n")[0];
      if (mode) return mode;
    }
  }
  return undefined;
}
