/**
 * Builders of binary test inputs (utmp records, SMBIOS structures, EDID), shared by parser and
 * collector tests.
 *
 * @module
 */

import { UTMP_RECORD_SIZE } from "./utmp.ts";

/** One glibc utmp record. */
export function utmpRecord(type: number, user: string, line: string, time: number): Uint8Array {
  const bytes = new Uint8Array(UTMP_RECORD_SIZE);
  const view = new DataView(bytes.buffer);
  view.setInt16(0, type, true);
  view.setInt32(4, 1234, true);
  bytes.set(new TextEncoder().encode(line), 8);
  bytes.set(new TextEncoder().encode(user), 44);
  bytes.set(new TextEncoder().encode("10.0.0.9"), 76);
  view.setInt32(340, time, true);
  return bytes;
}

/** One SMBIOS structure: header (type, length, handle) + formatted body + string set. */
export function smbiosStructure(
  type: number,
  handle: number,
  body: number[],
  strings: string[],
): number[] {
  const area = [type, body.length + 4, handle & 0xff, handle >> 8, ...body];
  const text = strings.length
    ? [...new TextEncoder().encode(strings.join("\0") + "\0"), 0]
    : [0, 0];
  return [...area, ...text];
}

/** Little-endian 16 and 32-bit fields. */
export const le16 = (n: number) => [n & 0xff, n >> 8];
export const le32 = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, n >>> 24];

/** A small SMBIOS table: BIOS, system, baseboard, chassis, a CPU, two memory slots, a slot. */
export function sampleSmbiosTable(): Uint8Array {
  const bios = smbiosStructure(0, 0, [1, 2, 0, 0xe8, 3, 0, ...Array(12).fill(0)], [
    "American Megatrends Inc.",
    "1.20",
    "04/01/2021",
  ]);
  const uuid = [
    0x33,
    0x22,
    0x11,
    0x00,
    0x55,
    0x44,
    0x77,
    0x66,
    0x88,
    0x99,
    0xaa,
    0xbb,
    0xcc,
    0xdd,
    0xee,
    0xff,
  ];
  const system = smbiosStructure(1, 1, [1, 2, 3, 4, ...uuid, 6, 0, 0], [
    "LENOVO",
    "20XW",
    "ThinkPad X1",
    "PF2ABCDE",
  ]);
  const board = smbiosStructure(2, 2, [1, 2, 3, 4, 5], [
    "LENOVO",
    "20XWCTO1WW",
    "SDK0",
    "L1HF",
    "Asset",
  ]);
  const chassis = smbiosStructure(3, 3, [1, 10, 0, 2, 0], ["LENOVO", "PF2ABCDE"]);
  const cpuBody = Array(0x30 - 4).fill(0);
  const cpu = (o: number, bytes: number[]) => cpuBody.splice(o - 4, bytes.length, ...bytes);
  cpu(0x04, [1]);
  cpu(0x07, [2]);
  cpu(0x10, [3]);
  cpu(0x11, [0x80 | 12]); // 1.2 V
  cpu(0x14, le16(4800));
  cpu(0x16, le16(2600));
  cpu(0x18, [0x41]); // populated, enabled
  cpu(0x20, [4]);
  cpu(0x23, [4, 4, 8]);
  const processor = smbiosStructure(4, 4, cpuBody, [
    "U3E1",
    "Intel(R) Corporation",
    "Core i7",
    "None",
  ]);
  const memBody = Array(0x28 - 4).fill(0);
  const mem = (o: number, bytes: number[]) => memBody.splice(o - 4, bytes.length, ...bytes);
  mem(0x0c, le16(16384));
  mem(0x0e, [0x0d]);
  mem(0x10, [1, 2]);
  mem(0x12, [0x1a]);
  mem(0x13, le16(0x80)); // Synchronous
  mem(0x15, le16(3200));
  mem(0x17, [3, 4, 0, 5]);
  mem(0x20, le16(2933));
  const dimm = smbiosStructure(17, 0x11, memBody, [
    "DIMM A",
    "BANK 0",
    "Samsung",
    "1234ABCD",
    "M471A2",
  ]);
  const emptyBody = Array(0x28 - 4).fill(0);
  emptyBody.splice(0x10 - 4, 1, 1);
  const empty = smbiosStructure(17, 0x12, emptyBody, ["DIMM B"]);
  const slot = smbiosStructure(9, 9, [1, 0xb6, 0x0d, 4, 4, ...le16(7), 0, 0], ["PCIEX16_1"]);
  const end = smbiosStructure(127, 0xffff, [], []);
  return new Uint8Array([
    ...bios,
    ...system,
    ...board,
    ...chassis,
    ...processor,
    ...dimm,
    ...empty,
    ...slot,
    ...end,
  ]);
}

/** Builds a 128-byte EDID by hand: DEL, product 0xA0B1, serial 123456, week 12 of 2019. */
export function sampleEdid(options: { name?: string; serial?: string; fixSum?: boolean } = {}) {
  const e = new Uint8Array(128);
  e.set([0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00]);
  // "DEL": D=4, E=5, L=12 → 0 00100 00101 01100
  const id = (4 << 10) | (5 << 5) | 12;
  e[8] = id >> 8;
  e[9] = id & 0xff;
  e[10] = 0xb1;
  e[11] = 0xa0;
  new DataView(e.buffer).setUint32(12, 123456, true);
  e[16] = 12;
  e[17] = 2019 - 1990;
  e[18] = 1;
  e[19] = 4;
  e[21] = 53;
  e[22] = 30;
  // Descriptor 1: a detailed timing (non-zero pixel clock) that must be skipped.
  e[54] = 0x02;
  e[55] = 0x3a;
  const text = (offset: number, tag: number, value: string) => {
    e[offset + 3] = tag;
    const bytes = new TextEncoder().encode(value.padEnd(13, "\n"));
    e.set(bytes.subarray(0, 13), offset + 5);
  };
  text(72, 0xfc, options.name ?? "DELL U2419H");
  text(90, 0xff, options.serial ?? "5R2KX63");
  text(108, 0xfd, "range");
  if (options.fixSum !== false) {
    let sum = 0;
    for (let i = 0; i < 127; i++) sum += e[i]!;
    e[127] = (256 - (sum & 0xff)) & 0xff;
  }
  return e;
}

/** Real-world recordings shared by the agent's tests (see its README.md). */
export const RECORDINGS = new URL("../../../shared/fixtures/recordings/", import.meta.url);

/** The bytes of one recording, e.g. `edid/lcd.lenovo-w500`. */
export function recordingBytes(path: string): Uint8Array {
  return Deno.readFileSync(new URL(path, RECORDINGS));
}

/** The text of one recording, e.g. `cpuinfo/linux-armel-1`. */
export function recordingText(path: string): string {
  return Deno.readTextFileSync(new URL(path, RECORDINGS));
}
