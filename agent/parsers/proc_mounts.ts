/**
 * Mounted filesystems from `/proc/self/mountinfo` (or the older `/proc/mounts`), and the choice
 * of which ones are "drives": what `df -TP` lists, minus what the OCS agent drops.
 *
 * @module
 */

/** One mount. `dev` (`major:minor`) and `root` only come from mountinfo. */
export interface Mount {
  device: string;
  mountPoint: string;
  fsType: string;
  options: string;
  dev?: string;
  root?: string;
}

/** Undoes the kernel's octal escapes (`\040` for a space). */
function unescape(field: string): string {
  return field.replace(
    /\\([0-7]{3})/g,
    (_, octal: string) => String.fromCharCode(parseInt(octal, 8)),
  );
}

/** Parses `/proc/mounts` (`device mountpoint type options dump pass`); bad lines are skipped. */
export function parseProcMounts(text: string): Mount[] {
  const mounts: Mount[] = [];
  for (const line of text.split("\n")) {
    const f = line.split(" ");
    if (f.length < 4 || !f[1]!.startsWith("/")) continue;
    mounts.push({
      device: unescape(f[0]!),
      mountPoint: unescape(f[1]!),
      fsType: f[2]!,
      options: f[3]!,
    });
  }
  return mounts;
}

/**
 * Parses `/proc/self/mountinfo`: `id parent major:minor root mountpoint options [optional…] -
 * type source superoptions`. Bad lines are skipped.
 */
export function parseMountInfo(text: string): Mount[] {
  const mounts: Mount[] = [];
  for (const line of text.split("\n")) {
    const f = line.split(" ");
    const dash = f.indexOf("-", 6);
    if (f.length < 10 || dash === -1 || dash + 2 >= f.length) continue;
    if (!/^\d+:\d+$/.test(f[2]!) || !f[4]!.startsWith("/")) continue;
    mounts.push({
      device: unescape(f[dash + 2]!),
      mountPoint: unescape(f[4]!),
      fsType: f[dash + 1]!,
      options: f[5]!,
      dev: f[2]!,
      root: unescape(f[3]!),
    });
  }
  return mounts;
}

/**
 * Filesystem types that are not storage: kernel pseudo filesystems (which `df` hides as
 * "dummy"), memory-backed ones the OCS agent drops (tmpfs, devtmpfs), and read-only package
 * images (squashfs: snap loop mounts).
 */
const PSEUDO_TYPES = new Set([
  "autofs",
  "binfmt_misc",
  "bpf",
  "cgroup",
  "cgroup2",
  "configfs",
  "debugfs",
  "devfs",
  "devpts",
  "devshm",
  "devtmpfs",
  "efivarfs",
  "fuse.gvfsd-fuse",
  "fuse.lxcfs",
  "fuse.portal",
  "fusectl",
  "hugetlbfs",
  "mqueue",
  "nfsd",
  "nsfs",
  "proc",
  "pstore",
  "ramfs",
  "rootfs",
  "rpc_pipefs",
  "securityfs",
  "selinuxfs",
  "squashfs",
  "sysfs",
  "tmpfs",
  "tracefs",
  "udev",
  "usbfs",
]);

/**
 * The mounts worth reporting as drives, once each: pseudo and memory filesystems dropped,
 * overlay kept only as a container's root (other overlays are container-engine internals), and
 * a device mounted several times (bind mounts) reported at its shortest mount point, as `df`
 * does. Btrfs subvolumes share a device number but are separate in `df`, so their root is part
 * of the key. Filesystems of zero size are the caller's to drop (that needs statfs).
 */
export function driveMounts(mounts: Mount[]): Mount[] {
  const byKey = new Map<string, Mount>();
  for (const m of mounts) {
    if (PSEUDO_TYPES.has(m.fsType)) continue;
    if (m.fsType === "overlay" && m.mountPoint !== "/") continue;
    const key = m.dev
      ? m.fsType === "btrfs" ? `${m.dev} ${m.root}` : m.dev
      : `${m.device} ${m.fsType}`;
    const seen = byKey.get(key);
    if (!seen || m.mountPoint.length < seen.mountPoint.length) byKey.set(key, m);
  }
  // Keep mount order (the order `df` prints).
  const chosen = new Set(byKey.values());
  return mounts.filter((m) => chosen.has(m));
}
