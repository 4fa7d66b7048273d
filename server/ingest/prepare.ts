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
  decodeRequest,
  type InventoryContent,
  type InventoryRequest,
  type OcsRequest,
  type WritableValue,
} from "../../protocol/mod.ts";
import { type SearchKeys, searchKeysOf } from "./search_keys.ts";

/** One section ready to store. */
export interface PreparedSection {
  name: string;
  /** JSON of the section's value: an object for single sections, an array for multi ones. */
  data: string;
  /** Hash of `data`: unchanged sections are not rewritten. */
  hash: string;
  entries: number;
}

/** An inventory ready to store. */
export interface PreparedInventory {
  query: "INVENTORY";
  deviceId: string;
  checksum: number | null;
  accountInfo: Record<string, string>;
  oldDeviceId?: string;
  sections: PreparedSection[];
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

/** Decodes and prepares one body. Throws the protocol's errors for bad input. */
export function prepareBody(body: Uint8Array, limits: DecodeLimits): PreparedBody {
  const { request, encoding } = decodeRequest(body, limits);
  if (request.query !== "INVENTORY") return { message: request, encoding };
  return { message: prepareInventory(request), encoding };
}

/** One section's JSON, hash and entry count. */
export function prepareSection(name: string, value: WritableValue): PreparedSection {
  const data = JSON.stringify(value);
  const hash = createHash("sha1").update(data).digest("base64");
  return { name, data, hash, entries: Array.isArray(value) ? value.length : 1 };
}

/** Cuts an inventory request into sections, hashes and search keys. */
export function prepareInventory(request: InventoryRequest): PreparedInventory {
  const content: InventoryContent = request.content;
  const sections: PreparedSection[] = [];
  for (const [name, value] of Object.entries(content)) {
    if (value !== undefined) sections.push(prepareSection(name, value));
  }
  const hardware = content.HARDWARE;
  const prepared: PreparedInventory = {
    query: "INVENTORY",
    deviceId: request.deviceId,
    checksum: request.checksum,
    accountInfo: request.accountInfo,
    sections,
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
