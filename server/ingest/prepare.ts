/**
 * Turns a POST body into a prepared message: decoded, validated, and for an inventory, already
 * cut into what the store writes (each section's JSON and hash, the search keys). This is the
 * CPU-heavy part of ingestion, so it runs in decode workers (`decoder_pool.ts`), leaving the
 * main thread to SQLite.
 *
 * @module
 */

import { createHash } from "node:crypto";
import {
  type BodyEncoding,
  decodeBody,
  type DecodeLimits,
  decodeXmlText,
  type InventoryContent,
  type InventoryRequest,
  type OcsRequest,
  parseXml,
  type RawSlice,
  readRequest,
  splitContent,
  type SplitDocument,
  type WritableValue,
  type XmlElement,
} from "../../protocol/mod.ts";
import { type SearchKeys, searchKeysOf } from "./search_keys.ts";

/** One section ready to store. */
export interface PreparedSection {
  name: string;
  /** JSON of the section's value: an object for single sections, an array for multi ones. */
  data: string;
  /** Hash of `data`: unchanged sections are not rewritten. */
  hash: string;
  /** Hash of the section's raw XML text, when the document could be cut into sections. */
  rawHash: string | null;
  entries: number;
}

/** A section left unparsed because its raw text equals what is stored. */
export interface SkippedSection {
  name: string;
  rawHash: string;
}

/** The raw-text hashes stored for a device's sections, by section name. */
export type StoredRawHashes = (deviceId: string) => Map<string, string> | undefined;

/** An inventory ready to store. */
export interface PreparedInventory {
  query: "INVENTORY";
  deviceId: string;
  checksum: number | null;
  accountInfo: Record<string, string>;
  oldDeviceId?: string;
  sections: PreparedSection[];
  /**
   * Sections present in the document but not parsed: byte-identical to the stored ones. The
   * store re-checks their raw hash in its transaction and asks for a full decode on a mismatch.
   */
  skipped: SkippedSection[];
  /** Search keys of the sections this inventory carries (absent sections keep theirs). */
  searchKeys: SearchKeys;
  summary: { name?: string; osName?: string; uuid?: string; serial?: string };
}

/** Any decoded message: inventories prepared, the small ones as they are. */
export type PreparedMessage = PreparedInventory | Exclude<OcsRequest, InventoryRequest>;

/** A decoded body, with its framing so the reply can use the same. */
export interface PreparedBody {
  message: PreparedMessage;
  encoding: BodyEncoding;
}

/** Sections always parsed: they carry the CHECKSUM, the TAG and OLD_DEVICEID the server reads. */
const ALWAYS_PARSED = new Set(["HARDWARE", "ACCOUNTINFO", "DOWNLOAD", "OLD_DEVICEID"]);

/**
 * Decodes and prepares one body. Throws the protocol's errors for bad input. With
 * `storedRawHashes`, sections whose raw text is unchanged since the last stored inventory are
 * not parsed at all (the expensive part of a re-inventory).
 */
export function prepareBody(
  body: Uint8Array,
  limits: DecodeLimits,
  storedRawHashes?: StoredRawHashes,
): PreparedBody {
  const { encoding, xml } = decodeBody(body, limits);
  const text = decodeXmlText(xml);
  const split = splitContent(text);
  const bySection = split && readInventoryBySection(split, storedRawHashes);
  if (bySection) return { message: bySection, encoding };
  // A first inventory (nothing stored to compare with), or a document that does not cut
  // cleanly: one parse of the whole document, which also decides whether it is valid.
  const request = readRequest(parseXml(text));
  if (request.query !== "INVENTORY") return { message: request, encoding };
  return { message: prepareInventory(request, split ? rawHashesOf(split) : new Map()), encoding };
}

/**
 * The section-by-section path for a device with stored sections: parse the skeleton and each
 * changed section strictly, skip the unchanged ones. Null when nothing is stored for the device
 * or the document does not cut cleanly (the caller then parses it whole).
 */
function readInventoryBySection(
  split: SplitDocument,
  storedRawHashes: StoredRawHashes | undefined,
): PreparedInventory | null {
  if (split.slices.length === 0 || !storedRawHashes) return null;
  try {
    const root = parseXml(split.skeleton);
    const content = root.children?.find((c) => c.name === "CONTENT");
    if (!content || content.children !== null) return null;
    const deviceId = root.children?.find((c) => c.name === "DEVICEID")?.text.trim() ?? "";
    const stored = deviceId === "" ? undefined : storedRawHashes(deviceId);
    if (!stored) return null;
    const children: XmlElement[] = [];
    const skipped: SkippedSection[] = [];
    const rawHashes = new Map<string, string>();
    for (const [name, slices] of groupByName(split.slices)) {
      const rawHash = hashSlices(split, slices);
      rawHashes.set(name, rawHash);
      if (!ALWAYS_PARSED.has(name) && stored.get(name) === rawHash) {
        skipped.push({ name, rawHash });
        continue;
      }
      for (const slice of slices) {
        const element = parseXml(slice.text);
        if (element.name !== name) return null;
        children.push(element);
      }
    }
    content.children = children;
    const request = readRequest(root);
    if (request.query !== "INVENTORY") return null;
    const prepared = prepareInventory(request, rawHashes);
    prepared.skipped = skipped;
    return prepared;
  } catch {
    return null; // the whole-document parse gives the precise error, or succeeds
  }
}

/** Raw-text hash of each section of a cut document. */
function rawHashesOf(split: SplitDocument): Map<string, string> {
  const hashes = new Map<string, string>();
  for (const [name, slices] of groupByName(split.slices)) {
    hashes.set(name, hashSlices(split, slices));
  }
  return hashes;
}

function groupByName(slices: RawSlice[]): Map<string, RawSlice[]> {
  const groups = new Map<string, RawSlice[]>();
  for (const slice of slices) {
    const group = groups.get(slice.name);
    if (group) group.push(slice);
    else groups.set(slice.name, [slice]);
  }
  return groups;
}

/**
 * Hash of a section's raw text. Agents write a section's entries one after the other, so the
 * common case hashes one range in one call (781 separate calls cost ~0.5 ms); entries that are
 * interleaved with other sections are hashed one by one. Whitespace between entries counts.
 */
function hashSlices(split: SplitDocument, slices: RawSlice[]): string {
  const first = slices[0]!;
  const last = slices[slices.length - 1]!;
  const range = split.text.slice(first.start, last.end);
  let contiguous = true;
  for (let i = 1; i < slices.length && contiguous; i++) {
    contiguous = split.text.slice(slices[i - 1]!.end, slices[i]!.start).trim() === "";
  }
  if (contiguous) return createHash("sha1").update(range).digest("base64");
  const hash = createHash("sha1");
  for (const slice of slices) hash.update(slice.text).update("\u0000");
  return hash.digest("base64");
}

/** One section's JSON, hash and entry count. */
export function prepareSection(
  name: string,
  value: WritableValue,
  rawHash: string | null = null,
): PreparedSection {
  const data = JSON.stringify(value);
  const hash = createHash("sha1").update(data).digest("base64");
  return { name, data, hash, rawHash, entries: Array.isArray(value) ? value.length : 1 };
}

/** Cuts an inventory request into sections, hashes and search keys. */
export function prepareInventory(
  request: InventoryRequest,
  rawHashes: Map<string, string> = new Map(),
): PreparedInventory {
  const content: InventoryContent = request.content;
  const sections: PreparedSection[] = [];
  for (const [name, value] of Object.entries(content)) {
    if (value !== undefined) {
      sections.push(prepareSection(name, value, rawHashes.get(name) ?? null));
    }
  }
  const hardware = content.HARDWARE;
  const prepared: PreparedInventory = {
    query: "INVENTORY",
    deviceId: request.deviceId,
    checksum: request.checksum,
    accountInfo: request.accountInfo,
    sections,
    skipped: [],
    searchKeys: searchKeysOf(content),
    summary: {
      ...(typeof hardware?.NAME === "string" ? { name: hardware.NAME } : {}),
      ...(typeof hardware?.OSNAME === "string" ? { osName: hardware.OSNAME } : {}),
      ...(typeof hardware?.UUID === "string" ? { uuid: hardware.UUID } : {}),
      ...(typeof content.BIOS?.SSN === "string" ? { serial: content.BIOS.SSN } : {}),
    },
  };
  if (request.oldDeviceId) prepared.oldDeviceId = request.oldDeviceId;
  return prepared;
}

/**
 * Best-effort DEVICEID of a body that failed to decode, for the log line of the refusal.
 * Never throws.
 */
export function deviceIdHint(body: Uint8Array, limits: DecodeLimits): string | undefined {
  try {
    const { xml } = decodeBody(body, limits);
    const re = /<DEVICEID>\s*([^<]{1,200}?)\s*<\/DEVICEID>|DEVICEID\s*=\s*["']([^"']{1,200})/;
    // Windows agents put DEVICEID first; the Unix agent puts it after CONTENT, at the very end.
    const decoder = new TextDecoder();
    const match = re.exec(decoder.decode(xml.subarray(0, 65536))) ??
      (xml.length > 65536 ? re.exec(decoder.decode(xml.subarray(xml.length - 65536))) : null);
    return match?.[1] ?? match?.[2];
  } catch {
    return undefined;
  }
}
