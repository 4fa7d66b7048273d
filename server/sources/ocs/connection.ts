/**
 * The one place that talks to an OCS database (MariaDB/MySQL, through the `mariadb` connector):
 * connect read-only, run short reads, and turn the driver's failures into one-line errors that
 * name the fix. Every statement is its own autocommit read (READ COMMITTED, consistent reads take
 * no row locks) with a server-side time limit, so OCS's own writers are never held up for long.
 *
 * @module
 */

import type * as mariadb from "mariadb";

/** Where an OCS database is, as `mysql://user[:password]@host[:port]/database`. */
export interface OcsTarget {
  host: string;
  port: number;
  user: string;
  database: string;
  /** Only in memory: never stored in the URL. */
  password: string;
}

/** A source problem an admin must fix; the message is one line and says how. */
export class SourceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SourceError";
  }
}

/** Parses a source URL; the password, when the URL has one, is returned apart. */
export function parseOcsUrl(
  url: string,
): { target: Omit<OcsTarget, "password">; password?: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new SourceError(`"${url}" is not a URL: use mysql://USER:PASSWORD@HOST:PORT/ocsweb`);
  }
  if (parsed.protocol !== "mysql:" && parsed.protocol !== "mariadb:") {
    throw new SourceError(
      `unsupported scheme "${parsed.protocol}": use mysql://USER:PASSWORD@HOST:PORT/ocsweb`,
    );
  }
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ""));
  if (!parsed.hostname || !parsed.username || !database || database.includes("/")) {
    throw new SourceError(
      `"${
        redactUrl(url)
      }" needs a user, a host and a database: mysql://USER:PASSWORD@HOST:PORT/ocsweb`,
    );
  }
  const port = parsed.port ? Number(parsed.port) : 3306;
  return {
    target: {
      host: parsed.hostname.replace(/^\[|\]$/g, ""),
      port,
      user: decodeURIComponent(parsed.username),
      database,
    },
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
  };
}

/** The URL without its password, as stored and shown. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = "";
    return parsed.toString();
  } catch {
    return url.replace(/:[^:@/]*@/, "@");
  }
}

/** The stored form of a target: no password. */
export function targetUrl(target: Omit<OcsTarget, "password">): string {
  const host = target.host.includes(":") ? `[${target.host}]` : target.host;
  return `mysql://${encodeURIComponent(target.user)}@${host}:${target.port}/${
    encodeURIComponent(target.database)
  }`;
}

/** A row as read: column name → value (strings, numbers, null). */
export type OcsRow = Record<string, unknown>;

/** An open, read-only connection. */
export interface OcsConnection {
  query(sql: string, params?: unknown[]): Promise<OcsRow[]>;
  /** The same, rows as arrays with the column names apart: no object per row (large reads). */
  queryArrays(sql: string, params?: unknown[]): Promise<{ columns: string[]; rows: unknown[][] }>;
  close(): Promise<void>;
}

/** Seconds one statement may run before MariaDB stops it. */
const STATEMENT_SECONDS = 60;
const CONNECT_TIMEOUT_MS = 10_000;

/** Connects; throws a SourceError naming the fix when that fails. */
export async function connectOcs(target: OcsTarget): Promise<OcsConnection> {
  const where = `${target.host}:${target.port}`;
  let conn: mariadb.Connection;
  try {
    // Loaded on first use: the driver costs ~30 MB of memory a server without sources never needs.
    const { createConnection } = await import("mariadb");
    conn = await createConnection({
      host: target.host,
      port: target.port,
      user: target.user,
      password: target.password,
      database: target.database,
      connectTimeout: CONNECT_TIMEOUT_MS,
      dateStrings: true,
      bigIntAsNumber: true,
      decimalAsNumber: false,
      // OCS's tables are latin1 or utf8 depending on their age; the connector converts.
      charset: "utf8mb4",
    });
  } catch (error) {
    throw connectError(error, target, where);
  }
  try {
    // Read-only by contract: MariaDB refuses any write on this session.
    await conn.query("SET SESSION TRANSACTION READ ONLY");
    await conn.query("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED");
    await conn.query(`SET SESSION max_statement_time = ${STATEMENT_SECONDS}`).catch(() => {
      // MySQL has no max_statement_time (it has max_execution_time for SELECTs).
      return conn.query(`SET SESSION max_execution_time = ${STATEMENT_SECONDS * 1000}`)
        .catch(() => {});
    });
  } catch (error) {
    await conn.end().catch(() => {});
    throw new SourceError(`${where}: cannot prepare the session: ${oneLine(error)}`);
  }
  return {
    async query(sql, params) {
      try {
        const rows = await conn.query({ sql, rowsAsArray: false }, params);
        return Array.isArray(rows) ? rows as OcsRow[] : [];
      } catch (error) {
        throw new SourceError(`${where}/${target.database}: ${oneLine(error)}`);
      }
    },
    async queryArrays(sql, params) {
      try {
        const rows = await conn.query({ sql, rowsAsArray: true }, params) as unknown[][] & {
          meta?: { name(): string }[];
        };
        return { columns: (rows.meta ?? []).map((m) => m.name()), rows };
      } catch (error) {
        throw new SourceError(`${where}/${target.database}: ${oneLine(error)}`);
      }
    },
    async close() {
      await conn.end().catch(() => conn.destroy());
    },
  };
}

function connectError(error: unknown, target: OcsTarget, where: string): SourceError {
  const e = error as { code?: string; errno?: number; message?: string };
  const fixUrl =
    `fix it with: inventory sources set NAME --url mysql://USER:PASSWORD@${where}/${target.database}`;
  switch (e.code) {
    case "ER_ACCESS_DENIED_ERROR":
    case "ER_ACCESS_DENIED_NO_PASSWORD_ERROR":
      return new SourceError(
        `${where}: access denied for user "${target.user}" (wrong user or password); ${fixUrl}`,
      );
    case "ER_DBACCESS_DENIED_ERROR":
      return new SourceError(
        `${where}: user "${target.user}" may not read database "${target.database}"; grant it SELECT on ${target.database}.*`,
      );
    case "ER_BAD_DB_ERROR":
      return new SourceError(
        `${where}: no database "${target.database}" (OCS's is usually "ocsweb"); ${fixUrl}`,
      );
    case "ER_HOST_NOT_PRIVILEGED":
      return new SourceError(
        `${where}: this host may not connect as "${target.user}"; create the user for this host in MariaDB`,
      );
  }
  const network = [
    "ECONNREFUSED",
    "ENOTFOUND",
    "EAI_AGAIN",
    "ETIMEDOUT",
    "EHOSTUNREACH",
    "ENETUNREACH",
    "ER_CONNECTION_TIMEOUT",
    "ER_GET_CONNECTION_TIMEOUT",
    "ER_SOCKET_UNEXPECTED_CLOSE",
  ];
  if (e.code && network.includes(e.code) || /ECONNREFUSED|connect|timeout/i.test(e.message ?? "")) {
    return new SourceError(
      `cannot reach ${where} (${
        e.code ?? "no answer"
      }): check the host and port, and that MariaDB listens there (bind-address, firewall)`,
    );
  }
  return new SourceError(`${where}: ${oneLine(error)}`);
}

function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  // The connector appends "sql: …" and connection details on further lines.
  return text.split("\n")[0]!.replace(/^\([^)]*\)\s*/, "").trim();
}
