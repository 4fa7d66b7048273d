import assert from "node:assert/strict";
import { recordedProbe } from "../probe.ts";
import { drives } from "./drives.ts";

const MB = 1024 * 1024;

Deno.test("drives: real filesystems once each, sizes in MB as df", async () => {
  const probe = recordedProbe({
    files: {
      "/proc/self/mountinfo": [
        "22 27 0:21 / /proc rw - proc proc rw",
        "25 24 0:23 / /dev/shm rw - tmpfs tmpfs rw",
        "27 1 254:0 / / rw - ext4 /dev/vda rw",
        "30 27 254:0 /srv /mnt/bind rw - ext4 /dev/vda rw",
        "31 27 8:1 / /boot/efi rw - vfat /dev/sda1 rw",
        "32 27 0:60 / /mnt/empty rw - fuse.something x rw",
        "",
      ].join("\n"),
    },
    statfs: {
      "/": { total: 264212084 * 1024, free: 82679616 * 1024 },
      "/boot/efi": { total: 512 * MB + 5, free: 500 * MB },
      "/mnt/empty": { total: 0, free: 0 },
    },
  });
  assert.deepEqual(await drives.collect(probe), [
    { TYPE: "/", VOLUMN: "/dev/vda", FILESYSTEM: "ext4", TOTAL: "258019", FREE: "80741" },
    { TYPE: "/boot/efi", VOLUMN: "/dev/sda1", FILESYSTEM: "vfat", TOTAL: "512", FREE: "500" },
  ]);
});

Deno.test("drives: /proc/mounts when mountinfo is missing", async () => {
  const probe = recordedProbe({
    files: { "/proc/mounts": "/dev/sda2 / xfs rw 0 0\nproc /proc proc rw 0 0\n" },
    statfs: { "/": { total: 10 * MB, free: 5 * MB } },
  });
  assert.deepEqual(await drives.collect(probe), [
    { TYPE: "/", VOLUMN: "/dev/sda2", FILESYSTEM: "xfs", TOTAL: "10", FREE: "5" },
  ]);
});
