/**
 * The raw SMBIOS (DMI) table as Linux exposes it in `/sys/firmware/dmi/tables/DMI` (root only),
 * with its `smbios_entry_point`. Reading it natively replaces `dmidecode`: one file, no process.
 *
 * A structure is a formatted area (type, length, handle, then fields) followed by a set of
 * NUL-terminated strings ending with an empty string; fields refer to strings by 1-based index.
 * Decoders read a field only when the structure is long enough to hold it (older SMBIOS versions
 * have shorter structures), so a short or odd structure yields fewer fields, never an error.
 *
 * @module
 */

/** One structure of the table. */
export interface SmbiosStructure {
  type: number;
  handle: number;
  /** The formatted area, header included (offsets below are the spec's offsets). */
  data: Uint8Array;
  strings: string[];
}

/** Parses the structures of a DMI table; stops cleanly at the end-of-table or a truncation. */
export function parseSmbiosTable(bytes: Uint8Array): SmbiosStructure[] {
  const structures: SmbiosStructure[] = [];
  let pos = 0;
  const decoder = new TextDecoder("latin1");
  while (pos + 4 <= bytes.length) {
    const type = bytes[pos]!;
    const length = bytes[pos + 1]!;
    if (length < 4 || pos + length > bytes.length) break;
    const data = bytes.subarray(pos, pos + length);
    // The string set runs to a double NUL.
    let end = pos + length;
    const strings: string[] = [];
    let start = end;
    for (;;) {
      if (end >= bytes.length) return structures; // truncated string set: drop it
      if (bytes[end] === 0) {
        if (end === start) break;
        strings.push(decoder.decode(bytes.subarray(start, end)).trim());
        start = end + 1;
      }
      end++;
    }
    // An empty string set is still two NULs.
    if (strings.length === 0 && pos + length + 1 >= bytes.length) break;
    const next = strings.length === 0 ? pos + length + 2 : end + 1;
    structures.push({ type, handle: data[2]! | (data[3]! << 8), data, strings });
    if (type === 127) break;
    pos = next;
  }
  return structures;
}

/** The SMBIOS version from `smbios_entry_point` (`_SM_` 2.x or `_SM3_` 3.x); null otherwise. */
export function parseEntryPoint(bytes: Uint8Array): { major: number; minor: number } | null {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 5));
  if (head === "_SM3_" && bytes.length >= 9) return { major: bytes[7]!, minor: bytes[8]! };
  if (head.startsWith("_SM_") && bytes.length >= 8) return { major: bytes[6]!, minor: bytes[7]! };
  return null;
}

const u8 = (s: SmbiosStructure, o: number) => (o < s.data.length ? s.data[o] : undefined);
const u16 = (s: SmbiosStructure, o: number) =>
  o + 1 < s.data.length ? s.data[o]! | (s.data[o + 1]! << 8) : undefined;
const u32 = (s: SmbiosStructure, o: number) =>
  o + 3 < s.data.length
    ? (s.data[o]! | (s.data[o + 1]! << 8) | (s.data[o + 2]! << 16) | (s.data[o + 3]! << 24)) >>> 0
    : undefined;
/** The string a field points to; undefined for index 0, out of range, or blank. */
const str = (s: SmbiosStructure, o: number) => {
  const index = u8(s, o);
  const value = index ? s.strings[index - 1] : undefined;
  return value ? value : undefined;
};

/** Type 0. */
export interface SmbiosBios {
  vendor?: string;
  version?: string;
  releaseDate?: string;
}

/** Decodes a type 0 (BIOS information) structure. */
export function decodeBios(s: SmbiosStructure): SmbiosBios {
  return { vendor: str(s, 4), version: str(s, 5), releaseDate: str(s, 8) };
}

/** Types 1, 2 and 3 share these. */
export interface SmbiosIdentity {
  manufacturer?: string;
  product?: string;
  version?: string;
  serial?: string;
  assetTag?: string;
}

/** Type 1 (system), with its UUID. */
export interface SmbiosSystem extends SmbiosIdentity {
  uuid?: string;
}

/** Decodes a type 1 (system information) structure. */
export function decodeSystem(s: SmbiosStructure, version = { major: 3, minor: 0 }): SmbiosSystem {
  const system: SmbiosSystem = {
    manufacturer: str(s, 4),
    product: str(s, 5),
    version: str(s, 6),
    serial: str(s, 7),
  };
  if (s.data.length >= 0x18) system.uuid = formatUuid(s.data.subarray(8, 24), version);
  return system;
}

/** All-zero and all-FF UUIDs mean "not set" (spec 7.2.1). */
function formatUuid(b: Uint8Array, version: { major: number; minor: number }): string | undefined {
  if (b.every((x) => x === 0) || b.every((x) => x === 0xff)) return undefined;
  // Since 2.6 the first three fields are little-endian, as dmidecode and the kernel read them.
  const le = version.major > 2 || (version.major === 2 && version.minor >= 6);
  const order = le ? [3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15] : [...Array(16).keys()];
  const hex = order.map((i) => b[i]!.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${
    hex.slice(20)
  }`;
}

/** Decodes a type 2 (baseboard) structure. */
export function decodeBaseboard(s: SmbiosStructure): SmbiosIdentity {
  return {
    manufacturer: str(s, 4),
    product: str(s, 5),
    version: str(s, 6),
    serial: str(s, 7),
    assetTag: str(s, 8),
  };
}

/** Type 3, with the chassis type as text. */
export interface SmbiosChassis extends SmbiosIdentity {
  type?: string;
}

/** SMBIOS chassis types (also the value of `/sys/class/dmi/id/chassis_type`), index = code. */
export const CHASSIS_TYPES = [
  "",
  "Other",
  "Unknown",
  "Desktop",
  "Low Profile Desktop",
  "Pizza Box",
  "Mini Tower",
  "Tower",
  "Portable",
  "Laptop",
  "Notebook",
  "Hand Held",
  "Docking Station",
  "All in One",
  "Sub Notebook",
  "Space-saving",
  "Lunch Box",
  "Main Server Chassis",
  "Expansion Chassis",
  "Sub Chassis",
  "Bus Expansion Chassis",
  "Peripheral Chassis",
  "RAID Chassis",
  "Rack Mount Chassis",
  "Sealed-case PC",
  "Multi-system",
  "CompactPCI",
  "AdvancedTCA",
  "Blade",
  "Blade Enclosure",
  "Tablet",
  "Convertible",
  "Detachable",
  "IoT Gateway",
  "Embedded PC",
  "Mini PC",
  "Stick PC",
];

/** Decodes a type 3 (chassis) structure. */
export function decodeChassis(s: SmbiosStructure): SmbiosChassis {
  const code = (u8(s, 5) ?? 0) & 0x7f;
  return {
    manufacturer: str(s, 4),
    type: CHASSIS_TYPES[code] || undefined,
    version: str(s, 6),
    serial: str(s, 7),
    assetTag: str(s, 8),
  };
}

/** Type 4. Speeds in MHz; counts only when the structure has them (SMBIOS 2.5+). */
export interface SmbiosProcessor {
  socket?: string;
  manufacturer?: string;
  version?: string;
  /** e.g. `1.2 V`. */
  voltage?: string;
  maxSpeed?: number;
  currentSpeed?: number;
  populated: boolean;
  /** Enabled, Disabled By User, Disabled By BIOS, Idle, Other, Unknown. */
  status: string;
  serial?: string;
  coreCount?: number;
  threadCount?: number;
}

const CPU_STATUS = ["Unknown", "Enabled", "Disabled By User", "Disabled By BIOS", "Idle"];

/** Decodes a type 4 (processor) structure. */
export function decodeProcessor(s: SmbiosStructure): SmbiosProcessor {
  const statusByte = u8(s, 0x18) ?? 0;
  const v = u8(s, 0x11) ?? 0;
  let voltage: string | undefined;
  if (v & 0x80) voltage = `${(v & 0x7f) / 10} V`;
  else if (v & 1) voltage = "5.0 V";
  else if (v & 2) voltage = "3.3 V";
  else if (v & 4) voltage = "2.9 V";
  const speed = (o: number) => {
    const value = u16(s, o);
    return value ? value : undefined;
  };
  // Counts of 0xFF mean "see the 16-bit field" (SMBIOS 3.0).
  const count = (o8: number, o16: number) => {
    const small = u8(s, o8);
    if (small === undefined || small === 0) return undefined;
    return small === 0xff ? (u16(s, o16) || small) : small;
  };
  return {
    socket: str(s, 4),
    manufacturer: str(s, 7),
    version: str(s, 0x10),
    voltage,
    maxSpeed: speed(0x14),
    currentSpeed: speed(0x16),
    populated: (statusByte & 0x40) !== 0,
    status: CPU_STATUS[statusByte & 7] ?? "Other",
    serial: str(s, 0x20),
    coreCount: count(0x23, 0x2a),
    threadCount: count(0x25, 0x2e),
  };
}

const MEMORY_TYPES: Record<number, string> = {
  0x01: "Other",
  0x02: "Unknown",
  0x03: "DRAM",
  0x04: "EDRAM",
  0x05: "VRAM",
  0x06: "SRAM",
  0x07: "RAM",
  0x08: "ROM",
  0x09: "Flash",
  0x0a: "EEPROM",
  0x0b: "FEPROM",
  0x0c: "EPROM",
  0x0d: "CDRAM",
  0x0e: "3DRAM",
  0x0f: "SDRAM",
  0x10: "SGRAM",
  0x11: "RDRAM",
  0x12: "DDR",
  0x13: "DDR2",
  0x14: "DDR2 FB-DIMM",
  0x18: "DDR3",
  0x19: "FBD2",
  0x1a: "DDR4",
  0x1b: "LPDDR",
  0x1c: "LPDDR2",
  0x1d: "LPDDR3",
  0x1e: "LPDDR4",
  0x1f: "Logical non-volatile device",
  0x20: "HBM",
  0x21: "HBM2",
  0x22: "DDR5",
  0x23: "LPDDR5",
  0x24: "HBM3",
};

const MEMORY_TYPE_DETAIL = [
  "",
  "Other",
  "Unknown",
  "Fast-paged",
  "Static Column",
  "Pseudo-static",
  "RAMBus",
  "Synchronous",
  "CMOS",
  "EDO",
  "Window DRAM",
  "Cache DRAM",
  "Non-Volatile",
  "Registered (Buffered)",
  "Unbuffered (Unregistered)",
  "LRDIMM",
];

const FORM_FACTORS = [
  "",
  "Other",
  "Unknown",
  "SIMM",
  "SIP",
  "Chip",
  "DIP",
  "ZIP",
  "Proprietary Card",
  "DIMM",
  "TSOP",
  "Row Of Chips",
  "RIMM",
  "SODIMM",
  "SRIMM",
  "FB-DIMM",
  "Die",
];

/** Type 17. `sizeMb` is 0 for an empty slot, undefined when unknown. */
export interface SmbiosMemoryDevice {
  locator?: string;
  bankLocator?: string;
  sizeMb?: number;
  formFactor?: string;
  type?: string;
  /** Space-separated detail flags as dmidecode prints them, e.g. `Synchronous`. */
  typeDetail?: string;
  /** MT/s. */
  speed?: number;
  configuredSpeed?: number;
  manufacturer?: string;
  serial?: string;
  partNumber?: string;
}

/** Decodes a type 17 (memory device) structure. */
export function decodeMemoryDevice(s: SmbiosStructure): SmbiosMemoryDevice {
  const raw = u16(s, 0x0c);
  let sizeMb: number | undefined;
  if (raw === 0x7fff) sizeMb = (u32(s, 0x1c) ?? 0) & 0x7fffffff;
  else if (raw !== undefined && raw !== 0xffff) {
    sizeMb = raw & 0x8000 ? (raw & 0x7fff) / 1024 : raw;
  }
  const detailBits = u16(s, 0x13) ?? 0;
  const details = MEMORY_TYPE_DETAIL.filter((name, bit) => name && detailBits & (1 << bit));
  const speedOf = (o16: number, o32: number) => {
    const value = u16(s, o16);
    if (!value) return undefined;
    return value === 0xffff ? u32(s, o32) || undefined : value;
  };
  return {
    locator: str(s, 0x10),
    bankLocator: str(s, 0x11),
    sizeMb,
    formFactor: FORM_FACTORS[u8(s, 0x0e) ?? 0] || undefined,
    type: MEMORY_TYPES[u8(s, 0x12) ?? 0],
    typeDetail: details.length ? details.join(" ") : undefined,
    speed: speedOf(0x15, 0x54),
    configuredSpeed: speedOf(0x20, 0x58),
    manufacturer: str(s, 0x17),
    serial: str(s, 0x18),
    partNumber: str(s, 0x1a),
  };
}

const SLOT_WIDTHS = [
  "",
  "",
  "",
  "8-bit ",
  "16-bit ",
  "32-bit ",
  "64-bit ",
  "128-bit ",
  "x1 ",
  "x2 ",
  "x4 ",
  "x8 ",
  "x12 ",
  "x16 ",
  "x32 ",
];

const SLOT_TYPES: Record<number, string> = {
  0x01: "Other",
  0x02: "Unknown",
  0x03: "ISA",
  0x04: "MCA",
  0x05: "EISA",
  0x06: "PCI",
  0x07: "PC Card (PCMCIA)",
  0x08: "VLB",
  0x09: "Proprietary",
  0x0a: "Processor Card",
  0x0b: "Proprietary Memory Card",
  0x0c: "I/O Riser Card",
  0x0d: "NuBus",
  0x0e: "PCI-66",
  0x0f: "AGP",
  0x10: "AGP 2x",
  0x11: "AGP 4x",
  0x12: "PCI-X",
  0x13: "AGP 8x",
  0x14: "M.2 Socket 1-DP",
  0x15: "M.2 Socket 1-SD",
  0x16: "M.2 Socket 2",
  0x17: "M.2 Socket 3",
  0x1f: "PCI Express 2 SFF-8639 (U.2)",
  0x20: "PCI Express 3 SFF-8639 (U.2)",
  0x23: "PCI Express Mini 52-pin with bottom-side keep-outs",
  0x24: "PCI Express Mini 52-pin without bottom-side keep-outs",
  0x25: "PCI Express Mini 76-pin",
  0x26: "PCI Express 4 SFF-8639 (U.2)",
  0x27: "PCI Express 5 SFF-8639 (U.2)",
  0x28: "OCP NIC 3.0 Small Form Factor (SFF)",
  0x29: "OCP NIC 3.0 Large Form Factor (LFF)",
  0x2a: "OCP NIC Prior to 3.0",
  0xa5: "PCI Express",
  0xa6: "PCI Express x1",
  0xa7: "PCI Express x2",
  0xa8: "PCI Express x4",
  0xa9: "PCI Express x8",
  0xaa: "PCI Express x16",
  0xc4: "PCI Express 6+",
  0xc5: "EDSFF E1",
  0xc6: "EDSFF E3",
};
// Generations 2–5 each have a bare entry followed by x1, x2, x4, x8, x16 (0xAB–0xC3).
for (const [gen, base] of [[2, 0xab], [3, 0xb1], [4, 0xb8], [5, 0xbe]] as const) {
  SLOT_TYPES[base] = `PCI Express ${gen}`;
  ["x1", "x2", "x4", "x8", "x16"].forEach((w, i) => {
    SLOT_TYPES[base + 1 + i] = `PCI Express ${gen} ${w}`;
  });
}

const SLOT_USAGE = ["", "Other", "Unknown", "Available", "In Use", "Unavailable"];

/** Type 9. `type` is width + bus as dmidecode prints it, e.g. `x16 PCI Express 3 x16`. */
export interface SmbiosSlot {
  designation?: string;
  type?: string;
  usage?: string;
  id?: number;
}

/** Decodes a type 9 (system slot) structure. */
export function decodeSlot(s: SmbiosStructure): SmbiosSlot {
  const bus = SLOT_TYPES[u8(s, 5) ?? 0];
  return {
    designation: str(s, 4),
    type: bus ? `${SLOT_WIDTHS[u8(s, 6) ?? 0] ?? ""}${bus}` : undefined,
    usage: SLOT_USAGE[u8(s, 7) ?? 0] || undefined,
    id: u16(s, 9),
  };
}
