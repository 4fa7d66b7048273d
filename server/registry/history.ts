/**
 * Writing and reading computer history: field changes (old, new, source), parts added, removed
 * or updated, links, locks, trash and restore.
 *
 * @module
 */

import type { Insertable, Kysely, Selectable } from "kysely";
import type { Database } from "../db/schema.ts";
import type { HistoryKind, HistorySource, HistoryTable } from "./schema.ts";

/** One change to record. */
export interface Change {
  kind: HistoryKind;
  field?: string;
  oldValue?: string | number | null;
  newValue?: string | number | null;
}

/** Collects a computer's changes during one operation, written in one statement. */
export class HistoryBatch {
  readonly #rows: Insertable<HistoryTable>[] = [];
  constructor(
    readonly computerId: number,
    readonly at: string,
    readonly source: HistorySource,
    readonly actor = "",
  ) {}

  add(change: Change): void {
    this.#rows.push({
      at: this.at,
      computer_id: this.computerId,
      kind: change.kind,
      field: change.field ?? "",
      old_value: String(change.oldValue ?? "").slice(0, 500),
      new_value: String(change.newValue ?? "").slice(0, 500),
      source: this.source,
      actor: this.actor,
    });
  }

  get size(): number {
    return this.#rows.length;
  }

  async write(db: Kysely<Database>): Promise<void> {
    // SQLite caps bound parameters; 9 columns × 100 rows stays far below it.
    for (let i = 0; i < this.#rows.length; i += 100) {
      await db.insertInto("history").values(this.#rows.slice(i, i + 100)).execute();
    }
    this.#rows.length = 0;
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
