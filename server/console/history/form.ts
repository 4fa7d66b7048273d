/**
 * The fleet history's filter: the parameters read and checked (an unknown kind or author, or a
 * malformed date, is named in a notice and left out), the dates turned into UTC bounds in the
 * reader's time zone, and what the routes and the view share.
 *
 * @module
 */

import type { FleetHistoryQuery } from "../../registry/history_queries.ts";
import type { HistoryKind, HistorySource } from "../../registry/schema.ts";
import type { I18n } from "../../../ui/i18n/format.ts";
import { computer } from "../../../ui/i18n/en/computer.ts";

/** The page's path (its CSV is `${HISTORY_PATH}.csv`). */
export const HISTORY_PATH = "/history";
/** Changes per page. */
export const HISTORY_PER_PAGE = 50;

/** Every kind of change, in the filter's order. */
export const HISTORY_KINDS: readonly HistoryKind[] = [
  "created",
  "field",
  "component_added",
  "component_removed",
  "component_updated",
  "software_added",
  "software_removed",
  "software_updated",
  "linked",
  "unlinked",
  "locked",
  "unlocked",
  "lock_kept",
  "trashed",
  "restored",
  "state",
];

/** Every author of a change. */
export const HISTORY_SOURCES: readonly HistorySource[] = ["inventory", "rule", "user", "system"];

/** The computer fields a change can name, offered as suggestions (matched exactly). */
export const HISTORY_FIELDS: readonly string[] = Object.keys(computer.fields);

/** The filter's parameters as given (kept in links and the form). */
export type HistoryFilter = {
  computer: string;
  kind: string;
  field: string;
  source: string;
  actor: string;
  from: string;
  to: string;
};

/** The filter's parameters, read from the request's query string (each cut to 200). */
export function historyFilterOf(query: (name: string) => string | undefined): HistoryFilter {
  const read = (name: string) => (query(name) ?? "").trim().slice(0, 200);
  return {
    computer: read("computer"),
    kind: read("kind"),
    field: read("field"),
    source: read("source"),
    actor: read("actor"),
    from: read("from"),
    to: read("to"),
  };
}

/** The registry query of `filter` (without paging), and the problems found in it. */
export function historyQueryOf(
  filter: HistoryFilter,
  language: I18n,
): { query: Omit<FleetHistoryQuery, "scope" | "limit" | "offset">; problems: string[] } {
  const k = language.t.history;
  const problems: string[] = [];
  const query: Omit<FleetHistoryQuery, "scope" | "limit" | "offset"> = {};
  if (filter.computer) query.computer = filter.computer;
  if (filter.kind) {
    if ((HISTORY_KINDS as readonly string[]).includes(filter.kind)) {
      query.kind = filter.kind as HistoryKind;
    } else problems.push(k.badKind(filter.kind));
  }
  if (filter.field) {
    query.field = { text: filter.field, exact: HISTORY_FIELDS.includes(filter.field) };
  }
  if (filter.source) {
    if ((HISTORY_SOURCES as readonly string[]).includes(filter.source)) {
      query.source = filter.source as HistorySource;
    } else problems.push(k.badSource(filter.source));
  }
  if (filter.actor) query.actor = filter.actor;
  const from = dayOf(filter.from, k.badDate, problems);
  const to = dayOf(filter.to, k.badDate, problems);
  if (from) query.since = dayStart(from, language.timeZone);
  if (to) query.until = dayStart(nextDay(to), language.timeZone);
  if (from && to && from > to) problems.push(k.backwards);
  return { query, problems };
}

/** `value` when it is a real day (YYYY-MM-DD); else notes the problem. */
function dayOf(
  value: string,
  problem: (value: string) => string,
  problems: string[],
): string | undefined {
  if (value === "") return undefined;
  const ok = /^\d{4}-\d{2}-\d{2}$/.test(value) &&
    new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
  if (ok) return value;
  problems.push(problem(value));
  return undefined;
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** How far `timeZone`'s clock is ahead of UTC at `instant` (ms). */
function zoneOffset(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(instant));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(
    part("year"),
    part("month") - 1,
    part("day"),
    part("hour"),
    part("minute"),
    part("second"),
  );
  return wall - Math.floor(instant / 1000) * 1000;
}

/** The UTC instant (ISO) at which `day` starts in `timeZone`. */
export function dayStart(day: string, timeZone: string): string {
  const midnight = Date.parse(`${day}T00:00:00Z`);
  // Twice: the offset at the first guess may differ from the offset at midnight (a DST change).
  const guess = midnight - zoneOffset(midnight, timeZone);
  return new Date(midnight - zoneOffset(guess, timeZone)).toISOString();
}
