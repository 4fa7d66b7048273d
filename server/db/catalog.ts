/**
 * What each engine's catalogue says about the tables: their columns (stored ones, in order),
 * primary key and foreign keys. For copying a database between engines (`copy.ts`), where Kysely's
 * introspection lacks keys and shows generated columns and FTS5's shadow tables.
 *
 * @module
 */

import { type Kysely, sql } from "kysely";
import { engineOf } from "./engine.ts";

// deno-lint-ignore no-explicit-any
type AnyDb = Kysely<any>;

/** One table as the copy needs it. */
export interface TableInfo {
  name: string;
  /** Stored columns (generated ones left out); `rowid` first for the search index. */
  columns: string[];
  primaryKey: string[];
  /** Foreign keys: this table's column → the table it references. */
  references: { column: string; table: string }[];
}

/** The search index: a virtual table on SQLite, keyed by its (hidden) rowid on both engines. */
const SEARCH_TABLE = "device_search";

/** Every table of the schema (not the migrator's own), by name. */
export async function readCatalog(db: AnyDb): Promise<Map<string, TableInfo>> {
  return engineOf(db) === "postgres" ? await postgresCatalog(db) : await sqliteCatalog(db);
}

async function sqliteCatalog(db: AnyDb): Promise<Map<string, TableInfo>> {
  const { rows: tables } = await sql<{ name: string }>`
    select name from sqlite_master
    where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'
      and name not like ${SEARCH_TABLE + "_%"}
    order by name`.execute(db);
  const out = new Map<string, TableInfo>();
  for (const { name } of tables) {
    const { rows: columns } = await sql<{ name: string; pk: number }>`
      select name, pk from pragma_table_info(${name}) order by cid`.execute(db);
    const { rows: keys } = await sql<{ from: string; table: string }>`
      select "from", "table" from pragma_foreign_key_list(${name})`.execute(db);
    const search = name === SEARCH_TABLE;
    out.set(name, {
      name,
      columns: [...(search ? ["rowid"] : []), ...columns.map((c) => c.name)],
      primaryKey: search
        ? ["rowid"]
        : columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name),
      references: keys.map((k) => ({ column: k.from, table: k.table })),
    });
  }
  return out;
}

async function postgresCatalog(db: AnyDb): Promise<Map<string, TableInfo>> {
  const { rows: columns } = await sql<{ table: string; column: string }>`
    select c.table_name as "table", c.column_name as "column"
    from information_schema.columns c
    join information_schema.tables t using (table_schema, table_name)
    where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
      and c.is_generated = 'NEVER' and c.table_name not like 'kysely_%'
    order by c.table_name, c.ordinal_position`.execute(db);
  const { rows: keys } = await sql<{ table: string; column: string; position: number }>`
    select k.table_name as "table", k.column_name as "column", k.ordinal_position as position
    from information_schema.table_constraints c
    join information_schema.key_column_usage k using (constraint_schema, constraint_name)
    where c.table_schema = current_schema() and c.constraint_type = 'PRIMARY KEY'
    order by k.table_name, k.ordinal_position`.execute(db);
  const { rows: references } = await sql<{ table: string; column: string; target: string }>`
    select c.conrelid::regclass::text as "table", a.attname as "column",
      c.confrelid::regclass::text as target
    from pg_constraint c
    join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any (c.conkey)
    where c.contype = 'f' and c.connamespace = current_schema()::regnamespace`.execute(db);
  const out = new Map<string, TableInfo>();
  for (const { table, column } of columns) {
    let info = out.get(table);
    if (!info) out.set(table, info = { name: table, columns: [], primaryKey: [], references: [] });
    info.columns.push(column);
  }
  for (const k of keys) out.get(k.table)?.primaryKey.push(k.column);
  for (const r of references) {
    out.get(unquote(r.table))?.references.push({ column: r.column, table: unquote(r.target) });
  }
  return out;
}

/** `regclass::text` quotes names that need it ("user" would be); table names here never do. */
function unquote(name: string): string {
  return name.replace(/^"(.*)"$/, "$1");
}

/**
 * Tables in an order where every table comes after those it references (self-references
 * aside: the copy fills those columns in a second pass).
 *
 * @throws {Error} on a reference cycle between tables
 */
export function parentsFirst(tables: Map<string, TableInfo>): TableInfo[] {
  const out: TableInfo[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (info: TableInfo) => {
    if (state.get(info.name) === "done") return;
    if (state.get(info.name) === "visiting") {
      throw new Error(`Foreign keys form a cycle through table ${info.name}`);
    }
    state.set(info.name, "visiting");
    for (const ref of info.references) {
      const parent = tables.get(ref.table);
      if (parent && parent.name !== info.name) visit(parent);
    }
    state.set(info.name, "done");
    out.push(info);
  };
  for (const info of [...tables.values()].sort((a, b) => a.name.localeCompare(b.name))) {
    visit(info);
  }
  return out;
}
