/**
 * Kysely over Deno's built-in `node:sqlite`. Kysely's SQLite dialect wants a better-sqlite3-like
 * object; `node:sqlite` differs in three ways this adapter bridges: statements have no `reader`
 * flag (we read it from the statement's result columns), parameters are spread rather than
 * passed as an array, and values must be SQLite types (booleans become 0/1).
 *
 * Prepared statements are cached by SQL text: the ingestion path runs the same few statements
 * thousands of times a second.
 *
 * @module
 */

import { DatabaseSync, type SQLInputValue, type StatementSync } from "node:sqlite";
import { Kysely, type SqliteDatabase, SqliteDialect, type SqliteStatement } from "kysely";

/** How much a commit waits for the disk. */
export type Durability = "full" | "normal";

/** Options for opening the database file. */
export interface OpenOptions {
  /**
   * `full` syncs the WAL on every commit (survives power loss); `normal` survives a killed
   * process but may lose the last commits on power loss. Group commit keeps `full` fast.
   * @default "full"
   */
  durability?: Durability;
  /** How long a writer waits for another process's lock before failing. @default 10000 */
  busyTimeoutMs?: number;
  /**
   * Checkpoint the WAL at COMMIT (SQLite's default). False when a checkpointer worker does it
   * for every connection of the process (checkpointer.ts). @default true
   */
  checkpointAtCommit?: boolean;
  /** The page cache, in MiB. @default 16 */
  cacheMib?: number;
}

/** An open database: the raw handle (for pragmas and backups) and the Kysely instance. */
export interface OpenDatabase<Schema> {
  raw: DatabaseSync;
  db: Kysely<Schema>;
  close(): Promise<void>;
}

const STATEMENT_CACHE_SIZE = 256;

/** Any Kysely instance, whatever its schema. */
export type KyselyInstance = Pick<Kysely<unknown>, "getExecutor">;

/** The raw connection behind each Kysely instance opened here, by its (shared) dialect adapter. */
const rawConnections = new WeakMap<object, DatabaseSync>();

/**
 * The `node:sqlite` connection a Kysely instance from {@link openSqlite} runs on, including
 * the instances Kysely derives for a connection or a transaction (they share the adapter).
 * Statements run on it join whatever transaction that connection is in.
 *
 * @throws {Error} for a Kysely instance this module did not open
 */
export function rawConnectionOf(db: KyselyInstance): DatabaseSync {
  const raw = rawConnections.get(db.getExecutor().adapter);
  if (!raw) throw new Error("Not a database opened by openSqlite()");
  return raw;
}

/** Opens (creating if needed) a SQLite file with WAL, foreign keys and a busy timeout. */
export function openSqlite<Schema>(path: string, options: OpenOptions = {}): OpenDatabase<Schema> {
  const raw = new DatabaseSync(path);
  const busy = options.busyTimeoutMs ?? 10_000;
  raw.exec(`PRAGMA busy_timeout = ${busy}`);
  if (path !== ":memory:") raw.exec("PRAGMA journal_mode = WAL");
  raw.exec(`PRAGMA synchronous = ${options.durability === "normal" ? "NORMAL" : "FULL"}`);
  raw.exec("PRAGMA foreign_keys = ON");
  raw.exec("PRAGMA temp_store = MEMORY");
  // 16 MiB page cache: measured no slower for ingestion than 64 MiB, and RSS is a target.
  raw.exec(`PRAGMA cache_size = -${Math.round((options.cacheMib ?? 16) * 1024)}`);
  if (options.checkpointAtCommit === false) raw.exec("PRAGMA wal_autocheckpoint = 0");
  const adapter = new NodeSqliteAdapter(raw);
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: adapter }) });
  rawConnections.set(db.getExecutor().adapter, raw);
  return {
    raw,
    db,
    close: async () => {
      await db.destroy();
    },
  };
}

/**
 * Changes how much this connection's commits wait for the disk (outside a transaction). In WAL
 * mode `normal` survives a killed process and may lose only the last commits on power loss.
 */
export function setDurability(raw: DatabaseSync, durability: Durability): void {
  raw.exec(`PRAGMA synchronous = ${durability === "normal" ? "NORMAL" : "FULL"}`);
}

class NodeSqliteAdapter implements SqliteDatabase {
  readonly #raw: DatabaseSync;
  readonly #cache = new Map<string, NodeSqliteStatement>();

  constructor(raw: DatabaseSync) {
    this.#raw = raw;
  }

  prepare(sql: string): SqliteStatement {
    let statement = this.#cache.get(sql);
    if (statement) {
      // Map keeps insertion order: re-inserting marks it most recently used.
      this.#cache.delete(sql);
    } else {
      statement = new NodeSqliteStatement(this.#raw.prepare(sql));
      if (this.#cache.size >= STATEMENT_CACHE_SIZE) {
        this.#cache.delete(this.#cache.keys().next().value!);
      }
    }
    this.#cache.set(sql, statement);
    return statement;
  }

  close(): void {
    this.#cache.clear();
    if (this.#raw.isOpen) this.#raw.close();
  }
}

class NodeSqliteStatement implements SqliteStatement {
  readonly reader: boolean;
  readonly #statement: StatementSync;

  constructor(statement: StatementSync) {
    this.#statement = statement;
    this.reader = statement.columns().length > 0;
  }

  all(parameters: ReadonlyArray<unknown>): unknown[] {
    return this.#statement.all(...toSqlite(parameters));
  }

  run(
    parameters: ReadonlyArray<unknown>,
  ): { changes: number | bigint; lastInsertRowid: number | bigint } {
    return this.#statement.run(...toSqlite(parameters));
  }

  iterate(parameters: ReadonlyArray<unknown>): IterableIterator<unknown> {
    return this.#statement.iterate(...toSqlite(parameters));
  }
}

function toSqlite(parameters: ReadonlyArray<unknown>): SQLInputValue[] {
  const out = new Array<SQLInputValue>(parameters.length);
  for (let i = 0; i < parameters.length; i++) out[i] = toSqliteValue(parameters[i]);
  return out;
}

/** A JS value as SQLite takes it: undefined → NULL, booleans → 0/1, dates → ISO text. */
export function toSqliteValue(value: unknown): SQLInputValue {
  return value === undefined
    ? null
    : typeof value === "boolean"
    ? (value ? 1 : 0)
    : value instanceof Date
    ? value.toISOString()
    : value as SQLInputValue;
}
