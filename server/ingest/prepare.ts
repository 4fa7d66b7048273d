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
  type GlpiContactRequest,
  GlpiValidatorNotLoaded,
  type InventoryContent,
  type InventoryRequest,
  isJsonMessage,
  isValueElement,
  loadGlpiValidator,
  OcsProtocolError,
  type OcsRequest,
  parseXml,
  readGlpiInventory,
  readGlpiMessage,
  readRequest,
  splitContent,
  type SplitDocument,
  type WritableValue,
  type XmlElement,
} from "../../protocol/mod.ts";
import { releaseBytes } from "./buffers.ts";
import {
  checkInventoryShape,
  checkStoredSize,
  DEFAULT_INVENTORY_LIMITS,
  inflateCap,
  type InventoryLimits,
} from "./inventory_limits.ts";
import { SEARCH_COLUMNS, type SearchKeys, searchKeysOf } from "./search_keys.ts";

/** One section ready to store. */
export interface PreparedSection {
  name: string;
  /**
   * JSON of the section's value (an object for single sections, an array for multi ones), as
   * UTF-8 bytes: they move from a decode worker to the main thread without a copy, and the main
   * thread's heap never holds an inventory's ~200 KB of JSON text.
   */
  data: Uint8Array<ArrayBuffer>;
  /** Hash of the JSON text: unchanged sections are not rewritten. */
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
  /**
   * A GLPI agent's native (JSON) inventory: a complete one replaces every section (what it does
   * not carry is gone), a partial one only the categories it carries.
   */
  native?: { partial: boolean };
}

/** A GLPI agent's CONTACT (native protocol): answered with its tasks and when to come back. */
export interface PreparedContact {
  query: "CONTACT";
  deviceId: string;
  contact: GlpiContactRequest;
}

/** Any decoded message: inventories prepared, the small ones as they are. */
export type PreparedMessage =
  | PreparedInventory
  | Exclude<OcsRequest, InventoryRequest>
  | PreparedContact;

/** The limits of decoding a body and of the inventory it carries (defaults when absent). */
export interface IngestLimits extends DecodeLimits {
  inventory?: InventoryLimits;
}

/** A decoded body, with its framing so the reply can use the same. */
export interface PreparedBody {
  message: PreparedMessage;
  encoding: BodyEncoding;
  /** OCS messages are XML; a GLPI agent's native ones JSON, answered in JSON. */
  format: "xml" | "json";
}

const utf8 = new TextEncoder();

/** The buffers of a prepared message that can be moved to another thread rather than copied. */
export function transferablesOf(message: PreparedMessage): ArrayBuffer[] {
  return message.query === "INVENTORY" ? message.sections.map((s) => s.data.buffer) : [];
}

/** Sections always parsed: they carry the CHECKSUM, the TAG and OLD_DEVICEID the server reads. */
const ALWAYS_PARSED = new Set(["HARDWARE", "ACCOUNTINFO", "DOWNLOAD", "OLD_DEVICEID"]);

/**
 * How deep a request is kept as elements: the root, its children (QUERY, DEVICEID, CONTENT) and
 * the sections. Each section is read straight into its value, with its place in the text.
 */
const SECTION_DEPTH = 2;

/**
 * {@link prepareBody}, loading the GLPI schema validator first when a native inventory needs it
 * (loaded on demand: see loadGlpiValidator).
 */
export async function prepareBodyLoading(
  body: Uint8Array,
  limits: IngestLimits,
  storedRawHashes?: StoredRawHashes,
): Promise<PreparedBody> {
  try {
    return prepareBody(body, limits, storedRawHashes);
  } catch (error) {
    if (!(error instanceof GlpiValidatorNotLoaded)) throw error;
    await loadGlpiValidator();
    return prepareBody(body, limits, storedRawHashes);
  }
}

/**
 * Decodes and prepares one body. Throws the protocol's errors for bad input. With
 * `storedRawHashes`, sections whose raw text is unchanged since the last stored inventory are
 * not parsed at all (the expensive part of a re-inventory).
 */
export function prepareBody(
  body: Uint8Array,
  limits: IngestLimits,
  storedRawHashes?: StoredRawHashes,
): PreparedBody {
  const inventoryLimits = limits.inventory ?? DEFAULT_INVENTORY_LIMITS;
  const { encoding, xml } = decodeCapped(body, limits);
  if (isJsonMessage(xml)) {
    return { message: prepareGlpiMessage(xml, inventoryLimits), encoding, format: "json" };
  }
  const text = decodeXmlText(xml);
  if (xml !== body) releaseBytes(xml); // the inflated copy: only the text is used from here
  // Only a device with stored sections can skip any, so ask before cutting the document.
  const deviceId = storedRawHashes && text.includes("<CONTENT>") ? deviceIdForLookup(text) : null;
  const stored = deviceId ? storedRawHashes!(deviceId) : undefined;
  if (stored) {
    const split = splitContent(text);
    const bySection = split &&
      readInventoryBySection(split, deviceId!, stored, inventoryLimits);
    if (bySection) return { message: bySection, encoding, format: "xml" };
  }
  // A first inventory, or a document that does not cut cleanly: one parse of the whole
  // document, which also decides whether it is valid and where each section lies.
  const root = parseXml(text, SECTION_DEPTH);
  const request = readRequest(root);
  if (request.query !== "INVENTORY") return { message: request, encoding, format: "xml" };
  return {
    message: prepareInventory(request, rawHashesOfSections(text, root), inventoryLimits),
    encoding,
    format: "xml",
  };
}

/** Decodes with the inflate cap lowered to what the body's size allows (see `inflateCap`). */
function decodeCapped(body: Uint8Array, limits: IngestLimits) {
  const ratio = (limits.inventory ?? DEFAULT_INVENTORY_LIMITS).maxInflateRatio;
  const cap = inflateCap(body.byteLength, limits.maxInflatedBytes, ratio);
  try {
    return decodeBody(body, { ...limits, maxInflatedBytes: cap });
  } catch (error) {
    if (
      cap < limits.maxInflatedBytes && error instanceof OcsProtocolError && error.status === 413
    ) {
      throw new OcsProtocolError(
        `Body inflates more than ${ratio} times its ${body.byteLength} bytes (past ${cap})`,
        413,
      );
    }
    throw error;
  }
}

/**
 * A GLPI agent's native message: CONTACT as it is, an inventory checked against the GLPI
 * inventory format and read into the OCS model (the same sections, search keys and summary).
 */
function prepareGlpiMessage(
  json: Uint8Array,
  limits: InventoryLimits,
): PreparedContact | PreparedInventory {
  const message = readGlpiMessage(new TextDecoder().decode(json));
  if (message.action === "contact") {
    return { query: "CONTACT", deviceId: message.deviceId, contact: message };
  }
  const inventory = readGlpiInventory(message.deviceId, message.message);
  const prepared = prepareInventory(
    {
      query: "INVENTORY",
      deviceId: inventory.deviceId,
      content: inventory.content,
      checksum: null,
      accountInfo: inventory.accountInfo,
    },
    new Map(),
    limits,
  );
  prepared.native = { partial: inventory.partial };
  if (!inventory.partial) {
    // The whole machine: a key whose section is gone is gone too.
    for (const column of SEARCH_COLUMNS) prepared.searchKeys[column] ??= "";
  }
  return prepared;
}

/**
 * The DEVICEID to look stored hashes up by: the last `<DEVICEID>` element's text, found without
 * parsing (the Unix agent writes it after CONTENT, the Windows agent before). Only a key for the
 * lookup: the section-by-section path checks it against the parsed request.
 */
function deviceIdForLookup(text: string): string | null {
  const open = text.lastIndexOf("<DEVICEID>");
  if (open === -1) return null;
  const close = text.indexOf("</DEVICEID>", open);
  if (close === -1 || close - open > 300) return null;
  return text.slice(open + "<DEVICEID>".length, close).trim() || null;
}

/**
 * The section-by-section path for a device with stored sections: parse the skeleton and each
 * changed section strictly, skip the unchanged ones. Null when the document does not cut cleanly
 * or is not this device's inventory (the caller then parses it whole).
 */
function readInventoryBySection(
  split: SplitDocument,
  deviceId: string,
  stored: Map<string, string>,
  limits: InventoryLimits,
): PreparedInventory | null {
  if (split.slices.length === 0) return null;
  let request: InventoryRequest;
  let rawHashes: Map<string, string>;
  const skipped: SkippedSection[] = [];
  let skippedBytes = 0;
  try {
    const root = parseXml(split.skeleton, SECTION_DEPTH);
    const content = root.children?.find((c) => c.name === "CONTENT");
    if (!content || content.children !== null) return null;
    const children: XmlElement[] = [];
    rawHashes = new Map<string, string>();
    for (const [name, slices] of groupByName(split.slices)) {
      const rawHash = hashRanges(split.text, slices);
      rawHashes.set(name, rawHash);
      if (!ALWAYS_PARSED.has(name) && stored.get(name) === rawHash) {
        skipped.push({ name, rawHash });
        for (const slice of slices) skippedBytes += slice.end - slice.start;
        continue;
      }
      for (const slice of slices) {
        const element = parseXml(slice.text, 0);
        if (element.name !== name) return null;
        children.push(element);
      }
    }
    content.children = children;
    const read = readRequest(root);
    if (read.query !== "INVENTORY" || read.deviceId !== deviceId) return null;
    request = read;
  } catch {
    return null; // the whole-document parse gives the precise error, or succeeds
  }
  // Past the parse, a refusal (a limit) is final: the whole document would be refused too.
  const prepared = prepareInventory(request, rawHashes, limits, skippedBytes);
  prepared.skipped = skipped;
  return prepared;
}

/** Raw-text hash of each section of a parsed request, from where its elements lie in `text`. */
function rawHashesOfSections(text: string, root: XmlElement): Map<string, string> {
  const hashes = new Map<string, string>();
  const content = root.children?.find((c) => c.name === "CONTENT");
  const sections = (content?.children ?? []).filter(isValueElement);
  for (const [name, ranges] of groupByName(sections)) hashes.set(name, hashRanges(text, ranges));
  return hashes;
}

function groupByName<T extends { name: string }>(items: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  let last: T[] | undefined;
  for (const item of items) {
    // Entries of a section come together: most items join the group of the one before.
    let group = last !== undefined && last[0]!.name === item.name ? last : groups.get(item.name);
    if (group) group.push(item);
    else groups.set(item.name, group = [item]);
    last = group;
  }
  return groups;
}

/**
 * Hash of a section's raw text, its elements at `ranges` of `text` in document order. Agents
 * write a section's entries one after the other, so the common case hashes one range in one
 * call (781 separate calls cost ~0.5 ms); entries interleaved with other sections are hashed one
 * by one. Whitespace between entries counts. The first inventory's ranges come from the parser,
 * later ones from `splitContent()`: both give the same ranges for any document that cuts cleanly.
 */
function hashRanges(text: string, ranges: { start: number; end: number }[]): string {
  const first = ranges[0]!;
  const last = ranges[ranges.length - 1]!;
  let contiguous = true;
  for (let i = 1; i < ranges.length && contiguous; i++) {
    contiguous = isBlank(text, ranges[i - 1]!.end, ranges[i]!.start);
  }
  if (contiguous) {
    return createHash("sha1").update(text.slice(first.start, last.end)).digest("base64");
  }
  const hash = createHash("sha1");
  for (const { start, end } of ranges) hash.update(text.slice(start, end)).update("\u0000");
  return hash.digest("base64");
}

/** Whether `text` holds only white space between `start` and `end` (as `String.trim` sees it). */
function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) {
      return text.slice(start, end).trim() === "";
    }
  }
  return true;
}

/** One section's JSON, hash and entry count. */
export function prepareSection(
  name: string,
  value: WritableValue,
  rawHash: string | null = null,
): PreparedSection {
  const data = utf8.encode(JSON.stringify(value));
  // Hashing the encoded bytes gives the same digest as hashing the string (UTF-8 either way)
  // without encoding the text a second time inside the hash.
  const hash = createHash("sha1").update(data).digest("base64");
  return { name, data, hash, rawHash, entries: Array.isArray(value) ? value.length : 1 };
}

/**
 * Cuts an inventory request into sections, hashes and search keys.
 *
 * @throws {OcsProtocolError} 413 when the inventory passes one of `limits`; `skippedBytes` (the
 * raw text of sections skipped as unchanged) counts towards its stored size
 */
export function prepareInventory(
  request: InventoryRequest,
  rawHashes: Map<string, string> = new Map(),
  limits: InventoryLimits = DEFAULT_INVENTORY_LIMITS,
  skippedBytes = 0,
): PreparedInventory {
  const content: InventoryContent = request.content;
  checkInventoryShape(content, limits);
  const sections: PreparedSection[] = [];
  let storedBytes = skippedBytes;
  for (const [name, value] of Object.entries(content)) {
    if (value !== undefined) {
      const section = prepareSection(name, value, rawHashes.get(name) ?? null);
      storedBytes += section.data.byteLength;
      checkStoredSize(storedBytes, limits);
      sections.push(section);
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
export function deviceIdHint(body: Uint8Array, limits: IngestLimits): string | undefined {
  try {
    const { xml } = decodeCapped(body, limits);
    // XML (element or attribute), or a GLPI agent's JSON message.
    const re =
      /<DEVICEID>\s*([^<]{1,200}?)\s*<\/DEVICEID>|DEVICEID\s*=\s*["']([^"']{1,200})|"deviceid"\s*:\s*"([^"]{1,200})"/;
    // Windows agents put DEVICEID first; the Unix agent puts it after CONTENT, at the very end.
    const decoder = new TextDecoder();
    const match = re.exec(decoder.decode(xml.subarray(0, 65536))) ??
      (xml.length > 65536 ? re.exec(decoder.decode(xml.subarray(xml.length - 65536))) : null);
    return match?.[1] ?? match?.[2] ?? match?.[3];
  } catch {
    return undefined;
  }
}
