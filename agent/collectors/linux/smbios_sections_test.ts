import assert from "node:assert/strict";
import { sampleSmbiosTable } from "../../parsers/test_helpers.ts";
import { recordedProbe } from "../probe.ts";
import { bios } from "./bios.ts";
import { memories } from "./memories.ts";
import { slots } from "./slots.ts";

const TABLE = { "/sys/firmware/dmi/tables/DMI": sampleSmbiosTable() };

Deno.test("bios: sysfs first (SMANUFACTURER included), SMBIOS for what sysfs hides", async () => {
  const probe = recordedProbe({
    files: {
      ...TABLE,
      "/sys/class/dmi/id/sys_vendor": "LENOVO\n",
      "/sys/class/dmi/id/product_name": "20XW\n",
      "/sys/class/dmi/id/bios_vendor": "LENOVO\n",
      "/sys/class/dmi/id/chassis_type": "10\n",
    },
  });
  // No asset tag anywhere: the field is absent, not empty.
  assert.deepEqual(await bios.collect(probe), {
    SMANUFACTURER: "LENOVO",
    SMODEL: "20XW",
    SSN: "PF2ABCDE",
    TYPE: "Notebook",
    BMANUFACTURER: "LENOVO",
    BVERSION: "1.20",
    BDATE: "04/01/2021",
    MMANUFACTURER: "LENOVO",
    MMODEL: "20XWCTO1WW",
    MSN: "L1HF",
  });
});

Deno.test("bios: VirtualBox serials replaced by the UUID; nothing known is no section", async () => {
  const vbox = recordedProbe({
    files: {
      "/sys/class/dmi/id/board_name": "VirtualBox\n",
      "/sys/class/dmi/id/product_serial": "0\n",
      "/sys/class/dmi/id/board_serial": "0\n",
      "/sys/class/dmi/id/product_uuid": "5c3f1e2a-0000-0000-0000-000000000001\n",
    },
  });
  assert.equal(
    (await bios.collect(vbox) as Record<string, string>).SSN,
    "5c3f1e2a-0000-0000-0000-000000000001",
  );
  assert.equal(await bios.collect(recordedProbe({})), null);
});

Deno.test("memories and slots from SMBIOS; none without the table", async () => {
  const probe = recordedProbe({ files: TABLE });
  assert.deepEqual(await memories.collect(probe), [
    {
      CAPTION: "DIMM A",
      DESCRIPTION: "Synchronous",
      CAPACITY: "16384",
      TYPE: "DDR4",
      SPEED: "3200",
      MANUFACTURER: "Samsung",
      SERIALNUMBER: "1234ABCD",
      NUMSLOTS: "1",
    },
    { CAPTION: "DIMM B", NUMSLOTS: "2" },
  ]);
  assert.deepEqual(await slots.collect(probe), [
    { NAME: "PCIEX16_1", DESCRIPTION: "x16 PCI Express 3 x16", DESIGNATION: "7", STATUS: "In Use" },
  ]);
  assert.equal(await memories.collect(recordedProbe({})), null);
  assert.equal(await slots.collect(recordedProbe({})), null);
});
