/**
 * Plain-text tables for CLI lists: columns sized to their content (capped), no borders.
 *
 * @module
 */

import { print } from "./command.ts";

/** Prints `rows` under `header`, each column at most `maxWidth` characters. */
export function printTable(header: string[], rows: string[][], maxWidth = 40): void {
  const widths = header.map((h, i) =>
    Math.min(maxWidth, Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)))
  );
  const line = (cells: string[]) =>
    cells.map((c, i) => (c ?? "").slice(0, widths[i]).padEnd(widths[i]!)).join("  ").trimEnd();
  print(line(header));
  for (const r of rows) print(line(r));
}

/** "2026-11-21T10:00:00.000Z" → "2026-11-21 10:00:00"; null → "-". */
export function shortTime(iso: string | null | undefined): string {
  return iso ? iso.slice(0, 19).replace("T", " ") : "-";
}
