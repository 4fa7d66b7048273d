/**
 * The fleet-wide history: every recorded change of every computer, newest first, filtered by
 * computer name, kind, field, source and actor, and time range, within a principal's entities
 * (as the computers list scopes them, trashed computers included: trash and restore are
 * changes too).
 *
 * Kept fast on a large history: rows come by the primary key backwards (newest first) and stop
 * at the page; a computer-name filter resolves to computer ids first and reads their rows by
 * `history_computer (computer_id, id)`; a kind comes newest first by `history_kind (kind, id)`;
 * a time range bounds the scan by `history_at`. The total is counted up to
 * {@linkcode HISTORY_COUNT_CAP} rows only, so a page never walks the whole history to say how
 * many there are.
 *
 * @module
 */

import { type Kysely, sql } from "kysely";
import type { Database } from "../db/schema.ts";
import type { VisibleEntities } from "./computer_scope.ts";
import type { HistoryRow } from "./history.ts";
import type { HistoryKind, HistorySource } from "./schema.ts";

/** The most rows a count walks: past it, the list says "more than". */
export const HISTORY_COUNT_CAP = 10_000;

/** What the fleet history asks. */
export interface FleetHistoryQuery {
  scope: VisibleEntities;
  /** Substring of the computer's name. */
  computer?: string;
  kind?: HistoryKind;
  /** The field (a computer field, a software name, a component kind): exact or a substring. */
  field?: { text: string; exact: boolean };
  source?: HistorySource;
  /** The login or name of who made it (exact). */
  actor?: string;
  /** ISO time: rows at or after it. */
  since?: string;
  /** ISO time: rows before it. */
  until?: string;
  /** Rows with a smaller id only (an export reads on from its last row). */
  beforeId?: number;
  limit: number;
  offset: number;
}

/** One change, with the computer it belongs to. */
export type FleetHistoryRow = HistoryRow & { computer_name: string; computer_deleted: number };

/** A page of the fleet history and how many rows match (capped). */
export interface FleetHistoryPage {
  rows: FleetHistoryRow[];
  /** Rows matching, at most {@linkcode HISTORY_COUNT_CAP}. */
  total: number;
  /** More rows match than `total` says. */
  capped: boolean;
}

/** `text` as a LIKE pattern matching it anywhere, wildcards escaped with `\`. */
function containing(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function filtered(db: Kysely<Database>, query: Omit<FleetHistoryQuery, "limit" | "offset">) {
  let q = db.selectFrom("history as h");
  const computer = query.computer?.trim() ?? "";
  const { scope } = query;
  const scoped = scope !== "all";
  const ids: number[] = scope === "all" ? [] : scope.length > 0 ? [...scope] : [-1];
  if (computer !== "") {
    // The few computers named so come first; their rows by history_computer.
    q = q.where("h.computer_id", "in", (eb) => {
      let c = eb.selectFrom("computers").select("computers.id")
        .where(sql<boolean>`computers.name like ${containing(computer)} escape '\\'`);
      if (scoped) c = c.where("computers.entity_id", "in", ids);
      return c;
    });
  } else if (scoped) {
    // A membership test on rows read newest first, never a walk of every computer in scope
    // (unary plus keeps the planner off history_computer: a scope holds most computers).
    q = q.where(
      sql<number>`+h.computer_id`,
      "in",
      (eb) =>
        eb.selectFrom("computers").select("computers.id").where("computers.entity_id", "in", ids),
    );
  }
  if (query.kind) q = q.where("h.kind", "=", query.kind);
  if (query.field && query.field.text.trim() !== "") {
    const text = query.field.text.trim();
    q = query.field.exact
      ? q.where("h.field", "=", text)
      : q.where(sql<boolean>`h.field like ${containing(text)} escape '\\'`);
  }
  if (query.source) q = q.where("h.source", "=", query.source);
  if (query.actor && query.actor.trim() !== "") q = q.where("h.actor", "=", query.actor.trim());
  if (query.since) q = q.where("h.at", ">=", query.since);
  if (query.until) q = q.where("h.at", "<", query.until);
  if (query.beforeId !== undefined) q = q.where("h.id", "<", query.beforeId);
  return q;
}

/** The changes of `query`, newest first, and how many match (up to the cap). */
export async function listFleetHistory(
  db: Kysely<Database>,
  query: FleetHistoryQuery,
): Promise<FleetHistoryPage> {
  const rows = await fleetHistoryRows(db, query);
  const counted = await db.selectFrom(
    filtered(db, query).select(sql<number>`1`.as("one")).limit(HISTORY_COUNT_CAP + 1)
      .as("matching"),
  ).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const n = Number(counted.n);
  return { rows, total: Math.min(n, HISTORY_COUNT_CAP), capped: n > HISTORY_COUNT_CAP };
}

/** The changes of `query`, newest first, uncounted (an export's chunks). */
export async function fleetHistoryRows(
  db: Kysely<Database>,
  query: FleetHistoryQuery,
): Promise<FleetHistoryRow[]> {
  return await filtered(db, query).innerJoin("computers as c", "c.id", "h.computer_id")
    .selectAll("h")
    .select(["c.name as computer_name", "c.is_deleted as computer_deleted"])
    .orderBy("h.id", "desc")
    .limit(query.limit)
    .offset(query.offset)
    .execute();
}
