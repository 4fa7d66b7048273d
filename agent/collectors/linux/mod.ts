/**
 * The Linux collectors, one per inventory section.
 *
 * @module
 */

import type { Collector } from "../types.ts";
import { batteries } from "./batteries.ts";
import { bios } from "./bios.ts";
import { controllers } from "./controllers.ts";
import { cpus } from "./cpus.ts";
import { drives } from "./drives.ts";
import { hardware } from "./hardware.ts";
import { inputs } from "./inputs.ts";
import { localGroups } from "./local_groups.ts";
import { localUsers } from "./local_users.ts";
import { memories } from "./memories.ts";
import { modems } from "./modems.ts";
import { monitors } from "./monitors.ts";
import { networks } from "./networks.ts";
import { printers } from "./printers.ts";
import { repository } from "./repository.ts";
import { slots } from "./slots.ts";
import { softwares } from "./softwares.ts";
import { sounds } from "./sounds.ts";
import { storages } from "./storages.ts";
import { usbDevices } from "./usbdevices.ts";
import { users } from "./users.ts";
import { videos } from "./videos.ts";
import { virtualMachines } from "./virtualmachines.ts";

/** Every Linux collector, HARDWARE first (the order sections are reported in). */
export const LINUX_COLLECTORS: readonly Collector[] = [
  hardware,
  bios,
  cpus,
  memories,
  slots,
  storages,
  drives,
  networks,
  controllers,
  videos,
  sounds,
  modems,
  monitors,
  inputs,
  usbDevices,
  batteries,
  printers,
  virtualMachines,
  softwares,
  localUsers,
  localGroups,
  users,
  repository,
];
