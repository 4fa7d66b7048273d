/**
 * The server's event log: one row per notable fact (alerts, recovered task runs, …), written by
 * any area inside its own write transaction, kept for the `purge-logs` task's parameter in days.
 *
 * @module
 */

import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";
import { startsWith } from "../db/text_match.ts";
import type { EventLevel } from "./schema.ts";

/** An event to record. */
export interface NewEvent {
  at: Date;
  level: EventLevel;
  /** Dotted kind, e.g. `alert.task_failing`, `task.lease_expired`. */
  kind: string;
  message: string;
  data?: Record<string, unknown>;
}

/** An event as stored. */
export interface EventRecord {
  id: number;
  at: string;
  level: EventLevel;
  kind: string;
  message: string;
  data: Record<string, unknown>;
}

/** Records one event on the caller's connection (inside its transaction). */
export async function writeEvent(db: Kysely<Database>, event: NewEvent): Promise<void> {
  await db.insertInto("event_log").values({
    at: event.at.toISOString(),
    level: event.level,
    kind: event.kind,
    message: event.message,
    data: JSON.stringify(event.data ?? {}),
  }).execute();
}

/** The latest events, newest first; `kind` matches a kind or a dotted prefix (`alert`). */
export async function listEvents(
  db: Kysely<Database>,
  options: { kind?: string; limit?: number; beforeId?: number } = {},
): Promise<EventRecord[]> {
  let query = db.selectFrom("event_log").selectAll().orderBy("id", "desc")
    .limit(options.limit ?? 100);
  // The next page of a walk through the whole log (the CSV export), by id: no offset to skip.
  if (options.beforeId !== undefined) query = query.where("id", "<", options.beforeId);
  if (options.kind) {
    const kind = options.kind;
    query = query.where((eb) => eb.or([eb("kind", "=", kind), startsWith(db, "kind", `${kind}.`)]));
  }
  const rows = await query.execute();
  return rows.map((r) => ({ ...r, data: JSON.parse(r.data) as Record<string, unknown> }));
}

/** Deletes events older than `before`, at most `limit` rows; returns how many. */
export async function purgeEvents(
  db: Kysely<Database>,
  before: Date,
  limit: number,
): Promise<number> {
  const result = await db.deleteFrom("event_log").where(
    "id",
    "in",
    db.selectFrom("event_log").select("id").where("at", "<", before.toISOString()).limit(limit),
  ).executeTakeFirst();
  return Number(result.numDeletedRows);
}
