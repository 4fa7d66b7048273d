/**
 * The computers CSV export: RFC 4180 (every field quoted, CRLF, UTF-8 with a byte-order mark so
 * spreadsheets read accents right), cells that a spreadsheet would run as a formula defused, and
 * rows streamed in chunks so an export of 100,000 computers never holds them all at once. Headers,
 * dates and the separator follow the reader's language (French Excel wants `;`).
 *
 * @module
 */

import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";
import { computerSummaries } from "../registry/queries.ts";
import { type I18n, makeI18n, renderingIn } from "../../ui/i18n/format.ts";
import type { ComputerColumn } from "./computers_columns.ts";

/** Rows read per query while streaming. */
const CHUNK = 1000;
/** Characters that make a spreadsheet treat a cell as a formula (and tab/CR, which some strip). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One field: quoted, quotes doubled, a leading formula character defused with `'`. */
export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return `"${safe.replaceAll('"', '""')}"`;
}

/** One record, CRLF-terminated. */
export function csvLine(cells: readonly string[], separator = ","): string {
  return `${cells.map(csvCell).join(separator)}\r\n`;
}

/**
 * The CSV of computers `ids` (in that order) with `columns`: a header line, then one line per
 * computer, read `CHUNK` at a time as the client consumes the stream.
 */
export function computersCsv(
  db: Kysely<Database>,
  ids: readonly number[],
  columns: readonly ComputerColumn[],
  language: I18n = makeI18n("en", "UTC"),
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const { separator } = language.csv;
  const header = columns.map((c) => language.t.columns[c.key] ?? c.label);
  let next = 0;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`\uFEFF${csvLine(header, separator)}`));
    },
    async pull(controller) {
      if (next >= ids.length) {
        controller.close();
        return;
      }
      const rows = await computerSummaries(db, ids.slice(next, next + CHUNK));
      next += CHUNK;
      // Cells format dates in the reader's language and zone (as pages do).
      const text = renderingIn(
        language,
        () => rows.map((row) => csvLine(columns.map((c) => c.text(row)), separator)).join(""),
      );
      controller.enqueue(encoder.encode(text));
    },
  }, { highWaterMark: 1 });
}
