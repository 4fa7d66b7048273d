/**
 * Synchronising one keyed part of a computer (components, network ports, volumes, VMs): rows
 * are matched by key; new keys are added, vanished ones removed, changed ones updated, each
 * recorded in history. A component an admin removed stays hidden (is_deleted) so the inventory
 * does not add it back.
 *
 * @module
 */

import type { SQLInputValue } from "node:sqlite";
import type { Kysely } from "kysely";
import { perConnection } from "../db/compiled.ts";
import type { Database } from "../db/schema.ts";
import { toSqliteValue } from "../db/sqlite.ts";
import { type BulkInserter, bulkInserter } from "./bulk_insert.ts";
import type { KeyedFact } from "./facts.ts";
import type { HistoryBatch } from "./history.ts";

import type { KeyedTable } from "./parts.ts";

export type { KeyedTable };

/** How a row is named in history. */
function label(table: KeyedTable, values: KeyedFact["values"], key: string): string {
  switch (table) {
    case "components":
      return `${values.kind}: ${values.designation || key.slice(key.indexOf(":") + 1)}`;
    case "network_ports":
      return `port ${values.name} ${values.mac}`.trim();
    case "volumes":
      return `volume ${values.mount}`;
    case "virtual_machines":
      return `VM ${values.name}`;
  }
}

/**
 * Values that change between two inventories of an unchanged machine (free space, a VM's
 * power state): stored, but not a change worth a history entry.
 */
const VOLATILE: Partial<Record<KeyedTable, readonly string[]>> = {
  volumes: ["free_mb"],
  virtual_machines: ["status"],
};

/** Whether the stored `sig` and `values` differ only in volatile values. */
function onlyVolatile(table: KeyedTable, sig: string, values: KeyedFact["values"]): boolean {
  const volatile = VOLATILE[table];
  if (!volatile) return false;
  const old = JSON.parse(sig) as KeyedFact["values"];
  const keys = new Set([...Object.keys(old), ...Object.keys(values)]);
  return [...keys].every((k) => volatile.includes(k) || old[k] === values[k]);
}

/** Inserters by table and column list, per connection. */
const inserters = perConnection((db: Kysely<Database>, raw) => {
  const byColumns = new Map<string, BulkInserter>();
  return (table: KeyedTable, columns: string[]) => {
    const key = `${table}(${columns.join(",")})`;
    let inserter = byColumns.get(key);
    if (!inserter) byColumns.set(key, inserter = bulkInserter(db, raw, table, columns, 32));
    return inserter;
  };
});

/** Inserts rows that all have the columns of the first (the facts of one table do). */
function insertRows(db: Kysely<Database>, table: KeyedTable, rows: Record<string, unknown>[]) {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const values: SQLInputValue[] = [];
  for (const row of rows) {
    if (Object.keys(row).length !== columns.length) {
      throw new Error(`${table}: rows with different columns`);
    }
    for (const column of columns) values.push(toSqliteValue(row[column]));
  }
  inserters(db)(table, columns).insert(values);
}

/** Counts of what changed. */
export interface KeyedChanges {
  added: number;
  removed: number;
  updated: number;
}

/** Brings `table`'s rows of `computerId` to `facts`. */
export async function applyKeyed(
  db: Kysely<Database>,
  table: KeyedTable,
  computerId: number,
  facts: KeyedFact[],
  history: HistoryBatch,
  options: { quiet?: boolean; fresh?: boolean } = {},
): Promise<KeyedChanges> {
  // A computer created in this transaction has no rows yet: skip the reads.
  const existing = options.fresh ? [] : await db.selectFrom(table).select(["id", "key", "sig"])
    .where("computer_id", "=", computerId).execute() as { id: number; key: string; sig: string }[];
  const hidden = table === "components" && !options.fresh
    ? new Set(
      (await db.selectFrom("components").select("key").where("computer_id", "=", computerId)
        .where("is_deleted", "=", 1).execute()).map((r) => r.key),
    )
    : new Set<string>();
  const byKey = new Map(existing.map((r) => [r.key, r]));
  const changes: KeyedChanges = { added: 0, removed: 0, updated: 0 };
  const inserts: Record<string, unknown>[] = [];
  for (const fact of facts) {
    const row = byKey.get(fact.key);
    byKey.delete(fact.key);
    if (hidden.has(fact.key)) continue;
    if (!row) {
      inserts.push({ computer_id: computerId, key: fact.key, sig: fact.sig, ...fact.values });
      changes.added++;
      if (!options.quiet) {
        history.add({
          kind: "component_added",
          field: table,
          newValue: label(table, fact.values, fact.key),
        });
      }
    } else if (row.sig !== fact.sig) {
      // deno-lint-ignore no-explicit-any
      await db.updateTable(table).set({ sig: fact.sig, ...fact.values } as any)
        .where("id", "=", row.id).execute();
      changes.updated++;
      if (!options.quiet && !onlyVolatile(table, row.sig, fact.values)) {
        history.add({
          kind: "component_updated",
          field: table,
          newValue: label(table, fact.values, fact.key),
        });
      }
    }
  }
  insertRows(db, table, inserts);
  const gone = [...byKey.values()].filter((r) => !hidden.has(r.key));
  if (gone.length > 0) {
    await db.deleteFrom(table).where("id", "in", gone.map((r) => r.id)).execute();
    changes.removed = gone.length;
    if (!options.quiet) {
      for (const r of gone) {
        const values = JSON.parse(r.sig) as KeyedFact["values"];
        history.add({
          kind: "component_removed",
          field: table,
          oldValue: label(table, values, r.key),
        });
      }
    }
  }
  return changes;
}
