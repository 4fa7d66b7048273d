/**
 * The raw-XML hashes stored for a device's sections, read synchronously on a `node:sqlite`
 * connection: the decoder (inline or in a worker) uses them to skip unchanged sections.
 *
 * @module
 */

import type { DatabaseSync } from "node:sqlite";
import type { StoredRawHashes } from "../ingest/prepare.ts";

/**
 * A lookup of stored raw hashes by DEVICEID on `db`. Never throws: a failed read only means no
 * section is skipped (the whole document is parsed).
 */
export function rawHashLookup(db: DatabaseSync): StoredRawHashes {
  let statement: ReturnType<DatabaseSync["prepare"]> | null = null;
  try {
    statement = db.prepare(
      `select s.section as section, s.raw_hash as raw_hash from devices d
       join device_sections s on s.device_id = d.id
       where d.deviceid = ? and s.raw_hash is not null`,
    );
  } catch {
    statement = null;
  }
  return (deviceId) => {
    if (!statement) return undefined;
    try {
      const rows = statement.all(deviceId) as { section: string; raw_hash: string }[];
      return rows.length === 0 ? undefined : new Map(rows.map((r) => [r.section, r.raw_hash]));
    } catch {
      return undefined;
    }
  };
}
