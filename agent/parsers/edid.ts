/**
 * EDID 1.3/1.4 base block (the 128 bytes a monitor hands over, read from
 * `/sys/class/drm/<connector>/edid`). Only what an inventory needs: who made it, what model,
 * which serial, when, and how big.
 *
 * @module
 */

import { PNP_IDS } from "./pnp_ids.ts";

/** Thrown for bytes that are not an EDID base block (short, or wrong header). */
export class EdidError extends Error {
  override name = "EdidError";
}

/** The decoded base block. */
export interface Edid {
  /** PNP manufacturer id, three letters (`DEL`, `SAM`). */
  manufacturerId: string;
  productCode: number;
  /** The 32-bit serial of bytes 12–15; 0 when the vendor left it blank. */
  serialNumber: number;
  /** The serial number text descriptor (0xFF), as printed on the label; undefined when absent. */
  serialText?: string;
  /** The monitor name descriptor (0xFC), e.g. `DELL U2419H`; undefined when absent. */
  modelName?: string;
  /** Alphanumeric data strings (0xFE), in order: laptop panels put their part number here
   * (`LTN154U2-L05`, `AUO` + `B121EW03 V2`) and have no 0xFC name. */
  texts: string[];
  /** Week of manufacture 1–54; 0 when unknown, 255 when `year` is a model year. */
  week: number;
  year: number;
  version: string;
  /** Maximum image size in centimetres (0 for projectors and unknown). */
  widthCm: number;
  heightCm: number;
  /** Extension blocks announced after the base block. */
  extensions: number;
  /** Whether the 128 bytes sum to 0 mod 256; a bad sum is reported, not refused. */
  checksumValid: boolean;
}

const HEADER = [0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00];

/**
 * Decodes the base block of an EDID.
 *
 * @throws {EdidError} when fewer than 128 bytes or the fixed header is wrong
 */
export function parseEdid(bytes: Uint8Array): Edid {
  if (bytes.length < 128) throw new EdidError(`EDID too short: ${bytes.length} bytes, need 128`);
  for (let i = 0; i < 8; i++) {
    if (bytes[i] !== HEADER[i]) throw new EdidError("Not an EDID: bad header");
  }
  const b = (i: number) => bytes[i]!;
  const id = (b(8) << 8) | b(9);
  const letter = (n: number) => String.fromCharCode(64 + (n & 0x1f));
  let sum = 0;
  for (let i = 0; i < 128; i++) sum += b(i);
  const edid: Edid = {
    manufacturerId: letter(id >> 10) + letter(id >> 5) + letter(id),
    productCode: b(10) | (b(11) << 8),
    serialNumber: (b(12) | (b(13) << 8) | (b(14) << 16) | (b(15) << 24)) >>> 0,
    week: b(16),
    year: 1990 + b(17),
    version: `${b(18)}.${b(19)}`,
    widthCm: b(21),
    heightCm: b(22),
    extensions: b(126),
    checksumValid: (sum & 0xff) === 0,
    texts: [],
  };
  // Four 18-byte descriptors; a zero pixel clock marks a display descriptor with a tag.
  let binaryText = false;
  for (let offset = 54; offset < 126; offset += 18) {
    if (b(offset) !== 0 || b(offset + 1) !== 0) continue;
    const tag = b(offset + 3);
    if (tag !== 0xfc && tag !== 0xfe && tag !== 0xff) continue;
    if (tag === 0xfe) {
      // Panels also put binary vendor data in 0xFE: text runs to its first unprintable byte,
      // and nothing after that byte is a name (`XD570\x01154W02`, then `(?NX\x80…`).
      if (binaryText) continue;
      const raw = bytes.subarray(offset + 5, offset + 18);
      const end = raw.findIndex((c) => c === 0x0a || c === 0);
      const body = raw.subarray(0, end === -1 ? raw.length : end);
      const cut = body.findIndex((c) => c < 0x20 || c >= 0x7f);
      binaryText = cut !== -1;
      const text = descriptorText(body.subarray(0, binaryText ? cut : body.length));
      if (text) edid.texts.push(text);
      continue;
    }
    const text = descriptorText(bytes.subarray(offset + 5, offset + 18));
    if (text === "") continue;
    // A name may span several 0xFC descriptors; they concatenate with a space.
    if (tag === 0xfc) edid.modelName = edid.modelName ? `${edid.modelName} ${text}` : text;
    // An all-zero serial text is a placeholder; the 32-bit serial is then the better one.
    else if (!/^0+$/.test(text)) edid.serialText ??= text;
  }
  return edid;
}

/** The name to show: the 0xFC name, else the 0xFE strings joined (laptop panels). */
export function edidCaption(edid: Edid): string | undefined {
  return edid.modelName ?? (edid.texts.length ? edid.texts.join(" ") : undefined);
}

/** When an EDID says the monitor was made (see {@link manufactureDate}). */
export function edidDate(edid: Edid): string {
  return manufactureDate(edid.week, edid.year);
}

/**
 * When a monitor was made, as `week/year` (the OCS agents' form); week 255 says the year is a
 * model year, not a date of manufacture (EDID 1.4), so `model year 2013`, not `255/2013`.
 */
export function manufactureDate(week: number, year: number): string {
  return week === 0xff ? `model year ${year}` : `${week}/${year}`;
}

/** Text of a descriptor: up to a line feed, printable ASCII only, trimmed. */
function descriptorText(raw: Uint8Array): string {
  let text = "";
  for (const c of raw) {
    if (c === 0x0a || c === 0) break;
    text += c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : "";
  }
  return text.trim();
}

/** id → name, built from the embedded registry on first use. */
let pnpNames: Map<string, string> | undefined;

/**
 * The vendor name of a PNP id: from `pnp.ids` text (tab-separated `ID\tName` lines, hwdata's
 * file, usually newer) when given and it knows the id, else the embedded registry
 * (`pnp_ids.ts`); undefined when unknown.
 */
export function pnpVendorName(id: string, pnpIds?: string | null): string | undefined {
  if (pnpIds) {
    const key = `${id}\t`;
    const found = pnpIds.startsWith(key) ? 0 : pnpIds.indexOf(`\n${key}`);
    if (found !== -1) {
      const start = (found === 0 && pnpIds.startsWith(key) ? 0 : found + 1) + key.length;
      const end = pnpIds.indexOf("\n", start);
      const name = pnpIds.slice(start, end === -1 ? undefined : end).trim();
      if (name) return name;
    }
  }
  pnpNames ??= new Map(
    PNP_IDS.split("\n").filter((line) => line.length > 4).map((line) => [
      line.slice(0, 3),
      line.slice(4),
    ]),
  );
  return pnpNames.get(id);
}
