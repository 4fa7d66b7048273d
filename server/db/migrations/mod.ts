/**
 * Every migration, imported statically so `deno bundle` and `deno compile` carry them (a
 * directory-scanning provider would read the source tree at run time). Names sort in order.
 *
 * @module
 */

import type { Migration, MigrationProvider } from "kysely/migration";
import * as devices from "./20261121_0001_devices.ts";
import * as sectionRawHash from "./20261121_0002_section_raw_hash.ts";

const MIGRATIONS: Record<string, Migration> = {
  "20261121_0001_devices": devices,
  "20261121_0002_section_raw_hash": sectionRawHash,
};

/** The static migration provider. */
export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(MIGRATIONS),
};
