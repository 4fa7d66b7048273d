/**
 * Writing and reading computer history: field changes (old, new, source), parts added, removed
 * or updated, links, locks, trash and restore.
 *
 * @module
 */

import type { SQLInputValue } from "node:sqlite";
import type { Kysely, Selectable } from "kysely";
import { perConnection } from "../db/compiled.ts";
import type { Database } from "../db/schema.ts";
import { bulkInserter } from "./bulk_insert.ts";
import type { HistoryKind, HistorySource, HistoryTable } from "./schema.ts";

/** One change to record. */
export interface Change {
  kind: HistoryKind;
  field?: string;
  oldValue?: string | number | null;
  newValue?: string | number | null;
}

/** The columns a history row is written with, in order. */
const HISTORY_COLUMNS = [
  "at",
  "computer_id",
  "kind",
  "field",
  "old_value",
  "new_value",
  "source",
  "actor",
] as const;

const historyInserter = perConnection((db: Kysely<Database>, raw) =>
  bulkInserter(db, raw, "history", HISTORY_COLUMNS, 64)
);

/** Collects a computer's changes during one operation, written in few statements. */
export class HistoryBatch {
  /** The rows so far, one after the other, each in {@linkcode HISTORY_COLUMNS} order. */
  readonly #values: SQLInputValue[] = [];
  constructor(
    readonly computerId: number,
    readonly at: string,
    readonly source: HistorySource,
    readonly actor = "",
  ) {}

  add(change: Change): void {
    this.#values.push(
      this.at,
      this.computerId,
      change.kind,
      change.field ?? "",
      String(change.oldValue ?? "").slice(0, 500),
      String(change.newValue ?? "").slice(0, 500),
      this.source,
      this.actor,
    );
  }

  get size(): number {
    return this.#values.length / HISTORY_COLUMNS.length;
  }

  // deno-lint-ignore require-await
  async write(db: Kysely<Database>): Promise<void> {
    if (this.#values.length === 0) return;
    historyInserter(db).insert(this.#values);
    this.#values.length = 0;
  }
}

/** A history row as read back. */
export type HistoryRow = Selectable<HistoryTable>;

/** Filters for {@linkcode queryHistory}. */
export interface HistoryQuery {
  computerId?: number;
  /** ISO time: only rows at or after it ("what changed this week"). */
  since?: string;
  kinds?: HistoryKind[];
  source?: HistorySource;
  limit?: number;
  /** Rows with a smaller id (paging backwards in time). */
  beforeId?: number;
}

/** History rows, newest first, across computers or for one. */
export async function queryHistory(
  db: Kysely<Database>,
  query: HistoryQuery,
): Promise<(HistoryRow & { computer_name: string })[]> {
  let q = db.selectFrom("history")
    .innerJoin("computers", "computers.id", "history.computer_id")
    .selectAll("history")
    .select("computers.name as computer_name")
    .orderBy("history.id", "desc")
    .limit(Math.min(query.limit ?? 100, 10_000));
  if (query.computerId !== undefined) q = q.where("history.computer_id", "=", query.computerId);
  if (query.since) q = q.where("history.at", ">=", query.since);
  if (query.kinds?.length) q = q.where("history.kind", "in", query.kinds);
  if (query.source) q = q.where("history.source", "=", query.source);
  if (query.beforeId) q = q.where("history.id", "<", query.beforeId);
  return await q.execute();
}

/** Deletes history older than `before`; returns how many rows went. */
export async function purgeHistory(db: Kysely<Database>, before: string): Promise<number> {
  const result = await db.deleteFrom("history").where("at", "<", before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
