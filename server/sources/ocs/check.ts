/**
 * Is this database an OCS one we can follow? The ocsinventoryng plugin's checks: the schema
 * version (`config.GUI_VERSION`) and `TRACE_DELETED`, without which deletions and merges in OCS
 * leave no trace to follow.
 *
 * @module
 */

import { type OcsConnection, SourceError } from "./connection.ts";

/** The oldest schema read: OCS 2.0's (GUI_VERSION 7000, the software tables of 2.x). */
export const MIN_OCS_SCHEMA = 7000;

/** What a successful check found. */
export interface OcsCheck {
  /** `config.GUI_VERSION`. */
  version: string;
  computers: number;
  /** `deleted_equiv` rows not consumed by anyone (OCS keeps them until a reader deletes them). */
  deletedRows: number;
}

const REQUIRED_TABLES = ["hardware", "accountinfo", "config", "deleted_equiv"];

/** Checks schema and TRACE_DELETED; throws a SourceError naming the fix. */
export async function checkOcs(conn: OcsConnection, database: string): Promise<OcsCheck> {
  const present = new Set(
    (await conn.query(
      "SELECT TABLE_NAME AS t FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()",
    )).map((r) => String(r.t).toLowerCase()),
  );
  const missing = REQUIRED_TABLES.filter((t) => !present.has(t));
  if (missing.length > 0) {
    throw new SourceError(
      `database "${database}" is not an OCS Inventory database (no table ${
        missing.join(", ")
      }): point --url at OCS's database (usually ocsweb)`,
    );
  }
  const config = new Map(
    (await conn.query(
      "SELECT NAME, IVALUE, TVALUE FROM config WHERE NAME IN ('GUI_VERSION', 'TRACE_DELETED')",
    )).map((r) => [String(r.NAME), r]),
  );
  const version = String(config.get("GUI_VERSION")?.TVALUE ?? "");
  if (!/^\d+$/.test(version)) {
    throw new SourceError(
      `database "${database}" has no OCS schema version (config.GUI_VERSION): it is not an OCS database, or its console never finished installing`,
    );
  }
  if (Number(version) < MIN_OCS_SCHEMA) {
    throw new SourceError(
      `OCS schema ${version} is older than ${MIN_OCS_SCHEMA} (OCS 2.0): upgrade the OCS server first`,
    );
  }
  if (Number(config.get("TRACE_DELETED")?.IVALUE ?? 0) !== 1) {
    throw new SourceError(
      `OCS has TRACE_DELETED off, so its deletions and merges would be missed: turn it on (OCS console: Configuration > General configuration > Server > TRACE_DELETED = ON)`,
    );
  }
  const [count] = await conn.query(
    "SELECT (SELECT COUNT(*) FROM hardware) AS computers, (SELECT COUNT(*) FROM deleted_equiv) AS deleted",
  );
  return {
    version,
    computers: Number(count?.computers ?? 0),
    deletedRows: Number(count?.deleted ?? 0),
  };
}
