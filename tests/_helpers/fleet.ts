/**
 * Synthetic machines made from a real fixture: the fixture's inventory with its identity
 * (DEVICEID, name, serial, UUID, MACs, disks, monitors, TAG, software) replaced, so a test can
 * build a fleet of reinstalled, renamed, cloned and docked machines that still carry every other
 * section a real agent sends.
 *
 * @module
 */

import { decodeRequest, type InventoryRequest, writeInventoryRequest } from "../../protocol/mod.ts";
import type { InventoryContent, SimpleObject } from "../../protocol/types.ts";
import { readFixture } from "./fixtures.ts";

/** What makes a machine itself. Absent fields keep the fixture's value; "" removes it. */
export interface Machine {
  deviceid: string;
  name: string;
  serial?: string;
  uuid?: string;
  /** Physical MACs; the fixture's network entries are always replaced (one per MAC). */
  macs?: string[];
  /** Virtual interfaces (VIRTUALDEV=1) added after the physical ones. */
  virtualMacs?: string[];
  disks?: { serial: string; model: string }[];
  monitors?: { name: string; serial: string }[];
  tag?: string;
  software?: { name: string; version: string; publisher?: string }[];
  type?: string;
}

let baseCache: InventoryContent | undefined;

/** The base inventory: the Debian agent fixture with its software list. */
export function baseContent(fixture = "unixagent-2.10-debian12-full.xml"): InventoryContent {
  if (!baseCache || fixture !== "unixagent-2.10-debian12-full.xml") {
    const decoded = decodeRequest(readFixture(fixture)).request as InventoryRequest;
    if (fixture !== "unixagent-2.10-debian12-full.xml") return decoded.content;
    baseCache = decoded.content;
  }
  return baseCache;
}

/** The XML an agent on `machine` would send. */
export function machineXml(machine: Machine, base: InventoryContent = baseContent()): string {
  const content = structuredClone(base) as Record<string, unknown>;
  const hardware: SimpleObject = { ...(content.HARDWARE as SimpleObject), NAME: machine.name };
  if (machine.uuid !== undefined) hardware.UUID = machine.uuid;
  content.HARDWARE = hardware;
  const bios = { ...(content.BIOS as SimpleObject) };
  if (machine.serial !== undefined) bios.SSN = machine.serial;
  if (machine.type !== undefined) bios.TYPE = machine.type;
  content.BIOS = bios;
  // Identity-bearing lists are always replaced: the fixture's own MACs and monitors would
  // otherwise make every synthetic machine look like the same one.
  {
    content.NETWORKS = [
      ...(machine.macs ?? []).map((mac, i) => ({
        DESCRIPTION: `eth${i}`,
        MACADDR: mac,
        IPADDRESS: `10.0.${i}.${parseInt(mac.slice(-2), 16)}`,
        IPSUBNET: `10.0.${i}.0`,
        IPMASK: "255.255.255.0",
        STATUS: "Up",
        TYPE: "ethernet",
        VIRTUALDEV: "0",
      })),
      ...(machine.virtualMacs ?? []).map((mac, i) => ({
        DESCRIPTION: `docker${i}`,
        MACADDR: mac,
        STATUS: "Up",
        VIRTUALDEV: "1",
      })),
    ];
  }
  if (machine.disks) {
    content.STORAGES = machine.disks.map((d, i) => ({
      NAME: `sd${String.fromCharCode(97 + i)}`,
      MODEL: d.model,
      SERIALNUMBER: d.serial,
      TYPE: "disk",
      DISKSIZE: "512000",
    }));
  }
  {
    content.MONITORS = (machine.monitors ?? []).map((m) => ({
      CAPTION: m.name,
      MANUFACTURER: "Dell",
      SERIAL: m.serial,
      DESCRIPTION: m.name,
    }));
  }
  if (machine.software) {
    content.SOFTWARES = machine.software.map((s) => ({
      NAME: s.name,
      VERSION: s.version,
      PUBLISHER: s.publisher ?? "",
    }));
  }
  content.ACCOUNTINFO = [{ KEYNAME: "TAG", KEYVALUE: machine.tag ?? "" }];
  return writeInventoryRequest(machine.deviceid, content as InventoryContent);
}
