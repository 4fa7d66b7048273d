/**
 * Stores one inventory: the device row, every section that changed, its search keys, the raw
 * payload, and the account-info decision. Runs inside the caller's transaction (see
 * `write_queue.ts`), so an inventory is stored whole or not at all.
 *
 * OCS semantics kept on purpose (`ocs-protocol.md` §2.5, §4.3, §5.4): a section absent from the
 * XML keeps its previous content (a complete GLPI native inventory replaces them all, a partial
 * one keeps what it does not carry); the CHECKSUM register OR-accumulates; account info is taken
 * from the agent on the first inventory only, after which the server's copy wins and is pushed
 * back with ACCOUNT_UPDATE.
 *
 * @module
 */

import type { Kysely } from "kysely";
import { accountInfoEntries, type BodyEncoding } from "../../protocol/mod.ts";
import type { Database } from "../db/schema.ts";
import { type PreparedInventory, prepareSection } from "../ingest/prepare.ts";
import { recordEvent } from "./events.ts";
import { ingestStatements } from "./ingest_statements.ts";
import { deleteSearchKeys, writeSearchKeys } from "./search_index.ts";

/** Facts about the HTTP exchange that carried the inventory. */
export interface InventoryMeta {
  userAgent: string;
  ipSource: string;
  /** The body as received, and its framing: kept as the device's last payload. */
  body: Uint8Array;
  encoding: BodyEncoding;
  now: Date;
  /** Let the agent overwrite server-side account info after the first inventory. */
  acceptTagUpdateFromClient: boolean;
}

/** What storing did. */
export interface IngestResult {
  deviceId: number;
  created: boolean;
  /** The server's account info to send back, or null for NO_ACCOUNT_UPDATE. */
  accountUpdate: Record<string, string> | null;
  sectionsWritten: string[];
  sectionsUnchanged: string[];
  /** Set when OLD_DEVICEID named another known device that was merged into this one. */
  mergedFrom?: string;
}

/** New OCS rows start with every section flagged as changed (`hardware.CHECKSUM` default). */
const NEW_DEVICE_CHECKSUM = 262143;

/** Stores `request` in the current transaction. */
export async function storeInventory(
  db: Kysely<Database>,
  request: PreparedInventory,
  meta: InventoryMeta,
): Promise<IngestResult> {
  const statements = ingestStatements(db);
  const now = meta.now.toISOString();
  const summary = request.summary;
  const existing = statements.deviceByDeviceId.get({ deviceid: request.deviceId });

  let inheritedAccountInfo: Record<string, string> | null = null;
  let inheritedChecksum = 0;
  let mergedFrom: string | undefined;
  if (request.oldDeviceId) {
    const old = statements.deviceByDeviceId.get({ deviceid: request.oldDeviceId });
    if (old && old.id !== existing?.id) {
      inheritedAccountInfo = JSON.parse(old.account_info);
      inheritedChecksum = old.checksum;
      mergedFrom = request.oldDeviceId;
    }
  }

  // Account info: the agent's on first sight, the server's afterwards (pushed back when they
  // differ), unless the admin lets agents update it.
  const agentInfo = request.accountInfo;
  const serverInfo: Record<string, string> | null = existing
    ? JSON.parse(existing.account_info)
    : inheritedAccountInfo;
  let accountInfo = agentInfo;
  let accountUpdate: Record<string, string> | null = null;
  if (serverInfo !== null && Object.keys(serverInfo).length > 0) {
    if (meta.acceptTagUpdateFromClient) {
      accountInfo = { ...serverInfo, ...agentInfo };
    } else {
      accountInfo = serverInfo;
      if (!sameInfo(serverInfo, agentInfo)) accountUpdate = serverInfo;
    }
  }

  const agentChecksum = request.checksum ?? 0x3fffff;
  const checksum = Number(
    (BigInt(agentChecksum) | BigInt(existing?.checksum ?? NEW_DEVICE_CHECKSUM) |
      BigInt(inheritedChecksum) | 1n) & 0xffffffffn,
  );
  const columns = {
    deviceid: request.deviceId,
    userAgent: meta.userAgent.slice(0, 100),
    ipSource: meta.ipSource,
    // Our clock, not the agent's HARDWARE/LASTDATE: FREQUENCY decisions must not trust a
    // machine whose clock is wrong.
    now,
    accountInfo: JSON.stringify(accountInfo),
    tag: accountInfo.TAG ?? null,
    checksum,
  };

  let deviceId: number;
  if (existing) {
    deviceId = existing.id;
    // Summary columns the inventory does not carry (null) keep their value.
    statements.updateDevice.run({
      ...columns,
      id: deviceId,
      name: summary.name ?? null,
      osName: summary.osName ?? null,
      uuid: summary.uuid ?? null,
      serial: summary.serial ?? null,
    });
  } else {
    // Absent summary columns start as the schema's default, "".
    deviceId = statements.insertDevice.get({
      ...columns,
      name: summary.name ?? "",
      osName: summary.osName ?? "",
      uuid: summary.uuid ?? "",
      serial: summary.serial ?? "",
    })!.id;
  }

  if (mergedFrom) await mergeDevice(db, mergedFrom, deviceId, request.deviceId, now);

  const { written, unchanged } = writeSections(
    db,
    deviceId,
    withServerAccountInfo(request, accountInfo),
    now,
  );

  statements.upsertPayload.run({
    deviceId,
    now,
    encoding: meta.encoding,
    body: meta.body,
  });

  return {
    deviceId,
    created: !existing,
    accountUpdate,
    sectionsWritten: written,
    sectionsUnchanged: unchanged,
    ...(mergedFrom ? { mergedFrom } : {}),
  };
}

function writeSections(
  db: Kysely<Database>,
  deviceId: number,
  request: PreparedInventory,
  now: string,
): { written: string[]; unchanged: string[] } {
  const statements = ingestStatements(db);
  const stored = new Map(
    statements.sectionHashes.all({ deviceId }).map((r) => [r.section, r]),
  );
  // A section the decoder skipped must still be byte-identical to the stored one: another
  // inventory of this device may have committed in between.
  for (const { name, rawHash } of request.skipped) {
    if (stored.get(name)?.raw_hash !== rawHash) throw new StaleSkipError(name);
  }
  const written: string[] = [];
  const unchanged: string[] = request.skipped.map((s) => s.name);
  for (const { name: section, data, hash, rawHash, entries } of request.sections) {
    const current = stored.get(section);
    if (current?.hash === hash) {
      unchanged.push(section);
      if (rawHash !== null && current.raw_hash !== rawHash) {
        statements.setRawHash.run({ rawHash, deviceId, section });
      }
      continue;
    }
    written.push(section);
    statements.upsertSection.run({ deviceId, section, hash, rawHash, data, entries, now });
  }
  // A complete native (GLPI agent) inventory is the whole machine: a category it no longer
  // carries is gone. OCS inventories and partial native ones keep what they do not carry.
  if (request.native && !request.native.partial) {
    const carried = new Set(request.sections.map((s) => s.name));
    for (const section of stored.keys()) {
      if (carried.has(section)) continue;
      statements.deleteSection.run({ deviceId, section });
      written.push(section);
    }
  }
  if (written.length > 0) writeSearchKeys(db, deviceId, request.searchKeys);
  return { written, unchanged };
}

/**
 * The decoder skipped a section as unchanged, but the stored one changed meanwhile: the
 * inventory must be decoded whole and stored again (the pipeline does).
 */
export class StaleSkipError extends Error {
  constructor(section: string) {
    super(`Section ${section} changed while the inventory was decoded`);
    this.name = "StaleSkipError";
  }
}

/** What a merge carries from the old device to the new one. */
const MERGED_COLUMNS = [
  "first_seen",
  "prolog_freq",
  "frequency",
  "inventory_on_startup",
  "contacts",
  "inventories",
] as const;

/**
 * Merges the old device into the new one as OCS does (§5.2; sources use it for OCS merges): the new row keeps the old one's
 * per-device settings where it has none of its own, its first-seen date and its counters; then
 * the old device is deleted and the event recorded for the registry.
 */
export async function mergeDevice(
  db: Kysely<Database>,
  oldDeviceId: string,
  intoId: number,
  intoDeviceId: string,
  now: string,
): Promise<void> {
  const old = await db.selectFrom("devices")
    .select(["id", ...MERGED_COLUMNS])
    .where("deviceid", "=", oldDeviceId).executeTakeFirst();
  if (!old) return;
  const into = await db.selectFrom("devices")
    .select(MERGED_COLUMNS)
    .where("id", "=", intoId).executeTakeFirstOrThrow();
  await db.updateTable("devices").set({
    first_seen: old.first_seen < into.first_seen ? old.first_seen : into.first_seen,
    prolog_freq: into.prolog_freq ?? old.prolog_freq,
    frequency: into.frequency ?? old.frequency,
    inventory_on_startup: into.inventory_on_startup ?? old.inventory_on_startup,
    contacts: into.contacts + old.contacts,
    inventories: into.inventories + old.inventories,
  }).where("id", "=", intoId).execute();
  await recordEvent(db, {
    at: now,
    kind: "merged",
    device_id: old.id,
    deviceid: oldDeviceId,
    into_device_id: intoId,
    into_deviceid: intoDeviceId,
  });
  await deleteSearchKeys(db, old.id);
  await db.deleteFrom("devices").where("id", "=", old.id).execute();
}

function sameInfo(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => b[k] === a[k]);
}

/**
 * The ACCOUNTINFO section as stored is the server's account info (the one in force, pushed back
 * to the agent), not the agent's claim: a reader of the sections must not see a stale TAG.
 */
function withServerAccountInfo(
  request: PreparedInventory,
  info: Record<string, string>,
): PreparedInventory {
  if (!request.sections.some((s) => s.name === "ACCOUNTINFO") && Object.keys(info).length === 0) {
    return request;
  }
  const entries = accountInfoEntries(info);
  const section = prepareSection("ACCOUNTINFO", entries);
  return {
    ...request,
    sections: [...request.sections.filter((s) => s.name !== "ACCOUNTINFO"), section],
  };
}
