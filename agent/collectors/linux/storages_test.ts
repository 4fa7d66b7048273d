import assert from "node:assert/strict";
import { recordedProbe } from "../probe.ts";
import { manufacturerFromModel, storages } from "./storages.ts";

Deno.test("storages: SATA (udev serial), NVMe, virtio, cdrom; loop/zram/dm skipped", async () => {
  const vpd = new Uint8Array([0, 0x80, 0, 8, ...new TextEncoder().encode("  S3Z9NB ")]);
  const probe = recordedProbe({
    files: {
      "/sys/block/sda/size": "1953525168\n",
      "/sys/block/sda/dev": "8:0\n",
      "/sys/block/sda/device/vendor": "ATA     \n",
      "/sys/block/sda/device/model": "Samsung SSD 860\n",
      "/sys/block/sda/device/rev": "4B6Q\n",
      "/sys/block/sda/device/type": "0\n",
      "/run/udev/data/b8:0": "S:disk/by-id/ata-x\nE:ID_SERIAL_SHORT=S3Z9NB0K123456\nE:ID_BUS=ata\n",
      "/sys/block/sdb/size": "62521344\n",
      "/sys/block/sdb/device/vendor": "SanDisk \n",
      "/sys/block/sdb/device/model": "Ultra\n",
      "/sys/block/sdb/device/vpd_pg80": vpd,
      "/sys/block/nvme0n1/size": "1000215216\n",
      "/sys/block/nvme0n1/device/model": "WDC PC SN730 SDBQNTY-512G-1001\n",
      "/sys/block/nvme0n1/device/serial": "  20224H801234  \n",
      "/sys/block/nvme0n1/device/firmware_rev": "11170101\n",
      "/sys/block/vda/size": "536870912\n",
      "/sys/block/vda/serial": "disk-1\n",
      "/sys/block/vda/device/vendor": "0x1af4\n",
      "/sys/block/sr0/size": "2097151\n",
      "/sys/block/sr0/device/type": "5\n",
      "/sys/block/loop0/size": "0\n",
      "/sys/block/zram0/size": "0\n",
      "/sys/block/dm-0/size": "100\n",
    },
    links: {
      "/sys/block/sda":
        "../devices/pci0000:00/0000:00:17.0/ata1/host0/target0:0:0/0:0:0:0/block/sda",
      "/sys/block/sdb": "../devices/pci0000:00/0000:00:14.0/usb2/2-1/2-1:1.0/host2/block/sdb",
      "/sys/block/vda": "../devices/pci0000:00/0000:00:02.0/virtio1/block/vda",
    },
  });
  const list = await storages.collect(probe) as Record<string, string>[];
  const by = Object.fromEntries(list.map((s) => [s.NAME, s]));
  assert.deepEqual(Object.keys(by).sort(), ["nvme0n1", "sda", "sdb", "sr0", "vda"]);
  assert.deepEqual(by.sda, {
    NAME: "sda",
    TYPE: "disk",
    DISKSIZE: "1000204.886016",
    MODEL: "Samsung SSD 860",
    MANUFACTURER: "Samsung",
    SERIALNUMBER: "S3Z9NB0K123456",
    FIRMWARE: "4B6Q",
    DESCRIPTION: "SATA",
  });
  assert.equal(by.sdb!.SERIALNUMBER, "S3Z9NB");
  assert.equal(by.sdb!.DESCRIPTION, "USB");
  assert.equal(by.sdb!.MANUFACTURER, "SanDisk");
  assert.equal(by.nvme0n1!.SERIALNUMBER, "20224H801234");
  assert.equal(by.nvme0n1!.MANUFACTURER, "Western Digital");
  assert.equal(by.nvme0n1!.FIRMWARE, "11170101");
  assert.equal(by.nvme0n1!.DESCRIPTION, "NVMe");
  assert.equal(by.vda!.SERIALNUMBER, "disk-1");
  assert.equal(by.vda!.MANUFACTURER, undefined, "a PCI vendor id is not a maker");
  assert.equal(by.vda!.DESCRIPTION, "Virtual");
  assert.equal(by.sr0!.TYPE, "cdrom");
  assert.equal(by.sr0!.DISKSIZE, undefined);
});

Deno.test("storages: makers from models", () => {
  assert.equal(manufacturerFromModel("ST2000DM008-2FR102"), "Seagate");
  assert.equal(manufacturerFromModel("WDC WD10EZEX-08WN4A0"), "Western Digital");
  assert.equal(manufacturerFromModel("KINGSTON SA400S37240G"), "Kingston");
  assert.equal(manufacturerFromModel("Some Disk"), undefined);
  assert.equal(manufacturerFromModel(undefined), undefined);
});
