import assert from "node:assert/strict";
import { recordedProbe } from "../probe.ts";
import { controllers } from "./controllers.ts";
import { modems } from "./modems.ts";
import { sounds } from "./sounds.ts";
import { videos } from "./videos.ts";

const PCI_IDS = `8086  Intel Corporation
	0d57  Some Host Bridge
	a348  Cannon Lake PCH cAVS
10de  NVIDIA Corporation
	1c82  GP107 [GeForce GTX 1050 Ti]
C 03  Display controller
	00  VGA compatible controller
C 04  Multimedia controller
	03  Audio device
C 06  Bridge
	00  Host bridge
C 07  Communication controller
	03  Modem
`;

function device(address: string, ids: Record<string, string>) {
  const files: Record<string, string> = {};
  for (const [k, v] of Object.entries(ids)) {
    files[`/sys/bus/pci/devices/${address}/${k}`] = `${v}\n`;
  }
  return files;
}

const FILES = {
  "/usr/share/misc/pci.ids": PCI_IDS,
  ...device("0000:00:00.0", {
    vendor: "0x8086",
    device: "0x0d57",
    class: "0x060000",
    revision: "0x00",
  }),
  ...device("0000:00:1f.3", {
    vendor: "0x8086",
    device: "0xa348",
    class: "0x040300",
    revision: "0x10",
  }),
  ...device("0000:01:00.0", {
    vendor: "0x10de",
    device: "0x1c82",
    class: "0x030000",
    revision: "0xa1",
    resource: "0x00000000f6000000 0x00000000f6ffffff 0x0000000000040200\n" +
      "0x00000000e0000000 0x00000000efffffff 0x000000000014220c\n" +
      "0x00000000f0000000 0x00000000f1ffffff 0x000000000014220c",
  }),
  ...device("0000:02:00.0", {
    vendor: "0x14f1",
    device: "0x2f30",
    class: "0x078000",
    revision: "0x01",
  }),
  ...device("0000:03:00.0", {
    vendor: "0x14f1",
    device: "0x2f31",
    class: "0x070300",
    revision: "0x01",
  }),
  "/sys/bus/pci/devices/0000:01:00.0/drm/card0/card0-HDMI-A-1/status": "connected\n",
  "/sys/bus/pci/devices/0000:01:00.0/drm/card0/card0-HDMI-A-1/modes": "1920x1080\n1280x720\n",
};

const LINKS = { "/sys/bus/pci/devices/0000:01:00.0/driver": "../../../bus/pci/drivers/nouveau" };

Deno.test("controllers: lspci -nn wording, names from pci.ids, ids without it", async () => {
  const list = await controllers.collect(recordedProbe({ files: FILES, links: LINKS })) as Record<
    string,
    string
  >[];
  assert.deepEqual(list[0], {
    NAME: "Host bridge [0600]",
    MANUFACTURER: "Intel Corporation Some Host Bridge",
    PCIID: "8086:0d57",
    PCISLOT: "00:00.0",
  });
  assert.deepEqual(list[2], {
    NAME: "VGA compatible controller [0300]",
    MANUFACTURER: "NVIDIA Corporation GP107 [GeForce GTX 1050 Ti]",
    PCIID: "10de:1c82",
    PCISLOT: "01:00.0",
    TYPE: "rev a1",
    DRIVER: "nouveau",
  });
  // Unknown vendor: the ids, and the built-in class name (pci.ids has no class 07 80).
  assert.equal(list[3]!.MANUFACTURER, "14f1 2f30");
  assert.equal(list[3]!.NAME, "Communication controller [0780]");
});

Deno.test("videos, sounds, modems: the matching PCI classes", async () => {
  const probe = recordedProbe({ files: FILES, links: LINKS });
  assert.deepEqual(await videos.collect(probe), [{
    CHIPSET: "VGA compatible controller",
    NAME: "NVIDIA Corporation GP107 [GeForce GTX 1050 Ti]",
    MEMORY: "288",
    RESOLUTION: "1920x1080",
    PCISLOT: "01:00.0",
    PCIID: "10de:1c82",
  }]);
  assert.deepEqual(await sounds.collect(probe), [{
    NAME: "Audio device",
    MANUFACTURER: "Intel Corporation Cannon Lake PCH cAVS",
    DESCRIPTION: "rev 10",
  }]);
  assert.deepEqual(await modems.collect(probe), [{ NAME: "Modem", DESCRIPTION: "14f1 2f31" }]);
});

Deno.test("pci: garbage sysfs values are skipped, never thrown", async () => {
  const probe = recordedProbe({
    files: {
      ...device("0000:00:00.0", { vendor: "junk", device: "0x0001", class: "0x060000" }),
      ...device("0000:00:01.0", {
        vendor: "0x8086",
        device: "0x0001",
        class: "0x030000",
        resource: "garbage\n1 2",
      }),
    },
  });
  const list = await controllers.collect(probe) as Record<string, string>[];
  assert.equal(list.length, 1);
  assert.deepEqual(await videos.collect(probe), [{
    CHIPSET: "VGA compatible controller",
    NAME: "8086 0001",
    PCISLOT: "00:01.0",
    PCIID: "8086:0001",
  }]);
});
