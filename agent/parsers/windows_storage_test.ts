import assert from "node:assert/strict";
import { windowsLocalGroups, windowsLocalUsers } from "./windows_accounts.ts";
import { parseCimReport } from "./windows_cim.ts";
import { windowsControllers, windowsDrives, windowsStorages } from "./windows_storage.ts";

const fixture = (name: string) =>
  Deno.readTextFileSync(new URL(`../../tests/fixtures/agent/windows/${name}`, import.meta.url));
const laptop = parseCimReport(fixture("cim-report.json"));

Deno.test("windows STORAGES: NAME the model, MODEL the device path, size in MiB", () => {
  assert.deepEqual(windowsStorages(laptop), [
    {
      NAME: "SAMSUNG MZVL2512HCJQ-00BL7",
      MODEL: "\\\\.\\PHYSICALDRIVE0",
      MANUFACTURER: "Samsung",
      DESCRIPTION: "Disk drive",
      TYPE: "Fixed hard disk media",
      DISKSIZE: "488382",
      SERIALNUMBER: "0025_3884_21B4_12C7.",
      FIRMWARE: "GXA7801Q",
    },
    {
      NAME: "SanDisk Extreme 55AE USB Device",
      MODEL: "\\\\.\\PHYSICALDRIVE1",
      MANUFACTURER: "SanDisk",
      DESCRIPTION: "Disk drive",
      TYPE: "External hard disk media",
      DISKSIZE: "953835",
      SERIALNUMBER: "32303234303131303030303231",
      FIRMWARE: "1082",
    },
  ]);
});

Deno.test("windows DRIVES: letters C:/, drive types, network share as VOLUMN", () => {
  assert.deepEqual(windowsDrives(laptop), [
    {
      LETTER: "C:/",
      TYPE: "Hard Drive",
      FILESYSTEM: "NTFS",
      TOTAL: "487108",
      FREE: "211094",
      VOLUMN: "OS",
    },
    {
      LETTER: "D:/",
      TYPE: "Removable Drive",
      FILESYSTEM: "exFAT",
      TOTAL: "953835",
      FREE: "700000",
      VOLUMN: "Extreme SSD",
    },
    {
      LETTER: "H:/",
      TYPE: "Network Drive",
      FILESYSTEM: "NTFS",
      TOTAL: "102400",
      FREE: "51200",
      VOLUMN: "\\\\files.corp.example.com\\home\\jdoe",
    },
    { LETTER: "E:/", TYPE: "CD-Rom Drive" },
  ]);
  assert.deepEqual(windowsDrives({ LogicalDisk: [{ DriveType: 3 }, "junk", null] }), []);
});

Deno.test("windows CONTROLLERS", () => {
  assert.deepEqual(windowsControllers(laptop).map((c) => [c.NAME, c.TYPE]), [
    ["Standard NVM Express Controller", "SCSI Controller"],
    ["Intel(R) USB 3.20 eXtensible Host Controller - 1.20 (Microsoft)", "USB Controller"],
  ]);
});

Deno.test("windows LOCAL_USERS / LOCAL_GROUPS: RIDs as ids", () => {
  assert.deepEqual(windowsLocalUsers(laptop), [
    { LOGIN: "Administrator", ID_USER: "500" },
    { LOGIN: "localadmin", ID_USER: "1001", NAME: "Local Admin" },
  ]);
  assert.deepEqual(windowsLocalGroups(laptop), [
    { ID_GROUP: "544", NAME: "Administrators", MEMBER: "Administrator,localadmin,Domain Admins" },
    { ID_GROUP: "545", NAME: "Users", MEMBER: "INTERACTIVE,Authenticated Users,Domain Users" },
  ]);
  assert.deepEqual(windowsLocalGroups({ Group: [{ Name: "None", SID: "S-1-5-21-1-2-3-513" }] }), [
    { ID_GROUP: "513", NAME: "None" },
  ]);
});
