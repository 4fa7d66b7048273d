import assert from "node:assert/strict";
import { driveMounts, parseMountInfo, parseProcMounts } from "./proc_mounts.ts";

const MOUNTINFO = `22 27 0:21 / /proc rw,relatime - proc proc rw
24 27 0:6 / /dev rw,relatime - devtmpfs devtmpfs rw,size=12334524k
25 24 0:23 / /dev/shm rw,relatime - tmpfs tmpfs rw
27 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw,discard
30 27 254:0 /srv/data /mnt/bind rw,relatime - ext4 /dev/vda rw
31 27 8:1 / /boot/efi rw,relatime shared:5 - vfat /dev/sda1 rw
32 27 0:40 /@home /home rw - btrfs /dev/sdb2 rw
33 27 0:40 /@var /var rw - btrfs /dev/sdb2 rw
34 27 7:0 / /snap/core/1 ro - squashfs /dev/loop0 ro
35 27 0:50 / /var/lib/docker/overlay2/abc/merged rw - overlay overlay rw
36 27 0:51 / /media/My\\040Disk rw - exfat /dev/sdc1 rw
`;

Deno.test("mountinfo: fields, optional tags and escapes", () => {
  const mounts = parseMountInfo(MOUNTINFO);
  assert.equal(mounts.length, 11);
  const root = mounts.find((m) => m.mountPoint === "/")!;
  assert.deepEqual(root, {
    device: "/dev/vda",
    mountPoint: "/",
    fsType: "ext4",
    options: "rw,relatime",
    dev: "254:0",
    root: "/",
  });
  assert.equal(mounts.at(-1)!.mountPoint, "/media/My Disk");
});

Deno.test("mounts: drives drop pseudo filesystems, bind duplicates, docker overlays", () => {
  const drives = driveMounts(parseMountInfo(MOUNTINFO)).map((m) => m.mountPoint);
  assert.deepEqual(drives, ["/", "/boot/efi", "/home", "/var", "/media/My Disk"]);
  // An overlay root (a container) is kept.
  const container = parseMountInfo("1 0 0:30 / / rw - overlay overlay rw,lowerdir=x\n");
  assert.deepEqual(driveMounts(container).map((m) => m.fsType), ["overlay"]);
});

Deno.test("/proc/mounts: the older format", () => {
  const mounts = parseProcMounts(`proc /proc proc rw,relatime 0 0
/dev/vda / ext4 rw,relatime 0 0
tmpfs /dev/shm tmpfs rw 0 0
/dev/sdb1 /mnt/a\\040b xfs rw 0 0
`);
  assert.equal(mounts.length, 4);
  assert.deepEqual(driveMounts(mounts).map((m) => [m.device, m.mountPoint]), [
    ["/dev/vda", "/"],
    ["/dev/sdb1", "/mnt/a b"],
  ]);
});

Deno.test("mounts: truncated and garbage input", () => {
  assert.deepEqual(parseMountInfo(""), []);
  assert.deepEqual(parseMountInfo("garbage line\n1 2 3 4 5 6 7 8 9 10\n"), []);
  assert.equal(parseMountInfo(MOUNTINFO.slice(0, MOUNTINFO.indexOf("27 1 254:0") + 30)).length, 3);
  assert.deepEqual(parseProcMounts("\u0000 x\nnone"), []);
});
