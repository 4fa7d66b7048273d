/**
 * Hot statements of the synchronisation, compiled by Kysely once and run through the raw
 * connection: the SQL stays Kysely's (portable), but a computer's 800 software rows do not pay
 * Kysely's query building 800 times.
 *
 * @module
 */

import type { DatabaseSync, SQLInputValue, StatementSync } from "node:sqlite";
import type { Compilable } from "kysely";

const cache = new WeakMap<DatabaseSync, Map<string, StatementSync>>();

/** A prepared statement for `query`'s SQL; run it with the parameters in the query's order. */
export function prepared(raw: DatabaseSync, name: string, build: () => Compilable): StatementSync {
  let statements = cache.get(raw);
  if (!statements) cache.set(raw, statements = new Map());
  let statement = statements.get(name);
  if (!statement) {
    statement = raw.prepare(build().compile().sql);
    statements.set(name, statement);
  }
  return statement;
}

/** Parameters as SQLite accepts them. */
export type Params = SQLInputValue[];
