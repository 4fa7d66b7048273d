/**
 * One synchronisation of an OCS source, resumable at any point:
 * 1. deletions and merges OCS recorded in `deleted_equiv` (read past our cursor, never deleted
 *    there: we only read): a deleted machine's device is deleted, so the registry applies its
 *    `deletedBehaviour`; a merged one's link moves to the new OCS id, so the new machine's
 *    inventory is stored into the same device (then the same computer);
 * 2. machines whose `LASTDATE` is past the cursor, oldest first, a page at a time: their rows
 *    become the inventory an agent would have sent (`read.ts`) and go through the store like an
 *    agent's (unchanged sections are not rewritten), then the registry synchronises them through
 *    the same rules as any device. The cursor is saved after each page, so a crash loses at most
 *    one page of work, which the next run redoes.
 *
 * @module
 */

import type { Kysely } from "kysely";
import type { ServerContext } from "../../context.ts";
import type { Database } from "../../db/schema.ts";
import { prepareInventory } from "../../ingest/prepare.ts";
import { syncRegistry as runRegistry } from "../../registry/run_registry.ts";
import { consumeDeviceEvents } from "../../registry/gone.ts";
import { loadSettings } from "../../registry/settings.ts";
import { deleteDevice } from "../../store/devices.ts";
import { mergeDevice, storeInventory } from "../../store/ingest.ts";
import type { InventoryRequest } from "../../../protocol/request.ts";
import { optionsOf, type SourceRow, sourceTarget } from "../store.ts";
import { checkOcs } from "./check.ts";
import { connectOcs, type OcsConnection } from "./connection.ts";
import {
  changedMachines,
  countChanged,
  type OcsMachine,
  readInventories,
  readLayout,
} from "./read.ts";

/** Where the next run starts. */
export interface SourceCursor {
  /** LASTDATE and ID of the last machine imported (keyset order). */
  lastdate: string;
  id: number;
  /** The last `deleted_equiv.ID` applied. */
  deletedId: number;
}

const START: SourceCursor = { lastdate: "", id: 0, deletedId: 0 };

/** Machines read and stored per page: a few short reads, one group of commits (two pages in memory). */
const PAGE = 100;
/** `deleted_equiv` rows applied per run at most (the plugin's 300, a little more). */
const DELETED_PER_RUN = 1000;
/** Errors kept per source. */
const ERRORS_KEPT = 200;

/** What a run did. */
export interface SourceRunResult {
  /** Machines read from OCS and stored. */
  stored: number;
  /** Registry outcomes of those: new computers (or links to existing ones), updates, refusals. */
  imported: number;
  updated: number;
  refused: number;
  /** Machines deleted in OCS whose devices went (the registry's deletedBehaviour applied). */
  trashed: number;
  merged: number;
  errors: { ocsId: number; message: string }[];
  /** Machines still waiting (the limit or a stop cut the run). */
  more: boolean;
  /** Machines that had changed at the start of the run. */
  total: number;
  version: string;
  /** Where the time went (ms): waiting for OCS reads, storing, the registry. */
  timings: { readWait: number; store: number; registry: number };
}

/** Options of a run. */
export interface SourceRunOptions {
  /** At most this many changed machines (default: all). */
  limit?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

export function cursorOf(row: SourceRow): SourceCursor {
  return { ...START, ...JSON.parse(row.cursor || "{}") };
}

/** OCS writes local server time without a zone; read as UTC (the registry only orders by it). */
function ocsTime(text: string | null): Date | null {
  if (!text || text.startsWith("0000")) return null;
  const date = new Date(text.replace(" ", "T") + "Z");
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Runs one synchronisation of `row`. Connection and check failures throw SourceError. */
export async function syncSource(
  ctx: ServerContext,
  row: SourceRow,
  options: SourceRunOptions = {},
): Promise<SourceRunResult> {
  const target = sourceTarget(row, ctx.config.dataDir);
  const conn = await connectOcs(target);
  const result: SourceRunResult = {
    stored: 0,
    imported: 0,
    updated: 0,
    refused: 0,
    trashed: 0,
    merged: 0,
    errors: [],
    more: false,
    total: 0,
    version: "",
    timings: { readWait: 0, store: 0, registry: 0 },
  };
  try {
    const check = await checkOcs(conn, target.database);
    result.version = check.version;
    const sourceOptions = optionsOf(row);
    // LASTDATE counts whole seconds: a machine OCS wrote later in the cursor's second, with a
    // lower ID, would be skipped for good. Each run reads that second again from its first ID;
    // machines whose LASTDATE is already stored are filtered out (readPage).
    let cursor = { ...cursorOf(row), id: 0 };

    cursor = await applyDeleted(ctx, conn, row.id, cursor, result);
    await saveCursor(ctx, row.id, cursor);

    const layout = await readLayout(conn);
    const read = {
      skip: new Set(sourceOptions.skip),
      softwareDictionary: sourceOptions.softwareDictionary,
      settleSeconds: sourceOptions.settleSeconds,
    };
    const limit = options.limit ?? Number.POSITIVE_INFINITY;
    result.total = Math.min(
      await countChanged(conn, cursor, sourceOptions.settleSeconds),
      limit,
    );
    // Progress counts each machine twice: stored, then synchronised into the registry.
    const progress = (units: number) =>
      options.onProgress?.(Math.min(units, 2 * result.total), 2 * result.total);
    progress(0);
    const stored = new Map<number, number>();
    let done = 0;
    // The next page is read from OCS (the other core) while this one is stored.
    let next: Promise<ReadPage> | null = readPage(
      ctx,
      conn,
      row.id,
      layout,
      read,
      cursor,
      Math.min(PAGE, limit),
    );
    try {
      while (next) {
        const waited = performance.now();
        const page = await next;
        result.timings.readWait += performance.now() - waited;
        next = null;
        if (page.machines.length === 0 || options.signal?.aborted) break;
        const last = page.machines.at(-1)!;
        const after = { ...cursor, lastdate: last.lastdate, id: last.id };
        // The limit counts machines that changed, not those of the cursor's second read again.
        done += page.changed.length;
        if (done < limit) {
          next = readPage(ctx, conn, row.id, layout, read, after, Math.min(PAGE, limit - done));
        }
        const storing = performance.now();
        await storePage(ctx, row.id, page, stored, result);
        result.timings.store += performance.now() - storing;
        cursor = after;
        await saveCursor(ctx, row.id, cursor);
        progress(done);
      }
    } finally {
      await next?.catch(() => {});
    }
    // Stored devices not yet in the registry after a crash are picked up by sync-registry.
    const registering = performance.now();
    await syncRegistry(ctx, stored, result, (n) => progress(done + n));
    result.timings.registry = performance.now() - registering;
    for (const k of ["readWait", "store", "registry"] as const) {
      result.timings[k] = Math.round(result.timings[k]);
    }
    result.more = (await changedMachines(conn, cursor, 1, sourceOptions.settleSeconds)).length > 0;
    await recordRun(ctx, row.id, result, null);
    return result;
  } catch (error) {
    await recordRun(ctx, row.id, result, error);
    throw error;
  } finally {
    await conn.close();
  }
}

async function saveCursor(ctx: ServerContext, sourceId: number, cursor: SourceCursor) {
  await ctx.writes.run((db) =>
    db.updateTable("sources").set({ cursor: JSON.stringify(cursor) }).where("id", "=", sourceId)
      .execute()
  );
}

/** One page read from OCS: its machines, their inventories, what we knew of them. */
interface ReadPage {
  machines: OcsMachine[];
  changed: OcsMachine[];
  requests: Map<number, InventoryRequest>;
  previous: Map<number, string>;
}

async function readPage(
  ctx: ServerContext,
  conn: OcsConnection,
  sourceId: number,
  layout: Awaited<ReturnType<typeof readLayout>>,
  read: Parameters<typeof readInventories>[3] & { settleSeconds: number },
  after: SourceCursor,
  limit: number,
): Promise<ReadPage> {
  const machines = await changedMachines(conn, after, limit, read.settleSeconds);
  if (machines.length === 0) {
    return { machines, changed: [], requests: new Map(), previous: new Map() };
  }
  const known = await ctx.db.selectFrom("source_devices")
    .leftJoin("devices", "devices.id", "source_devices.device_id")
    .select(["source_devices.ocs_id", "source_devices.ocs_lastdate", "devices.deviceid"])
    .where("source_devices.source_id", "=", sourceId)
    .where("source_devices.ocs_id", "in", machines.map((m) => m.id)).execute();
  const byId = new Map(known.map((r) => [r.ocs_id, r]));
  // A machine whose LASTDATE we already stored (a run redone after a crash) is not read again.
  const changed = machines.filter((m) => byId.get(m.id)?.ocs_lastdate !== m.lastdate);
  const previous = new Map<number, string>();
  for (const r of known) if (r.deviceid) previous.set(r.ocs_id, r.deviceid);
  return {
    machines,
    changed,
    requests: await readInventories(conn, layout, changed, read),
    previous,
  };
}

/** Stores one page of machines (one group of commits); adds device id → OCS id to `stored`. */
async function storePage(
  ctx: ServerContext,
  sourceId: number,
  page: ReadPage,
  stored: Map<number, number>,
  result: SourceRunResult,
): Promise<void> {
  const now = ctx.now();
  const settled = await Promise.allSettled(page.changed.map(async (machine) => {
    const request = page.requests.get(machine.id);
    if (!request) return;
    const deviceId = await ctx.writes.run((db) =>
      storeMachine(db, sourceId, machine, request, page.previous.get(machine.id), now)
    );
    stored.set(deviceId, machine.id);
    result.stored++;
  }));
  for (const [i, outcome] of settled.entries()) {
    if (outcome.status === "rejected") {
      result.errors.push({ ocsId: page.changed[i]!.id, message: messageOf(outcome.reason) });
    }
  }
}

/** Devices per registry batch: few batches, so its read-ahead worker starts few times. */
const REGISTRY_BATCH = 5000;

/** Synchronises the stored devices into the registry, through the same rules as any device. */
async function syncRegistry(
  ctx: ServerContext,
  stored: Map<number, number>,
  result: SourceRunResult,
  onProgress: (done: number) => void,
): Promise<void> {
  if (stored.size === 0) return;
  // A machine stored under a new DEVICEID merged its old device: the registry moves the link
  // before it plans the new device (else the new device would be planned as a stranger).
  await consumeEvents(ctx);
  const ids = [...stored.keys()];
  for (let i = 0; i < ids.length; i += REGISTRY_BATCH) {
    const batch = await runRegistry(
      ctx,
      {
        deviceIds: ids.slice(i, i + REGISTRY_BATCH),
        onProgress: (done) => onProgress(i + done),
      },
    );
    for (const outcome of batch.outcomes) {
      if (outcome.kind === "imported" || outcome.kind === "linked") result.imported++;
      else if (outcome.kind === "synchronized") result.updated++;
      else if (outcome.kind === "not_imported") result.refused++;
    }
    for (const e of batch.errors) {
      result.errors.push({ ocsId: stored.get(e.deviceId) ?? 0, message: e.message });
    }
  }
}

/** Stores one machine's inventory into its device; returns the device id. */
async function storeMachine(
  db: Kysely<Database>,
  sourceId: number,
  machine: OcsMachine,
  request: InventoryRequest,
  previousDeviceid: string | undefined,
  now: Date,
): Promise<number> {
  const prepared = prepareInventory(request);
  // The machine's link followed an OCS merge to a new DEVICEID: the old device becomes this one,
  // exactly as an agent's OLD_DEVICEID does.
  if (previousDeviceid && previousDeviceid !== request.deviceId) {
    prepared.oldDeviceId = previousDeviceid;
  }
  const stored = await storeInventory(db, prepared, {
    userAgent: machine.userAgent || "OCS source",
    ipSource: machine.ipSource,
    // Nothing was posted: the device keeps no raw payload from a source.
    body: new Uint8Array(),
    encoding: "plain",
    // OCS's inventory date, not ours: of two devices feeding one computer, the newest
    // inventory is the one that counts.
    now: ocsTime(machine.lastdate) ?? now,
    // OCS owns the TAG of its machines.
    acceptTagUpdateFromClient: true,
  });
  const lastCome = ocsTime(machine.lastcome);
  if (lastCome) {
    await db.updateTable("devices").set({ last_come: lastCome.toISOString() })
      .where("id", "=", stored.deviceId).execute();
  }
  await db.insertInto("source_devices").values({
    source_id: sourceId,
    ocs_id: machine.id,
    ocs_deviceid: machine.deviceid,
    device_id: stored.deviceId,
    ocs_lastdate: machine.lastdate,
    ocs_checksum: machine.checksum,
    synced_at: now.toISOString(),
  }).onConflict((oc) =>
    oc.columns(["source_id", "ocs_id"]).doUpdateSet({
      ocs_deviceid: machine.deviceid,
      device_id: stored.deviceId,
      ocs_lastdate: machine.lastdate,
      ocs_checksum: machine.checksum,
      synced_at: now.toISOString(),
    })
  ).execute();
  return stored.deviceId;
}

/** Applies `deleted_equiv` rows past the cursor; returns the advanced cursor. */
async function applyDeleted(
  ctx: ServerContext,
  conn: OcsConnection,
  sourceId: number,
  cursor: SourceCursor,
  result: SourceRunResult,
): Promise<SourceCursor> {
  const rows = await conn.query(
    `SELECT ID, DELETED, EQUIVALENT FROM deleted_equiv WHERE ID > ? ORDER BY ID LIMIT ${DELETED_PER_RUN}`,
    [cursor.deletedId],
  );
  if (rows.length === 0) return cursor;
  const now = ctx.now();
  for (const r of rows) {
    const deleted = String(r.DELETED ?? "").trim();
    const equivalent = String(r.EQUIVALENT ?? "").trim();
    // OCS names a machine by ID, or by DEVICEID (which always contains dashes).
    const link = await linkOf(ctx.db, sourceId, deleted);
    if (!link) continue;
    if (!equivalent) {
      await ctx.writes.run(async (db) => {
        await deleteDevice(db, link.device_id, now);
        await db.deleteFrom("source_devices").where("source_id", "=", sourceId)
          .where("ocs_id", "=", link.ocs_id).execute();
      });
      result.trashed++;
      continue;
    }
    const [target] = await conn.query(
      "SELECT ID, DEVICEID FROM hardware WHERE ID = ? OR DEVICEID = ? LIMIT 1",
      [/^\d+$/.test(equivalent) ? Number(equivalent) : -1, equivalent],
    );
    const newId = target ? Number(target.ID) : /^\d+$/.test(equivalent) ? Number(equivalent) : null;
    if (newId === null) continue;
    const into = await linkOf(ctx.db, sourceId, String(newId));
    await ctx.writes.run(async (db) => {
      if (into && into.device_id !== link.device_id) {
        // Both were imported: the old device merges into the new one (the registry relinks).
        const old = await db.selectFrom("devices").select("deviceid")
          .where("id", "=", link.device_id).executeTakeFirst();
        const intoRow = await db.selectFrom("devices").select("deviceid")
          .where("id", "=", into.device_id).executeTakeFirst();
        if (old && intoRow) {
          await mergeDevice(db, old.deviceid, into.device_id, intoRow.deviceid, now.toISOString());
        }
        await db.deleteFrom("source_devices").where("source_id", "=", sourceId)
          .where("ocs_id", "=", link.ocs_id).execute();
      } else if (!into) {
        // The new machine is not imported yet: its inventory will be stored into this device.
        await db.updateTable("source_devices").set({
          ocs_id: newId,
          ocs_deviceid: target ? String(target.DEVICEID) : link.ocs_deviceid,
          ocs_lastdate: "",
        }).where("source_id", "=", sourceId).where("ocs_id", "=", link.ocs_id).execute();
      }
    });
    result.merged++;
  }
  // The registry applies deletions and merges now, not at its next scheduled run.
  await consumeEvents(ctx);
  return { ...cursor, deletedId: Number(rows.at(-1)!.ID) };
}

async function consumeEvents(ctx: ServerContext): Promise<void> {
  const { deletedBehaviour } = await loadSettings(ctx.db);
  const now = ctx.now();
  while (await ctx.writes.run((db) => consumeDeviceEvents(db, deletedBehaviour, now)) > 0) {
    // Up to 300 per call: until none is left.
  }
}

async function linkOf(db: Kysely<Database>, sourceId: number, key: string) {
  const query = db.selectFrom("source_devices").selectAll().where("source_id", "=", sourceId);
  return /^\d+$/.test(key)
    ? await query.where("ocs_id", "=", Number(key)).executeTakeFirst()
    : await query.where("ocs_deviceid", "=", key).executeTakeFirst();
}

/** Adds the run's counts to the source's totals, with its status and errors. */
async function recordRun(
  ctx: ServerContext,
  sourceId: number,
  result: SourceRunResult,
  error: unknown,
): Promise<void> {
  const at = ctx.now().toISOString();
  const message = error ? messageOf(error) : summary(result);
  await ctx.writes.run(async (db) => {
    await db.updateTable("sources").set((eb) => ({
      last_sync_at: at,
      // "more": a run cut short (its limit, a stop) continues at the next task run.
      last_status: error ? "error" : result.more ? "more" : "ok",
      last_message: message,
      ...(result.version ? { ocs_version: result.version } : {}),
      imported: eb("imported", "+", result.imported),
      updated: eb("updated", "+", result.updated),
      trashed: eb("trashed", "+", result.trashed),
      merged: eb("merged", "+", result.merged),
      refused: eb("refused", "+", result.refused),
      errors: eb("errors", "+", result.errors.length + (error ? 1 : 0)),
    })).where("id", "=", sourceId).execute();
    const errors = [
      ...result.errors,
      ...(error ? [{ ocsId: 0, message }] : []),
    ];
    if (errors.length > 0) {
      await db.insertInto("source_errors").values(
        errors.slice(0, ERRORS_KEPT).map((e) => ({
          source_id: sourceId,
          ocs_id: e.ocsId,
          at,
          message: e.message,
        })),
      ).execute();
      const keep = await db.selectFrom("source_errors").select("id")
        .where("source_id", "=", sourceId).orderBy("id", "desc").offset(ERRORS_KEPT).limit(1)
        .executeTakeFirst();
      if (keep) {
        await db.deleteFrom("source_errors").where("source_id", "=", sourceId)
          .where("id", "<=", keep.id).execute();
      }
    }
  });
}

/** A run in words. */
export function summary(r: SourceRunResult): string {
  const parts = [
    `${r.stored} read`,
    `${r.imported} imported`,
    `${r.updated} updated`,
    `${r.trashed} deleted in OCS`,
    `${r.merged} merged`,
    `${r.refused} refused by rules`,
    `${r.errors.length} errors`,
  ];
  return parts.join(", ") + (r.more ? " (more to do)" : "");
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0]!;
}
