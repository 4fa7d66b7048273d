/**
 * Queries compiled once and run many times. Kysely builds and compiles a query on every call
 * (~20–30 µs of JS each, measured on the ingestion path, where an inventory runs ~20 queries);
 * a hot query is instead built once with named slots, its SQL — still Kysely's, so still
 * portable — prepared once on the raw `node:sqlite` connection, and each call only binds values.
 *
 * @module
 */

import type { DatabaseSync, SQLInputValue } from "node:sqlite";
import type { Compilable } from "kysely";
import { type KyselyInstance, rawConnectionOf, toSqliteValue } from "./sqlite.ts";

/** Stands for a value given at each call: `slot<string>("deviceid")` where the query takes one. */
export type Slot = <T>(name: string) => T;

/** A compiled query bound to one connection. Values are given by slot name. */
export interface CompiledStatement<Row> {
  /** The SQL Kysely generated. */
  readonly sql: string;
  run(values?: Record<string, unknown>): { changes: number | bigint };
  get(values?: Record<string, unknown>): Row | undefined;
  all(values?: Record<string, unknown>): Row[];
}

class SlotMarker {
  constructor(readonly name: string) {}
}

/**
 * Compiles the query `build` returns (slots where values go) and prepares it on `raw`.
 *
 * @throws {Error} when a slot does not end up as a parameter (Kysely inlined or dropped it)
 * @example
 * ```ts
 * const byDeviceId = compileStatement<{ id: number }>(raw, (slot) =>
 *   db.selectFrom("devices").select("id").where("deviceid", "=", slot("deviceid")));
 * byDeviceId.get({ deviceid: "pc-2026-01-01-00-00-00" });
 * ```
 */
export function compileStatement<Row>(
  raw: DatabaseSync,
  build: (slot: Slot) => Compilable<unknown>,
): CompiledStatement<Row> {
  const named = new Set<string>();
  const query = build(<T>(name: string) => {
    named.add(name);
    return new SlotMarker(name) as T;
  }).compile();
  // Each parameter is either a slot (filled per call) or a constant Kysely bound (e.g. the 1 of
  // `contacts + 1`), kept as compiled.
  const slots = query.parameters.map((p) => (p instanceof SlotMarker ? p.name : null));
  const constants = query.parameters.map((
    p,
  ) => (p instanceof SlotMarker ? null : toSqliteValue(p)));
  for (const name of named) {
    if (!slots.includes(name)) {
      throw new Error(`Slot "${name}" is not a parameter of: ${query.sql}`);
    }
  }
  const statement = raw.prepare(query.sql);
  const bind = (values: Record<string, unknown> = {}): SQLInputValue[] => {
    const out = new Array<SQLInputValue>(slots.length);
    for (let i = 0; i < slots.length; i++) {
      const name = slots[i];
      out[i] = name === null ? constants[i]! : toSqliteValue(values[name!]);
    }
    return out;
  };
  return {
    sql: query.sql,
    run: (values) => statement.run(...bind(values)),
    get: (values) => statement.get(...bind(values)) as Row | undefined,
    all: (values) => statement.all(...bind(values)) as Row[],
  };
}

/**
 * A set of statements compiled once per connection, on first use: `statementsOf(db)` gives the
 * set for the connection behind `db` (any Kysely instance from `openSqlite`, a transaction's
 * included).
 */
export function perConnection<Db extends KyselyInstance, T>(
  compile: (db: Db, raw: DatabaseSync) => T,
): (db: Db) => T {
  const cache = new WeakMap<DatabaseSync, T>();
  return (db) => {
    const raw = rawConnectionOf(db);
    let compiled = cache.get(raw);
    if (compiled === undefined) {
      compiled = compile(db, raw);
      cache.set(raw, compiled);
    }
    return compiled;
  };
}
