/**
 * Table types of the sources area (existing OCS servers read as sources), joined into
 * `Database` by `server/db/schema.ts`. Times are ISO 8601 UTC text like everywhere else.
 *
 * @module
 */

import type { Generated } from "kysely";
import type { Defaulted } from "../db/schema.ts";

/** One declared source: an OCS database the server reads. */
export interface SourcesTable {
  id: Generated<number>;
  name: string;
  /** Only `ocs` so far. */
  kind: string;
  /** `mysql://user@host:port/database`, the password never in it. */
  url: string;
  /** The password encrypted with the data directory's key (`secret_box.ts`), or null. */
  password_enc: string | null;
  /** Or the name of an environment variable holding it. */
  password_env: string | null;
  enabled: Defaulted<number>;
  /** JSON of `SourceOptions`. */
  options: string;
  /** JSON of the sync cursor (`SourceCursor`): where an interrupted run resumes. */
  cursor: Defaulted<string>;
  created_at: string;
  updated_at: string;
  last_sync_at: Defaulted<string | null>;
  /** `ok`, `error`, or null before the first run. */
  last_status: Defaulted<string | null>;
  last_message: Defaulted<string | null>;
  /** OCS `config.GUI_VERSION` seen at the last check. */
  ocs_version: Defaulted<string | null>;
  /** Running totals since the source was added. */
  imported: Defaulted<number>;
  updated: Defaulted<number>;
  trashed: Defaulted<number>;
  merged: Defaulted<number>;
  refused: Defaulted<number>;
  errors: Defaulted<number>;
}

/** Which OCS machine feeds which device. */
export interface SourceDevicesTable {
  source_id: number;
  /** OCS `hardware.ID`. */
  ocs_id: number;
  ocs_deviceid: string;
  device_id: number;
  /** OCS `hardware.LASTDATE` (as OCS writes it) at the last import. */
  ocs_lastdate: string;
  ocs_checksum: number;
  synced_at: string;
}

/** The last errors of a source, with the OCS id they concern (0: the source as a whole). */
export interface SourceErrorsTable {
  id: Generated<number>;
  source_id: number;
  ocs_id: number;
  at: string;
  message: string;
}

/** The tables of this area. */
export interface SourceTables {
  sources: SourcesTable;
  source_devices: SourceDevicesTable;
  source_errors: SourceErrorsTable;
}
