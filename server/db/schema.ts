/**
 * Table types for Kysely. One interface per table; the migrations in `migrations/` create them.
 * Times are ISO 8601 UTC text, so they sort and compare as text in every SQL backend.
 *
 * @module
 */

import type { ColumnType, Generated } from "kysely";
import type { AuthTables } from "../auth/schema.ts";
import type { RegistryTables } from "../registry/schema.ts";
import type { SourceTables } from "../sources/schema.ts";
import type { TaskTables } from "../tasks/schema.ts";

/** A column with a database default: optional on insert. */
export type Defaulted<T> = ColumnType<T, T | undefined, T>;

/** One agent identity (DEVICEID) and what the server knows of it. */
export interface DevicesTable {
  id: Generated<number>;
  deviceid: string;
  name: Defaulted<string>;
  os_name: Defaulted<string>;
  serial: Defaulted<string>;
  uuid: Defaulted<string>;
  first_seen: string;
  /** Last contact of any kind (PROLOG or INVENTORY), OCS LASTCOME. */
  last_come: string;
  /** Last stored inventory, OCS LASTDATE; null until the first one. */
  last_date: Defaulted<string | null>;
  user_agent: Defaulted<string>;
  ip_src: Defaulted<string>;
  tag: Defaulted<string | null>;
  /** Account info (TAG and admin fields) as a JSON object of KEYNAME → KEYVALUE. */
  account_info: Defaulted<string>;
  /** OCS CHECKSUM register: change bits OR-accumulated, cleared only by consumers. */
  checksum: Defaulted<number>;
  /** Per-device overrides of the global settings; null follows the global value. */
  prolog_freq: Defaulted<number | null>;
  frequency: Defaulted<number | null>;
  inventory_on_startup: Defaulted<number | null>;
  /** Contacts counted (OCS FIDELITY). */
  contacts: Defaulted<number>;
  inventories: Defaulted<number>;
}

/** The latest content of one section of one device. */
export interface DeviceSectionsTable {
  device_id: number;
  section: string;
  /** Hash of `data`: a re-inventory rewrites only sections whose hash changed. */
  hash: string;
  /** Hash of the section's raw XML as last received; null when unknown. */
  raw_hash: Defaulted<string | null>;
  /** The section as JSON: an object for single sections, an array for multi ones. */
  data: string;
  entries: number;
  updated_at: string;
}

/** The last raw payload of a device's inventory, as received (for download). */
export interface DevicePayloadsTable {
  device_id: number;
  received_at: string;
  encoding: string;
  body: Uint8Array;
}

/** Deletions and merges, for the asset registry to consume (OCS `deleted_equiv`, always on). */
export interface DeviceEventsTable {
  id: Generated<number>;
  at: string;
  kind: "deleted" | "merged";
  device_id: number;
  deviceid: string;
  /** For a merge: the device that absorbed this one. */
  into_device_id: number | null;
  into_deviceid: string | null;
  consumed_at: string | null;
}

/** Package deployment results reported by agents (QUERY=DOWNLOAD). */
export interface DownloadResultsTable {
  device_id: number;
  package_id: string;
  result: string;
  at: string;
}

/**
 * The whole database, for Kysely. Each area declares its own tables next to its code and its
 * migration; this interface only joins them.
 */
export interface Database extends RegistryTables, TaskTables, AuthTables, SourceTables {
  devices: DevicesTable;
  device_sections: DeviceSectionsTable;
  device_payloads: DevicePayloadsTable;
  device_events: DeviceEventsTable;
  download_results: DownloadResultsTable;
}
