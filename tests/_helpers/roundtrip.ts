/**
 * Round-trip checking for inventories: store an XML document through the real ingestion
 * pipeline (decode → prepare → handleMessage → SQLite) and compare what comes back from
 * `getDeviceDetail` with an independent reading of the same XML.
 *
 * The independent reading walks the raw element tree and flattens it into leaves, one per text
 * value, keyed by a path such as `SOFTWARES[12]/NAME[0]` or
 * `DOWNLOAD[0]/HISTORY[0]/PACKAGE[1]/ID[0]`. Stored sections are flattened the same way, so an
 * entry stored as one object or as an array of one compare alike, and every field of every entry
 * of every section is compared on its own.
 *
 * @module
 */

import assert from "node:assert/strict";
import { type BodyEncoding, encodeBody } from "../../protocol/codec.ts";
import type { SimpleValue } from "../../protocol/types.ts";
import { parseXml, type XmlElement } from "../../protocol/xml_reader.ts";
import { defaultConfig, type ServerConfig } from "../../server/config.ts";
import type { ServerContext } from "../../server/context.ts";
import { handleMessage, type MessageOutcome } from "../../server/ingest/pipeline.ts";
import { prepareBody } from "../../server/ingest/prepare.ts";
import { closeContext, openContext } from "../../server/serve.ts";
import { type DeviceDetail, getDeviceDetail } from "../../server/store/devices.ts";

/** Leaves of an inventory: path → text. Paths start with the section name. */
export type Leaves = Map<string, string>;

/** What the independent reader found in a REQUEST document. */
export interface ReferenceInventory {
  deviceId: string;
  /** Every non-empty text value under CONTENT. */
  leaves: Leaves;
  /** Section name → number of non-empty entries. */
  entries: Map<string, number>;
  /** ACCOUNTINFO as KEYNAME → KEYVALUE. */
  accountInfo: Record<string, string>;
}

/**
 * Reads an INVENTORY document independently of `protocol/simple.ts`: walks the element tree,
 * treats attributes and child elements alike, drops empty values and entries, and numbers
 * repeated elements in document order.
 */
export function readReference(xml: string): ReferenceInventory {
  const root = parseXml(xml);
  assert.equal(root.name, "REQUEST");
  const deviceId = (root.children ?? []).find((c) => c.name === "DEVICEID")?.text.trim() ?? "";
  const content = (root.children ?? []).find((c) => c.name === "CONTENT");
  assert.ok(content, "the document has a CONTENT element");
  const leaves: Leaves = new Map();
  const entries = new Map<string, number>();
  for (const section of content.children ?? []) {
    if (section.name === "DEVICEID") continue; // CONTENT/DEVICEID is an identity fallback
    const index = entries.get(section.name) ?? 0;
    if (flattenElement(section, `${section.name}[${index}]`, leaves)) {
      entries.set(section.name, index + 1);
    }
  }
  const accountInfo: Record<string, string> = {};
  for (let i = 0; i < (entries.get("ACCOUNTINFO") ?? 0); i++) {
    const key = leaves.get(`ACCOUNTINFO[${i}]/KEYNAME[0]`);
    if (key !== undefined) accountInfo[key] = leaves.get(`ACCOUNTINFO[${i}]/KEYVALUE[0]`) ?? "";
  }
  return { deviceId, leaves, entries, accountInfo };
}

/** Adds the leaves of `element` under `path`; false when it holds nothing. */
function flattenElement(element: XmlElement, path: string, out: Leaves): boolean {
  if (element.attributes === null && element.children === null) {
    if (element.text === "") return false;
    out.set(path, element.text);
    return true;
  }
  const counters = new Map<string, number>();
  const next = (name: string) => {
    const i = counters.get(name) ?? 0;
    return { path: `${path}/${name}[${i}]`, taken: () => counters.set(name, i + 1) };
  };
  let any = false;
  for (const [name, value] of Object.entries(element.attributes ?? {})) {
    if (value === "") continue;
    const slot = next(name);
    out.set(slot.path, value);
    slot.taken();
    any = true;
  }
  for (const child of element.children ?? []) {
    const slot = next(child.name);
    if (flattenElement(child, slot.path, out)) {
      slot.taken();
      any = true;
    }
  }
  if (element.text.trim() !== "") {
    out.set(next("content").path, element.text);
    any = true;
  }
  return any;
}

/** Flattens stored sections (`DeviceDetail.sections`) into leaves with the same paths. */
export function flattenStored(sections: Record<string, SimpleValue>): {
  leaves: Leaves;
  entries: Map<string, number>;
} {
  const leaves: Leaves = new Map();
  const entries = new Map<string, number>();
  for (const [name, value] of Object.entries(sections)) {
    const list = Array.isArray(value) ? value : [value];
    entries.set(name, list.length);
    list.forEach((entry, i) => flattenValue(entry, `${name}[${i}]`, leaves));
  }
  return { leaves, entries };
}

function flattenValue(value: SimpleValue, path: string, out: Leaves): void {
  if (typeof value === "string") {
    out.set(path, value);
    return;
  }
  assert.ok(!Array.isArray(value), `${path}: an array directly inside an array`);
  for (const [key, field] of Object.entries(value)) {
    const list = Array.isArray(field) ? field : [field];
    list.forEach((item, i) => flattenValue(item, `${path}/${key}[${i}]`, out));
  }
}

/**
 * Asserts that the stored sections hold exactly what the reference read: same sections, same
 * entry counts, and every leaf equal, compared one by one. `ignore` leaves sections out on both
 * sides (e.g. ACCOUNTINFO, which the store replaces with the server's account info).
 */
export function assertSameInventory(
  stored: Record<string, SimpleValue>,
  reference: ReferenceInventory,
  label: string,
  options: { ignore?: string[] } = {},
): void {
  if (options.ignore?.length) {
    const ignored = new Set(options.ignore);
    const keep = (path: string) => !ignored.has(path.slice(0, path.indexOf("[")));
    stored = Object.fromEntries(Object.entries(stored).filter(([name]) => !ignored.has(name)));
    reference = {
      ...reference,
      leaves: new Map([...reference.leaves].filter(([path]) => keep(path))),
      entries: new Map([...reference.entries].filter(([name]) => !ignored.has(name))),
    };
  }
  const mine = flattenStored(stored);
  assert.deepEqual(
    [...mine.entries.keys()].sort(),
    [...reference.entries.keys()].sort(),
    `${label}: the same sections`,
  );
  for (const [section, count] of reference.entries) {
    assert.equal(mine.entries.get(section), count, `${label}: ${section} entry count`);
  }
  for (const [path, text] of reference.leaves) {
    assert.equal(mine.leaves.get(path), text, `${label}: ${path}`);
  }
  const extra = [...mine.leaves.keys()].filter((path) => !reference.leaves.has(path));
  assert.deepEqual(extra, [], `${label}: stored fields that are not in the document`);
  assert.equal(mine.leaves.size, reference.leaves.size, `${label}: field count`);
}

/** A real server context (SQLite file in a temporary directory) and helpers to drive it. */
export interface Pipeline {
  ctx: ServerContext;
  dataDir: string;
  /** Sends one body through decode → prepare → handleMessage, as an agent's POST would. */
  send(
    xml: string | Uint8Array,
    options?: { encoding?: BodyEncoding; userAgent?: string },
  ): Promise<MessageOutcome>;
  /** What the store holds for a device, by DEVICEID. */
  detail(deviceId: string): Promise<DeviceDetail>;
}

/** Runs `fn` on a fresh server context, then closes it and removes its data. */
export async function withPipeline<T>(
  fn: (pipeline: Pipeline) => Promise<T>,
  overrides: Partial<ServerConfig> = {},
): Promise<T> {
  const dataDir = await Deno.makeTempDir({ prefix: "inventory-roundtrip-" });
  const config = defaultConfig(dataDir, overrides);
  const ctx = await openContext(config, { decoder: "inline" });
  const limits = { maxBodyBytes: config.maxBodyBytes, maxInflatedBytes: config.maxInflatedBytes };
  try {
    return await fn({
      ctx,
      dataDir,
      send: (xml, options = {}) => {
        const body = encodeBody(xml, options.encoding ?? "zlib");
        const prepared = prepareBody(body, limits);
        return handleMessage(ctx, prepared.message, {
          userAgent: options.userAgent ?? "OCS-NG_unified_unix_agent_v2.10.0",
          ipSource: "192.0.2.10",
          body,
          encoding: prepared.encoding,
        });
      },
      detail: async (deviceId) => {
        const detail = await getDeviceDetail(ctx.db, deviceId);
        assert.ok(detail, `device ${deviceId} is stored`);
        return detail;
      },
    });
  } finally {
    await closeContext(ctx);
    await Deno.remove(dataDir, { recursive: true });
  }
}
