/** Aligned text tables for the CLI's human output. */

import { print } from "../../cli/command.ts";

/** Prints `rows` under `header`, columns padded (cut at 40 characters). */
export function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) =>
    Math.min(40, Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  );
  const line = (cells: string[]) =>
    cells.map((c, i) => c.slice(0, widths[i]).padEnd(widths[i]!)).join("  ").trimEnd();
  print(line(header));
  for (const row of rows) print(line(row));
}
