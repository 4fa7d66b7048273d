/**
 * Table types of the asset registry, joined into `Database` by `server/db/schema.ts`; created by
 * migration `20261121_0003_registry`. Times are ISO 8601 UTC text; flags are 0/1 integers.
 *
 * @module
 */

import type { ColumnType, Generated } from "kysely";

type Defaulted<T> = ColumnType<T, T | undefined, T>;

/** An entity: a node of the organisation tree that owns computers. The root has id 1. */
export interface EntitiesTable {
  id: Generated<number>;
  parent_id: number | null;
  name: string;
  /** "Root entity > Europe > Paris": unique, used in rules and exports. */
  completename: string;
  level: number;
  /** The inventory TAG that designates this entity (rules' "entity from TAG"). */
  tag: Defaulted<string | null>;
  comment: Defaulted<string>;
}

/** A location: a tree of places, each in an entity. */
export interface LocationsTable {
  id: Generated<number>;
  parent_id: number | null;
  entity_id: number;
  name: string;
  completename: string;
  level: number;
  comment: Defaulted<string>;
}

/** A status an admin gives computers ("In use", "Retired"…). */
export interface StatesTable {
  id: Generated<number>;
  name: string;
}

/** One real computer, as the organisation manages it. */
export interface ComputersTable {
  id: Generated<number>;
  name: Defaulted<string>;
  serial: Defaulted<string>;
  uuid: Defaulted<string>;
  inventory_number: Defaulted<string>;
  manufacturer: Defaulted<string>;
  model: Defaulted<string>;
  type: Defaulted<string>;
  os_name: Defaulted<string>;
  os_version: Defaulted<string>;
  os_arch: Defaulted<string>;
  os_serial: Defaulted<string>;
  domain: Defaulted<string>;
  user: Defaulted<string>;
  contact: Defaulted<string>;
  comment: Defaulted<string>;
  cpu: Defaulted<string>;
  memory_mb: Defaulted<number>;
  ip: Defaulted<string>;
  tag: Defaulted<string>;
  entity_id: Defaulted<number>;
  location_id: Defaulted<number | null>;
  state_id: Defaulted<number | null>;
  /** Fed by inventory (1) or entered by hand (0). */
  is_dynamic: Defaulted<number>;
  /** In the trash. */
  is_deleted: Defaulted<number>;
  deleted_at: Defaulted<string | null>;
  last_inventory_at: Defaulted<string | null>;
  last_contact_at: Defaulted<string | null>;
  created_at: string;
  updated_at: string;
  /** The import/link rule that created or linked it (its trace: `computer_import_traces`). */
  import_rule: Defaulted<string>;
}

/**
 * The rule trace (JSON) of the import or link that gave a computer its last device; kept out of
 * the computers row (migration `20261121_0007_import_traces`) so scans of the computers stay
 * small. A computer made by hand has none.
 */
export interface ComputerImportTracesTable {
  computer_id: number;
  trace: string;
}

/** A device (agent identity) feeding a computer; several devices may feed one computer. */
export interface ComputerLinksTable {
  device_id: number;
  computer_id: number;
  deviceid: string;
  linked_at: string;
  synced_at: string;
  /** The device's LASTDATE at the last synchronisation: newer means there is work. */
  synced_date: string;
  /** The device's inventory counter at the last synchronisation: a higher one means work. */
  synced_inventories: Defaulted<number>;
  /** Section name → device section hash at the last synchronisation (JSON). */
  synced_hashes: Defaulted<string>;
  /** 1 when an admin chose this device to feed the computer (precedence.ts). */
  is_primary: Defaulted<number>;
  /** The parts of the computer this device supplied at the last synchronisation, comma-separated. */
  supplies: Defaulted<string>;
}

/** Why a device is not in the registry: pending approval, refused, unmatched, failed, released. */
export interface DeviceImportsTable {
  device_id: number;
  status: DeviceImportStatus;
  reason: string;
  rule_name: Defaulted<string>;
  /** The rule traces of the last attempt (JSON). */
  trace: Defaulted<string>;
  /** The device's LASTDATE at the last attempt: a newer inventory is tried again. */
  device_date: string;
  /** The device's inventory counter at the last attempt: a newer inventory is tried again. */
  device_inventories: Defaulted<number>;
  first_at: string;
  last_at: string;
  attempts: Defaulted<number>;
}

/** Statuses of {@linkcode DeviceImportsTable}. `released`: its computer was purged. */
export type DeviceImportStatus = "pending" | "refused" | "unmatched" | "failed" | "released";

/** Columns every keyed inventory child row has: identity and content signature. */
interface KeyedRow {
  id: Generated<number>;
  computer_id: number;
  /** Identity inside the computer (e.g. a disk's serial or a port's MAC+name). */
  key: string;
  /** Content hash: same key with another sig is an update. */
  sig: string;
}

/** A hardware component (CPU, memory, disk, network card, graphics, sound, controller, firmware). */
export interface ComponentsTable extends KeyedRow {
  kind: string;
  designation: Defaulted<string>;
  manufacturer: Defaulted<string>;
  serial: Defaulted<string>;
  size: Defaulted<number | null>;
  detail: Defaulted<string>;
  is_dynamic: Defaulted<number>;
  /** Removed by an admin: kept hidden so synchronisation does not add it back (a lock). */
  is_deleted: Defaulted<number>;
}

/** A network port with its MAC and addresses. */
export interface NetworkPortsTable extends KeyedRow {
  name: Defaulted<string>;
  mac: Defaulted<string>;
  ip: Defaulted<string>;
  subnet: Defaulted<string>;
  type: Defaulted<string>;
  speed: Defaulted<string>;
  is_virtual: Defaulted<number>;
}

/** A mounted file system. */
export interface VolumesTable extends KeyedRow {
  mount: Defaulted<string>;
  filesystem: Defaulted<string>;
  label: Defaulted<string>;
  total_mb: Defaulted<number | null>;
  free_mb: Defaulted<number | null>;
}

/** A virtual machine a computer hosts. */
export interface VirtualMachinesTable extends KeyedRow {
  name: Defaulted<string>;
  uuid: Defaulted<string>;
  vmtype: Defaulted<string>;
  status: Defaulted<string>;
  memory_mb: Defaulted<number | null>;
  vcpu: Defaulted<number | null>;
}

/** The global software catalogue: one row per normalised (name, publisher). */
export interface SoftwareTable {
  id: Generated<number>;
  name: string;
  publisher: Defaulted<string>;
  name_key: string;
  publisher_key: string;
  category: Defaulted<string>;
}

/** One version of one software. */
export interface SoftwareVersionsTable {
  id: Generated<number>;
  software_id: number;
  version: string;
}

/** A software version installed on a computer. */
export interface SoftwareInstallsTable {
  computer_id: number;
  version_id: number;
  install_date: Defaulted<string>;
  arch: Defaulted<string>;
}

/** A monitor, printer or peripheral; global ones are shared by every computer that has one. */
export interface PeripheralsTable {
  id: Generated<number>;
  kind: PeripheralKind;
  name: Defaulted<string>;
  manufacturer: Defaulted<string>;
  serial: Defaulted<string>;
  description: Defaulted<string>;
  entity_id: Defaulted<number>;
  is_global: Defaulted<number>;
  is_dynamic: Defaulted<number>;
  is_deleted: Defaulted<number>;
  created_at: string;
}

/** The kinds of {@linkcode PeripheralsTable}. */
export type PeripheralKind = "monitor" | "printer" | "peripheral";

/** Which computer a peripheral is connected to. */
export interface PeripheralLinksTable {
  peripheral_id: number;
  computer_id: number;
  linked_at: string;
}

/** A field an admin set by hand: synchronisation leaves it alone. */
export interface ComputerLocksTable {
  computer_id: number;
  field: string;
  locked_at: string;
  locked_by: string;
  /** What the last inventory said, kept to show next to the locked value. */
  inventory_value: Defaulted<string | null>;
}

/** One change to a computer. */
export interface HistoryTable {
  id: Generated<number>;
  at: string;
  computer_id: number;
  kind: HistoryKind;
  field: Defaulted<string>;
  old_value: Defaulted<string>;
  new_value: Defaulted<string>;
  source: HistorySource;
  actor: Defaulted<string>;
}

/** What a history row records. */
export type HistoryKind =
  | "created"
  | "field"
  | "component_added"
  | "component_removed"
  | "component_updated"
  | "software_added"
  | "software_removed"
  | "software_updated"
  | "linked"
  | "unlinked"
  | "locked"
  | "unlocked"
  | "lock_kept"
  | "trashed"
  | "restored"
  | "state";

/** Who caused a history row. */
export type HistorySource = "inventory" | "user" | "rule" | "system";

/** A stored rule; criteria and actions are JSON arrays (see rules/types.ts). */
export interface RulesTable {
  id: Generated<number>;
  uuid: string;
  collection: string;
  name: string;
  description: Defaulted<string>;
  ranking: number;
  active: Defaulted<number>;
  match: Defaulted<string>;
  criteria: string;
  actions: string;
  updated_at: string;
}

/** Registry options, one JSON value per key (see settings.ts for the keys and defaults). */
export interface RegistrySettingsTable {
  key: string;
  value: string;
}

/** The registry tables. */
export interface RegistryTables {
  entities: EntitiesTable;
  locations: LocationsTable;
  states: StatesTable;
  computers: ComputersTable;
  computer_import_traces: ComputerImportTracesTable;
  computer_links: ComputerLinksTable;
  device_imports: DeviceImportsTable;
  components: ComponentsTable;
  network_ports: NetworkPortsTable;
  volumes: VolumesTable;
  virtual_machines: VirtualMachinesTable;
  software: SoftwareTable;
  software_versions: SoftwareVersionsTable;
  software_installs: SoftwareInstallsTable;
  peripherals: PeripheralsTable;
  peripheral_links: PeripheralLinksTable;
  computer_locks: ComputerLocksTable;
  history: HistoryTable;
  rules: RulesTable;
  registry_settings: RegistrySettingsTable;
}
