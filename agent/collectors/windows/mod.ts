/**
 * The Windows collectors, one per inventory section, all fed by the one PowerShell report
 * (`source.ts`) and the parsers of `agent/parsers/windows_*.ts`.
 *
 * @module
 */

import { windowsLocalGroups, windowsLocalUsers } from "../../parsers/windows_accounts.ts";
import type { CimReport } from "../../parsers/windows_cim.ts";
import {
  windowsBatteries,
  windowsMonitors,
  windowsPrinters,
  windowsSounds,
  windowsUsbDevices,
  windowsVideos,
} from "../../parsers/windows_devices.ts";
import { windowsNetFacts, windowsNetworks } from "../../parsers/windows_network.ts";
import { windowsSoftwares } from "../../parsers/windows_softwares.ts";
import {
  windowsControllers,
  windowsDrives,
  windowsStorages,
} from "../../parsers/windows_storage.ts";
import {
  windowsBios,
  windowsCpus,
  windowsHardware,
  windowsMemories,
} from "../../parsers/windows_system.ts";
import type { CollectedSection, Collector } from "../types.ts";
import { cimReport } from "./source.ts";

/** A section built from the report; null (absent) when PowerShell could not run. */
function fromReport(section: string, build: (r: CimReport) => CollectedSection | null): Collector {
  return {
    section,
    async collect(probe) {
      const report = await cimReport(probe);
      return report === null ? null : build(report);
    },
  };
}

/** Every Windows collector, HARDWARE first (the order sections are reported in). */
export const WINDOWS_COLLECTORS: readonly Collector[] = [
  fromReport("HARDWARE", (r) => windowsHardware(r, windowsNetFacts(r))),
  fromReport("BIOS", windowsBios),
  fromReport("CPUS", windowsCpus),
  fromReport("MEMORIES", windowsMemories),
  fromReport("STORAGES", windowsStorages),
  fromReport("DRIVES", windowsDrives),
  fromReport("NETWORKS", windowsNetworks),
  fromReport("CONTROLLERS", windowsControllers),
  fromReport("VIDEOS", windowsVideos),
  fromReport("SOUNDS", windowsSounds),
  fromReport("MONITORS", windowsMonitors),
  fromReport("USBDEVICES", windowsUsbDevices),
  fromReport("BATTERIES", windowsBatteries),
  fromReport("PRINTERS", windowsPrinters),
  fromReport("SOFTWARES", windowsSoftwares),
  fromReport("LOCAL_USERS", windowsLocalUsers),
  fromReport("LOCAL_GROUPS", windowsLocalGroups),
];
