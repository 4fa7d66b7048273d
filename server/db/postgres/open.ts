/**
 * Kysely over PostgreSQL through `pg` (node-postgres) and Kysely's own PostgresDialect: the
 * driver chosen by measurement (BENCHMARKS.md, "PostgreSQL drivers").
 *
 * Values come back as the SQLite adapter returns them, so the code above sees one engine:
 * `bigint` (every integer column, `count(*)`) and `numeric` (`sum`, `avg`) as JS numbers rather
 * than strings; `bytea` as a Uint8Array (a Buffer).
 *
 * @module
 */

import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { SqliteSchemaOnPostgres } from "./schema_plugin.ts";

/** Options for {@link openPostgres}. */
export interface PostgresOptions {
  /** Connections in the pool. @default 10 */
  maxConnections?: number;
  /** Shown in `pg_stat_activity`. @default "inventory" */
  applicationName?: string;
}

/** An open pool: the Kysely instance, the pool (for LISTEN and advisory locks) and close. */
export interface OpenPostgres<Schema> {
  db: Kysely<Schema>;
  pool: pg.Pool;
  close(): Promise<void>;
}

const INT8 = 20;
const NUMERIC = 1700;

/** The `pg` type parsers of this module: the defaults but for bigint and numeric. */
export const pgTypes: pg.CustomTypesConfig = {
  // deno-lint-ignore no-explicit-any
  getTypeParser: ((oid: number, format?: any) => {
    if (oid === INT8 || oid === NUMERIC) return (text: string) => Number(text);
    return pg.types.getTypeParser(oid, format);
  }) as pg.CustomTypesConfig["getTypeParser"],
};

/**
 * Checks a `--database` value: a `postgres://` (or `postgresql://`) URL with a host and a
 * database name.
 *
 * @throws {Error} with a message naming what is wrong (the password never appears in it)
 */
export function parsePostgresUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error("Database URL is not a URL: expected postgres://USER:PASSWORD@HOST/DATABASE");
  }
  if (url.protocol !== "postgres:" && url.protocol !== "postgresql:") {
    throw new Error(
      `Database URL scheme "${url.protocol}" is not supported: expected postgres://`,
    );
  }
  if (url.hostname === "" && !url.searchParams.has("host")) {
    throw new Error(`Database URL ${redactUrl(url)} has no host`);
  }
  if (url.pathname.length <= 1) {
    throw new Error(`Database URL ${redactUrl(url)} names no database`);
  }
  return url;
}

/** The URL as it may be logged: the password replaced. */
export function redactUrl(url: URL): string {
  if (!url.password) return url.href;
  const copy = new URL(url.href);
  copy.password = "***";
  return copy.href;
}

/**
 * Opens a pool on a `postgres://` URL and checks that the server answers.
 *
 * @throws {Error} for a bad URL, or when no connection can be made (the message says where)
 */
export async function openPostgres<Schema>(
  urlText: string,
  options: PostgresOptions = {},
): Promise<OpenPostgres<Schema>> {
  const url = parsePostgresUrl(urlText);
  const pool = new pg.Pool({
    connectionString: url.href,
    max: options.maxConnections ?? 10,
    application_name: options.applicationName ?? "inventory",
    types: pgTypes,
  });
  // An idle connection the server closed (restart, failover) must not crash the process: the
  // pool drops it and the next query opens another.
  pool.on("error", () => {});
  const db = new Kysely<Schema>({
    dialect: new PostgresDialect({ pool }),
    plugins: [new SqliteSchemaOnPostgres()],
  });
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await db.destroy();
    throw new Error(`Cannot connect to ${redactUrl(url)}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return { db, pool, close: () => db.destroy() };
}
