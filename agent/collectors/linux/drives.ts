/**
 * DRIVES: mounted filesystems with their size and free space — what the OCS agent reads from
 * `df -TP`, from `/proc/self/mountinfo` and statfs here (no process).
 *
 * @module
 */

import { driveMounts, parseMountInfo, parseProcMounts } from "../../parsers/proc_mounts.ts";
import type { Collector } from "../types.ts";
import { entry } from "./common.ts";

const MB = 1024 * 1024;

/**
 * DRIVES: TYPE is the mount point, VOLUMN the device, FILESYSTEM the type; TOTAL and FREE in MB
 * (FREE is what unprivileged users may still write: df's "Available"), truncated as the agent
 * does. Filesystems of zero size (df's "dummy" ones) are left out.
 */
export const drives: Collector = {
  section: "DRIVES",
  async collect(probe) {
    const info = await probe.readText("/proc/self/mountinfo");
    const mounts = info
      ? parseMountInfo(info)
      : parseProcMounts((await probe.readText("/proc/mounts")) ?? "");
    const candidates = driveMounts(mounts);
    const sizes = await Promise.all(candidates.map((m) => probe.statfs(m.mountPoint)));
    return candidates.flatMap((m, i) => {
      const size = sizes[i];
      if (!size || size.total === 0) return [];
      return [entry({
        TYPE: m.mountPoint,
        VOLUMN: m.device,
        FILESYSTEM: m.fsType,
        TOTAL: Math.trunc(size.total / MB),
        FREE: Math.trunc(size.free / MB),
      })];
    });
  },
};
