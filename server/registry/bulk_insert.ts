/**
 * Multi-row INSERTs of a fixed column list, for the rows a synchronisation writes by the hundred
 * (installations, history, components). The SQL is Kysely's, compiled once per chunk size; a
 * list is cut into power-of-two chunks (781 rows = 3 × 256 + 8 + 4 + 1), so at most
 * log2(max) + 1 statements per column list are ever prepared, no row is inserted alone, and
 * values are bound by position (no per-call query building, no per-value name lookups).
 *
 * @module
 */

import type { DatabaseSync, SQLInputValue, StatementSync } from "node:sqlite";
import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";

/** Inserts rows into one table, columns in a fixed order. */
export interface BulkInserter {
  /**
   * Inserts `values.length / columns.length` rows; `values` holds them one after the other,
   * each row's values in column order.
   */
  insert(values: readonly SQLInputValue[]): void;
}

/**
 * An inserter of `columns` into `table` on the connection `raw` (the one behind `db`), at most
 * `maxRows` rows per statement (a power of two; keep `maxRows × columns` well below SQLite's
 * parameter limit).
 *
 * @throws {Error} when Kysely does not emit the parameters in row-then-column order
 */
export function bulkInserter(
  db: Kysely<Database>,
  raw: DatabaseSync,
  table: keyof Database,
  columns: readonly string[],
  maxRows: number,
): BulkInserter {
  const width = columns.length;
  const bySize = new Map<number, StatementSync>();

  function statementFor(rows: number): StatementSync {
    let statement = bySize.get(rows);
    if (statement) return statement;
    // Distinct marker values show where each row's value lands among the parameters.
    const markers = Array.from(
      { length: rows },
      (_, r) => columns.map((_, c) => `\u0000${r}:${c}`),
    );
    const query = db.insertInto(table)
      // deno-lint-ignore no-explicit-any
      .values(markers.map((row) => Object.fromEntries(columns.map((c, i) => [c, row[i]]))) as any)
      .compile();
    const expected = markers.flat();
    if (
      query.parameters.length !== expected.length ||
      query.parameters.some((p, i) => p !== expected[i])
    ) {
      throw new Error(`Unexpected parameter order in: ${query.sql}`);
    }
    statement = raw.prepare(query.sql);
    bySize.set(rows, statement);
    return statement;
  }

  return {
    insert(values) {
      const total = values.length / width;
      if (!Number.isInteger(total)) {
        throw new Error(`${values.length} values do not make rows of ${width} columns`);
      }
      let at = 0;
      for (let size = maxRows; size >= 1; size >>= 1) {
        for (; total - at >= size; at += size) {
          statementFor(size).run(...values.slice(at * width, (at + size) * width));
        }
      }
    },
  };
}
