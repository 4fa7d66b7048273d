/**
 * The event log's filter: the kinds offered, and the one asked for checked against them.
 *
 * @module
 */

/** Kinds (or dotted prefixes) the filter offers, in its order. */
export const EVENT_KINDS = [
  "alert",
  "alert.new_computers",
  "alert.stale_computers",
  "alert.task_failing",
  "task",
] as const;

/** How many events the page shows. */
export const EVENTS_SHOWN = 200;

/** The kind asked for, when it is one offered; "" for every kind. */
export function eventKindOf(value: string | undefined): string {
  return (EVENT_KINDS as readonly string[]).includes(value ?? "") ? value! : "";
}
