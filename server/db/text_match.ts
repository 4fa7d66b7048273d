/**
 * Text searches that answer alike on both engines. SQLite's `like` ignores ASCII case and
 * PostgreSQL's does not, so a search for "PC1" found "pc1" on one engine only: here it is `like`
 * on SQLite (unchanged, its indexes and plans as before) and `ilike` on PostgreSQL. The typed text
 * is literal on both: `%`, `_` and `\` are escaped, with `escape '\'` said explicitly (SQLite has
 * no default escape character).
 *
 * One difference stays: `ilike` folds case by the database's locale, so beyond ASCII ("É" and "é")
 * PostgreSQL may match where SQLite does not.
 *
 * @module
 */

import { type Expression, type RawBuilder, sql } from "kysely";
import { type AnyDb, engineOf } from "./engine.ts";

/** A column by name ("computers.name") or any text expression. */
export type TextColumn = string | Expression<string | null> | RawBuilder<unknown>;

/** `text` with the LIKE wildcards and the escape character itself made literal. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

/** `column` contains `text` anywhere, ASCII case ignored. */
export function contains(db: AnyDb, column: TextColumn, text: string): RawBuilder<boolean> {
  return matches(db, column, `%${escapeLike(text)}%`);
}

/** `column` starts with `text`, ASCII case ignored. */
export function startsWith(db: AnyDb, column: TextColumn, text: string): RawBuilder<boolean> {
  return matches(db, column, `${escapeLike(text)}%`);
}

function matches(db: AnyDb, column: TextColumn, pattern: string): RawBuilder<boolean> {
  const operator = engineOf(db) === "postgres" ? sql`ilike` : sql`like`;
  const target = typeof column === "string" ? sql.ref(column) : column;
  return sql<boolean>`${target} ${operator} ${pattern} escape '\\'`;
}
