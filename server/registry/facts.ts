/**
 * What a device's stored inventory says, in registry terms: the computer's fields, the rule
 * input, and the keyed rows of each part (components, ports, volumes, VMs, software,
 * peripherals). Pure: it reads parsed sections, never the database.
 *
 * @module
 */

import type { SimpleObject, SimpleValue } from "../../protocol/types.ts";
import type { RuleInput } from "../../rules/types.ts";
import type { Identity } from "./normalize.ts";

/** Parsed sections of one device, by name. */
export type Sections = Readonly<Record<string, SimpleValue | undefined>>;

/** The device row fields the registry uses. */
export interface DeviceFacts {
  id: number;
  deviceid: string;
  tag: string | null;
  lastDate: string | null;
  lastCome: string;
  ipSource: string;
}

/** Computer fields fed by inventory; each can be locked by an admin. */
export interface InventoryFields {
  name: string;
  serial: string;
  uuid: string;
  inventory_number: string;
  manufacturer: string;
  model: string;
  type: string;
  os_name: string;
  os_version: string;
  os_arch: string;
  os_serial: string;
  domain: string;
  user: string;
  contact: string;
  comment: string;
  cpu: string;
  memory_mb: number;
  ip: string;
  tag: string;
}

/** Names of {@linkcode InventoryFields}, in display order. */
export const INVENTORY_FIELDS: readonly (keyof InventoryFields)[] = [
  "name",
  "serial",
  "uuid",
  "inventory_number",
  "manufacturer",
  "model",
  "type",
  "os_name",
  "os_version",
  "os_arch",
  "os_serial",
  "domain",
  "user",
  "contact",
  "comment",
  "cpu",
  "memory_mb",
  "ip",
  "tag",
];

/** One keyed child row (component, port, volume, VM): `key` is its identity, `sig` its content. */
export interface KeyedFact {
  key: string;
  sig: string;
  values: Record<string, string | number | null>;
}

/** One installed software as the agent reported it. */
export interface SoftwareFact {
  name: string;
  publisher: string;
  version: string;
  installDate: string;
  arch: string;
  category: string;
  comment: string;
}

/** One monitor, printer or input device. */
export interface PeripheralFact {
  kind: "monitor" | "printer" | "peripheral";
  name: string;
  manufacturer: string;
  serial: string;
  description: string;
}

// The parts and the sections they read are declared once, in parts.ts.
export { ALL_PARTS, type Part, SECTION_PARTS, sectionsFor } from "./parts.ts";

function one(sections: Sections, name: string): SimpleObject {
  const value = sections[name];
  if (value && typeof value === "object" && !Array.isArray(value)) return value;
  if (Array.isArray(value) && value[0] && typeof value[0] === "object") {
    return value[0] as SimpleObject;
  }
  return {};
}

function many(sections: Sections, name: string): SimpleObject[] {
  const value = sections[name];
  if (Array.isArray(value)) {
    return value.filter((v): v is SimpleObject => typeof v === "object" && !Array.isArray(v));
  }
  return value && typeof value === "object" ? [value as SimpleObject] : [];
}

function text(object: SimpleObject, key: string): string {
  const value = object[key];
  return typeof value === "string" ? value.trim() : "";
}

/**
 * The first non-empty of `keys`: the OCS agents and the FusionInventory/GLPI agents name the
 * same value differently (CPUS TYPE vs NAME, SOFTWARES ARCHITECTURE vs ARCH…), so each reading
 * lists every agent's name, the OCS one first (what existing computers were read with).
 */
function first(object: SimpleObject, ...keys: string[]): string {
  for (const key of keys) {
    const value = text(object, key);
    if (value) return value;
  }
  return "";
}

function int(value: string): number | null {
  const n = parseInt(value, 10);
  return Number.isFinite(n) ? n : null;
}

/**
 * HARDWARE's type when BIOS has none: the virtualisation (VMSYSTEM), and for a physical machine
 * the GLPI agent's CHASSIS_TYPE ("Laptop") when it sends one.
 */
function machineType(hw: SimpleObject): string {
  const vm = text(hw, "VMSYSTEM");
  return vm && vm.toLowerCase() !== "physical" ? vm : text(hw, "CHASSIS_TYPE") || vm;
}

/**
 * HARDWARE DESCRIPTION as a comment: the Windows agents send the machine's description, the
 * OCS Unix agent its architecture and uptime ("x86_64/00-00-03 04:20:38"), which changes on
 * every report and says nothing the other fields do not.
 */
function comment(description: string): string {
  return /^[\w-]+\/\d+-\d+-\d+ \d+:\d+:\d+$/.test(description) ? "" : description;
}

/** The computer fields this inventory gives. */
export function inventoryFields(
  device: DeviceFacts,
  sections: Sections,
  identity: Identity,
): InventoryFields {
  const hw = one(sections, "HARDWARE");
  const bios = one(sections, "BIOS");
  const os = one(sections, "OPERATINGSYSTEM");
  const cpu = many(sections, "CPUS")[0] ?? {};
  const assetTag = identity.serial(text(bios, "ASSETTAG"));
  return {
    name: text(hw, "NAME"),
    serial: identity.serial(text(bios, "SSN")),
    uuid: identity.uuid(text(hw, "UUID")),
    inventory_number: assetTag,
    manufacturer: text(bios, "SMANUFACTURER"),
    model: text(bios, "SMODEL"),
    type: text(bios, "TYPE") || machineType(hw),
    os_name: text(hw, "OSNAME") || first(os, "FULL_NAME", "NAME"),
    // OPERATINGSYSTEM's VERSION is the distribution's ("12.11"); HARDWARE's OSVERSION is the
    // kernel's on Unix agents, the only version the OCS agents send.
    os_version: text(os, "VERSION") || text(hw, "OSVERSION"),
    os_arch: text(hw, "ARCH") || text(os, "ARCH"),
    os_serial: text(hw, "WINPRODID"),
    domain: text(hw, "WORKGROUP") || text(os, "DNS_DOMAIN"),
    user: text(hw, "LASTLOGGEDUSER") || text(hw, "USERID"),
    contact: text(hw, "USERID"),
    comment: comment(text(hw, "DESCRIPTION")),
    cpu: first(cpu, "TYPE", "NAME"),
    memory_mb: int(text(hw, "MEMORY")) ?? 0,
    ip: text(hw, "IPADDR") || device.ipSource,
    tag: device.tag ?? "",
  };
}

/** Network interfaces that are not virtual (loopback, bridges, containers, tunnels). */
function isVirtualPort(net: SimpleObject): boolean {
  if (text(net, "VIRTUALDEV") === "1") return true;
  const name = text(net, "DESCRIPTION").toLowerCase();
  return /^(lo|docker|veth|virbr|br-|vmnet|vboxnet|tun|tap|wg|cni|flannel|cali|vnet)/.test(name) ||
    text(net, "TYPE").toLowerCase() === "loopback";
}

/** The input every rule collection evaluates for this device. */
export function ruleInput(
  device: DeviceFacts,
  fields: InventoryFields,
  sections: Sections,
  identity: Identity,
): RuleInput {
  const macs = new Set<string>();
  const ips = new Set<string>();
  const subnets = new Set<string>();
  for (const net of many(sections, "NETWORKS")) {
    const ip = text(net, "IPADDRESS");
    if (ip && ip !== "127.0.0.1" && ip !== "::1") ips.add(ip);
    const subnet = text(net, "IPSUBNET");
    if (subnet && subnet !== "127.0.0.0") subnets.add(subnet);
    if (isVirtualPort(net)) continue;
    const mac = identity.mac(text(net, "MACADDR"));
    if (mac) macs.add(mac);
  }
  if (ips.size === 0 && device.ipSource) ips.add(device.ipSource);
  const virtual = fields.type.toLowerCase();
  return {
    deviceid: device.deviceid,
    name: fields.name,
    serial: fields.serial,
    uuid: fields.uuid,
    mac: [...macs],
    ip: [...ips],
    subnet: [...subnets],
    domain: fields.domain,
    tag: fields.tag,
    os_name: fields.os_name,
    manufacturer: fields.manufacturer,
    model: fields.model,
    type: fields.type,
    user: fields.user,
    is_virtual: /virtual|vmware|kvm|qemu|xen|hyper-v|vbox|docker|lxc/.test(
        `${virtual} ${fields.model.toLowerCase()}`,
      )
      ? "1"
      : "0",
  };
}

function keyed(rows: { key: string; values: KeyedFact["values"] }[]): KeyedFact[] {
  const seen = new Map<string, number>();
  return rows.map(({ key, values }) => {
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return { key: n === 0 ? key : `${key}#${n}`, sig: JSON.stringify(values), values };
  });
}

function component(
  kind: string,
  key: string,
  designation: string,
  manufacturer: string,
  serial: string,
  size: number | null,
  detail: Record<string, string>,
) {
  return {
    key: `${kind}:${key}`,
    values: { kind, designation, manufacturer, serial, size, detail: JSON.stringify(detail) },
  };
}

function pick(object: SimpleObject, keys: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of keys) {
    const v = text(object, k);
    if (v) out[k] = v;
  }
  return out;
}

/** Like {@linkcode pick}, each output key read from the first non-empty of its agents' names. */
function named(
  object: SimpleObject,
  names: Readonly<Record<string, readonly string[]>>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, keys] of Object.entries(names)) {
    const v = first(object, ...keys);
    if (v) out[key] = v;
  }
  return out;
}

/** Hardware components: CPU, memory, disk, graphics, sound, controller, firmware, board. */
export function components(sections: Sections, identity: Identity): KeyedFact[] {
  const rows: { key: string; values: KeyedFact["values"] }[] = [];
  many(sections, "CPUS").forEach((cpu, i) =>
    rows.push(component(
      "cpu",
      `${i}`,
      first(cpu, "TYPE", "NAME"),
      text(cpu, "MANUFACTURER"),
      identity.serial(first(cpu, "SERIALNUMBER", "SERIAL")),
      int(text(cpu, "SPEED")),
      named(cpu, {
        CORES: ["CORES", "CORE"],
        LOGICAL_CPUS: ["LOGICAL_CPUS"],
        THREADS: ["THREADS", "THREAD"],
        CPUARCH: ["CPUARCH", "ARCH"],
        SOCKET: ["SOCKET"],
      }),
    ))
  );
  for (const mem of many(sections, "MEMORIES")) {
    const capacity = int(text(mem, "CAPACITY"));
    if (!capacity) continue; // empty slots
    const serial = identity.serial(first(mem, "SERIALNUMBER", "SERIAL"));
    rows.push(component(
      "memory",
      serial || `slot ${text(mem, "NUMSLOTS")} ${text(mem, "CAPTION")}`,
      text(mem, "DESCRIPTION") || text(mem, "CAPTION"),
      text(mem, "MANUFACTURER"),
      serial,
      capacity,
      pick(mem, ["TYPE", "SPEED", "NUMSLOTS", "CAPTION"]),
    ));
  }
  for (const disk of many(sections, "STORAGES")) {
    const serial = identity.serial(first(disk, "SERIALNUMBER", "SERIAL"));
    const type = text(disk, "TYPE").toLowerCase();
    rows.push(component(
      /cd|dvd|rom|floppy/.test(type) ? "drive" : "disk",
      serial || text(disk, "NAME"),
      text(disk, "MODEL") || text(disk, "NAME"),
      text(disk, "MANUFACTURER"),
      serial,
      int(text(disk, "DISKSIZE")),
      pick(disk, ["NAME", "TYPE", "DESCRIPTION", "FIRMWARE"]),
    ));
  }
  for (const video of many(sections, "VIDEOS")) {
    rows.push(component(
      "graphics",
      `${text(video, "NAME")} ${text(video, "PCISLOT")}`,
      text(video, "NAME"),
      "",
      "",
      int(text(video, "MEMORY")),
      pick(video, ["CHIPSET", "RESOLUTION", "PCISLOT"]),
    ));
  }
  for (const sound of many(sections, "SOUNDS")) {
    rows.push(component(
      "sound",
      text(sound, "NAME"),
      text(sound, "NAME"),
      text(sound, "MANUFACTURER"),
      "",
      null,
      pick(sound, ["DESCRIPTION"]),
    ));
  }
  for (const ctl of many(sections, "CONTROLLERS")) {
    rows.push(component(
      "controller",
      `${text(ctl, "NAME")} ${text(ctl, "PCISLOT")}`,
      text(ctl, "NAME") || text(ctl, "CAPTION"),
      text(ctl, "MANUFACTURER"),
      "",
      null,
      {
        ...pick(ctl, ["TYPE"]),
        // The OCS agents send PCIID, FusionInventory/GLPI agents VENDORID and PRODUCTID.
        ...(pciId(ctl) ? { PCIID: pciId(ctl) } : {}),
        ...pick(ctl, ["PCISLOT", "DRIVER"]),
      },
    ));
  }
  const bios = one(sections, "BIOS");
  if (text(bios, "BVERSION") || text(bios, "BMANUFACTURER")) {
    rows.push(component(
      "firmware",
      "bios",
      text(bios, "BVERSION"),
      text(bios, "BMANUFACTURER"),
      "",
      null,
      pick(bios, ["BDATE"]),
    ));
  }
  if (text(bios, "MMODEL") || text(bios, "MMANUFACTURER")) {
    rows.push(component(
      "motherboard",
      "board",
      text(bios, "MMODEL"),
      text(bios, "MMANUFACTURER"),
      identity.serial(text(bios, "MSN")),
      null,
      {},
    ));
  }
  return keyed(rows);
}

function pciId(ctl: SimpleObject): string {
  const vendor = text(ctl, "VENDORID"), product = text(ctl, "PRODUCTID");
  return text(ctl, "PCIID") || (vendor && product ? `${vendor}:${product}` : "");
}

/** Network ports with their MAC and addresses. */
export function ports(sections: Sections, identity: Identity): KeyedFact[] {
  return keyed(
    many(sections, "NETWORKS").map((net) => {
      const name = text(net, "DESCRIPTION");
      const mac = identity.mac(text(net, "MACADDR"));
      return {
        key: `${name}|${mac}`,
        values: {
          name,
          mac,
          ip: text(net, "IPADDRESS"),
          subnet: text(net, "IPSUBNET"),
          type: text(net, "TYPE"),
          speed: text(net, "SPEED"),
          is_virtual: isVirtualPort(net) ? 1 : 0,
        },
      };
    }),
  );
}

/** Mounted volumes. */
export function volumes(sections: Sections): KeyedFact[] {
  return keyed(
    many(sections, "DRIVES").map((drive) => {
      const mount = text(drive, "LETTER") || text(drive, "TYPE") || text(drive, "VOLUMN");
      return {
        key: mount,
        values: {
          mount,
          filesystem: text(drive, "FILESYSTEM"),
          label: text(drive, "LABEL") || text(drive, "VOLUMN"),
          total_mb: int(text(drive, "TOTAL")),
          free_mb: int(text(drive, "FREE")),
        },
      };
    }),
  );
}

/** Virtual machines hosted. */
export function virtualMachines(sections: Sections): KeyedFact[] {
  return keyed(
    many(sections, "VIRTUALMACHINES").map((vm) => ({
      key: text(vm, "UUID") || text(vm, "NAME"),
      values: {
        name: text(vm, "NAME"),
        uuid: text(vm, "UUID"),
        vmtype: text(vm, "VMTYPE") || text(vm, "SUBSYSTEM"),
        status: text(vm, "STATUS"),
        memory_mb: int(text(vm, "MEMORY")),
        vcpu: int(text(vm, "VCPU")),
      },
    })),
  );
}

/** Installed software. */
export function software(sections: Sections): SoftwareFact[] {
  const out: SoftwareFact[] = [];
  for (const s of many(sections, "SOFTWARES")) {
    const name = text(s, "NAME");
    if (!name) continue;
    out.push({
      name,
      publisher: text(s, "PUBLISHER"),
      version: text(s, "VERSION"),
      installDate: text(s, "INSTALLDATE"),
      arch: first(s, "ARCHITECTURE", "ARCH", "BITSWIDTH"),
      category: text(s, "FROM"),
      comment: text(s, "COMMENTS"),
    });
  }
  return out;
}

/** Monitors, printers and input devices. */
export function peripherals(sections: Sections): PeripheralFact[] {
  const out: PeripheralFact[] = [];
  for (const m of many(sections, "MONITORS")) {
    out.push({
      kind: "monitor",
      name: first(m, "CAPTION", "NAME", "DESCRIPTION"),
      manufacturer: text(m, "MANUFACTURER"),
      serial: first(m, "SERIAL", "ALTSERIAL"),
      description: text(m, "DESCRIPTION"),
    });
  }
  for (const p of many(sections, "PRINTERS")) {
    out.push({
      kind: "printer",
      name: text(p, "NAME"),
      manufacturer: "",
      serial: "",
      description: text(p, "DRIVER") || text(p, "DESCRIPTION"),
    });
  }
  for (const i of many(sections, "INPUTS")) {
    out.push({
      kind: "peripheral",
      name: first(i, "CAPTION", "NAME", "DESCRIPTION"),
      manufacturer: text(i, "MANUFACTURER"),
      serial: "",
      description: text(i, "TYPE"),
    });
  }
  return out.filter((p) => p.name !== "");
}
