/**
 * Synchronising many devices: which devices have work, and running them one transaction per
 * computer through the server's group-commit write queue (so ingestion and synchronisation share
 * one writer and fsyncs are batched). Deletions and merges recorded upstream are applied first.
 *
 * @module
 */

import type { DatabaseSync } from "node:sqlite";
import { type Kysely, sql } from "kysely";
import type { Database } from "../db/schema.ts";
import type { WriteQueue } from "../store/write_queue.ts";
import { consumeDeviceEvents } from "./gone.ts";
import type { DeviceImportStatus } from "./schema.ts";
import { openRun, type RunContext } from "./run_context.ts";
import { databaseFile, type PreparedDevice, SectionReader } from "./section_reader.ts";
import { syncDevice, type SyncOptions, type SyncOutcome } from "./sync.ts";

/** What a batch needs from the server context. */
export interface RegistryHost {
  db: Kysely<Database>;
  raw: DatabaseSync;
  writes: WriteQueue<Database>;
  now: () => Date;
}

/** Totals of one batch. */
export interface BatchResult {
  processed: number;
  counts: Partial<Record<SyncOutcome["kind"] | "error", number>>;
  errors: { deviceId: number; message: string }[];
  /** More devices were waiting than the limit allowed. */
  more: boolean;
  outcomes: SyncOutcome[];
}

/**
 * Devices with work: new ones (never attempted, or sent a newer inventory since a refusal or a
 * purge), and linked ones whose last inventory is newer than their last synchronisation.
 * Pending-approval devices wait for an admin. Oldest inventory first.
 */
export async function devicesWithWork(db: Kysely<Database>, limit: number): Promise<number[]> {
  const rows = await db.selectFrom("devices")
    .leftJoin("computer_links", "computer_links.device_id", "devices.id")
    .leftJoin("device_imports", "device_imports.device_id", "devices.id")
    .select("devices.id")
    .where("devices.last_date", "is not", null)
    .where((eb) =>
      eb.or([
        eb.and([
          eb("computer_links.device_id", "is", null),
          eb.or([
            eb("device_imports.device_id", "is", null),
            eb.and([
              eb("device_imports.status", "!=", "pending"),
              eb("devices.inventories", ">", eb.ref("device_imports.device_inventories")),
            ]),
          ]),
        ]),
        eb.and([
          eb("computer_links.device_id", "is not", null),
          eb("devices.inventories", ">", eb.ref("computer_links.synced_inventories")),
        ]),
      ])
    )
    .orderBy("devices.last_date")
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** Options of a batch. */
export interface BatchOptions extends SyncOptions {
  /** At most this many devices (default 1000). */
  limit?: number;
  /** Exactly these devices instead of those with work. */
  deviceIds?: number[];
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  /** Who acts, for history ("" for the automatic synchronisation). */
  actor?: string;
  /**
   * Read the next wave ahead in a section-reader thread (default true). The registry worker,
   * itself off the request thread, reads in its own thread instead.
   */
  readAhead?: boolean;
}

/** How many devices are written per group commit. */
const WAVE = 64;

/** Synchronises devices with work (or the given ones). */
export async function syncBatch(
  host: RegistryHost,
  options: BatchOptions = {},
): Promise<BatchResult> {
  const now = host.now();
  const limit = options.limit ?? 1000;
  const run = await openRun(host.db, host.raw, now, options.actor ?? "");
  if (!options.deviceIds) {
    await host.writes.run((conn) => consumeDeviceEvents(conn, run.settings.deletedBehaviour, now));
  }
  const ids = options.deviceIds ?? await devicesWithWork(host.db, limit + 1);
  const more = !options.deviceIds && ids.length > limit;
  const todo = more ? ids.slice(0, limit) : ids;
  const result: BatchResult = { processed: 0, counts: {}, errors: [], more, outcomes: [] };
  const count = (kind: keyof BatchResult["counts"]) =>
    result.counts[kind] = (result.counts[kind] ?? 0) + 1;
  // With several waves, a worker reads each next wave while this one is written; the first is
  // read here (waiting for a worker to start would cost more than reading it).
  const reader = todo.length > WAVE && options.readAhead !== false ? openReader(host.raw) : null;
  const readAhead = (from: number) =>
    reader?.read(todo.slice(from, from + WAVE), !run.hasSoftwareRules) ?? null;
  let next = readAhead(WAVE);
  try {
    for (let i = 0; i < todo.length; i += WAVE) {
      if (options.signal?.aborted) {
        result.more = true;
        break;
      }
      const wave = todo.slice(i, i + WAVE);
      const prepared = i === 0 ? undefined : await next ?? undefined;
      next = readAhead(i + WAVE);
      await syncWave(host, run, wave, prepared, options, result, count, now);
      options.onProgress?.(Math.min(i + WAVE, todo.length), todo.length);
    }
  } finally {
    await reader?.close();
  }
  return result;
}

/** A section reader for the database file behind `raw`; null when there is none to start. */
function openReader(raw: DatabaseSync): SectionReader | null {
  const path = databaseFile(raw);
  if (!path) return null;
  try {
    return new SectionReader(path);
  } catch {
    return null;
  }
}

/** Writes one wave: one job per device, all in one group commit. */
async function syncWave(
  host: RegistryHost,
  run: RunContext,
  wave: number[],
  prepared: ReadonlyMap<number, PreparedDevice> | undefined,
  options: BatchOptions,
  result: BatchResult,
  count: (kind: keyof BatchResult["counts"]) => void,
  now: Date,
): Promise<void> {
  const settled = await Promise.allSettled(
    wave.map((id) =>
      host.writes.run((conn) => syncDevice({ ...run, db: conn, prepared }, id, options))
    ),
  );
  for (const [j, outcome] of settled.entries()) {
    result.processed++;
    if (outcome.status === "fulfilled") {
      count(outcome.value.kind);
      result.outcomes.push(outcome.value);
    } else {
      // A rolled-back savepoint may have dropped catalogue rows the cache still knows.
      run.catalogue.clear();
      const message = outcome.reason instanceof Error
        ? outcome.reason.message
        : String(outcome.reason);
      count("error");
      result.errors.push({ deviceId: wave[j]!, message });
      await recordFailure(host, wave[j]!, message, now);
    }
  }
}

async function recordFailure(host: RegistryHost, deviceId: number, message: string, now: Date) {
  const at = now.toISOString();
  await host.writes.run(async (db) => {
    const device = await db.selectFrom("devices").select(["last_date", "inventories"])
      .where("id", "=", deviceId).executeTakeFirst();
    if (!device) return;
    await db.insertInto("device_imports").values({
      device_id: deviceId,
      status: "failed",
      reason: `error: ${message}`,
      device_date: device.last_date ?? "",
      device_inventories: device.inventories,
      first_at: at,
      last_at: at,
    }).onConflict((oc) =>
      oc.column("device_id").doUpdateSet({
        status: "failed",
        reason: `error: ${message}`,
        device_inventories: device.inventories,
        last_at: at,
        attempts: sql`attempts + 1`,
      })
    ).execute();
  }).catch(() => {});
}

/** Re-plans devices that were not imported (after a rule or setting change). */
export async function retryNotImported(
  host: RegistryHost,
  options: {
    limit?: number;
    statuses?: DeviceImportStatus[];
    onProgress?: BatchOptions["onProgress"];
  } = {},
): Promise<BatchResult> {
  const statuses: DeviceImportStatus[] = options.statuses ?? ["refused", "unmatched", "failed"];
  const limit = options.limit ?? 1000;
  const rows = await host.db.selectFrom("device_imports").select("device_id")
    .where("status", "in", statuses).orderBy("last_at").limit(limit + 1).execute();
  const result = await syncBatch(host, {
    deviceIds: rows.slice(0, limit).map((r) => r.device_id),
    onProgress: options.onProgress,
  });
  result.more = rows.length > limit;
  return result;
}
