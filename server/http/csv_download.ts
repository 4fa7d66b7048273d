/**
 * A CSV download of one console list: the header line in the reader's language, then the rows
 * read page by page (`pages` yields them until the list ends), each line with the separator of
 * the reader's language or of `?sep=` (csv_option.ts), as the computers export writes them
 * (computers_csv.ts: quoting, formula defusing, byte-order mark). Streamed: a long list is
 * never held whole.
 *
 * @module
 */

import type { Context } from "hono";
import type { I18n } from "../../ui/i18n/format.ts";
import { csvLine } from "./computers_csv.ts";
import { csvLanguage } from "./csv_option.ts";
import type { AppEnv } from "./env.ts";
import { i18nOf } from "./i18n.ts";

/** One list's export: its file name, header and rows, all in `language`. */
export interface CsvList {
  /** The file name's stem: `<name>-<yyyy-mm-dd>.csv`. */
  name: string;
  header: (language: I18n) => readonly string[];
  /** The list's rows, a page at a time, as the cells of each line. */
  pages: (language: I18n) => AsyncIterable<readonly (readonly string[])[]>;
}

/** The response downloading `list` for the request `c`, dated `now`. */
export function csvDownload(c: Context<AppEnv>, now: Date, list: CsvList): Response {
  const language = csvLanguage(i18nOf(c), c.req.query("sep"));
  const { separator } = language.csv;
  const encoder = new TextEncoder();
  const pages = list.pages(language)[Symbol.asyncIterator]();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`\uFEFF${csvLine(list.header(language), separator)}`));
    },
    async pull(controller) {
      const next = await pages.next();
      if (next.done) {
        controller.close();
        return;
      }
      const text = next.value.map((cells) => csvLine(cells, separator)).join("");
      if (text !== "") controller.enqueue(encoder.encode(text));
    },
    async cancel() {
      await pages.return?.();
    },
  }, { highWaterMark: 1 });
  const day = now.toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "content-language": language.locale,
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${list.name}-${day}.csv"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}

/** Pages of `size` rows from `read(limit, offset)` until one comes back short. */
export async function* offsetPages<T>(
  size: number,
  read: (limit: number, offset: number) => Promise<readonly T[]>,
): AsyncGenerator<readonly T[]> {
  for (let offset = 0;; offset += size) {
    const rows = await read(size, offset);
    yield rows;
    if (rows.length < size) return;
  }
}

/** `pages` with each row turned into cells by `cells`. */
export async function* mapPages<T>(
  pages: AsyncIterable<readonly T[]>,
  cells: (row: T) => readonly string[],
): AsyncGenerator<readonly (readonly string[])[]> {
  for await (const rows of pages) yield rows.map(cells);
}
