/**
 * Every migration, imported statically so `deno bundle` and `deno compile` carry them (a
 * directory-scanning provider would read the source tree at run time). Names sort in order.
 *
 * @module
 */

import type { Migration, MigrationProvider } from "kysely/migration";
import * as devices from "./20261121_0001_devices.ts";
import * as sectionRawHash from "./20261121_0002_section_raw_hash.ts";
import * as registry from "./20261121_0003_registry.ts";
import * as tasks from "./20261121_0004_tasks.ts";
import * as auth from "./20261121_0005_auth.ts";
import * as consoleIndexes from "./20261121_0006_console_indexes.ts";
import * as importTraces from "./20261121_0007_import_traces.ts";
import * as sources from "./20261207_0008_sources.ts";
import * as partSuppliers from "./20261207_0009_part_suppliers.ts";
import * as userPreferences from "./20261207_0010_user_preferences.ts";
import * as historyKind from "./20261208_0011_history_kind.ts";

const MIGRATIONS: Record<string, Migration> = {
  "20261121_0001_devices": devices,
  "20261121_0002_section_raw_hash": sectionRawHash,
  "20261121_0003_registry": registry,
  "20261121_0004_tasks": tasks,
  "20261121_0005_auth": auth,
  "20261121_0006_console_indexes": consoleIndexes,
  "20261121_0007_import_traces": importTraces,
  "20261207_0008_sources": sources,
  "20261207_0009_part_suppliers": partSuppliers,
  "20261207_0010_user_preferences": userPreferences,
  "20261208_0011_history_kind": historyKind,
};

/** The static migration provider. */
export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(MIGRATIONS),
};
