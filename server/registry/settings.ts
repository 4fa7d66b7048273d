/**
 * Registry options an admin changes at run time (console, API, CLI): what to import, which TAGs,
 * what deletion and staleness do, manual approval. Stored one JSON value per key; missing keys
 * take the defaults below, so a fresh install imports everything with no configuration.
 *
 * @module
 */

import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";
import { PART_SETTINGS, type PartSetting } from "./parts.ts";

/** How monitors, printers and peripherals are imported (GLPI's import modes). */
export type PeripheralMode = "none" | "global" | "unit" | "unit_serial" | "serial_only";

/** What happens to a computer whose device was deleted upstream or went stale. */
export type GoneBehaviour = "trash" | "none" | `state:${string}`;

/** Every registry option; the parts synchronised into the registry have one each (parts.ts). */
export interface RegistrySettings extends Record<PartSetting, boolean> {
  /** `manual`: new devices wait in the inbox for approval instead of being imported. */
  approval: "auto" | "manual";
  /** Import only devices with one of these TAGs (empty: all). */
  tagsInclude: string[];
  /** Never import devices with one of these TAGs. */
  tagsExclude: string[];
  monitors: PeripheralMode;
  printers: PeripheralMode;
  peripherals: PeripheralMode;
  /** Serials that identify nothing (docks, boards "To be filled by O.E.M."): treated as absent. */
  genericSerials: string[];
  genericUuids: string[];
  genericMacs: string[];
  /** A device deleted (or merged away) upstream. */
  deletedBehaviour: GoneBehaviour;
  /** Devices not seen for this many days are stale (0: never). */
  staleDays: number;
  staleBehaviour: GoneBehaviour;
  /** Purge trashed computers after this many days (0: never). */
  trashPurgeDays: number;
  /** Keep history this many days (0: forever). */
  historyDays: number;
}

/** The defaults: import everything, trash what disappears upstream. */
export const DEFAULT_SETTINGS: Readonly<RegistrySettings> = Object.freeze({
  approval: "auto",
  tagsInclude: [],
  tagsExclude: [],
  ...Object.fromEntries(PART_SETTINGS.map((s) => [s.setting, true])) as Record<
    PartSetting,
    boolean
  >,
  monitors: "unit_serial",
  printers: "unit",
  peripherals: "global",
  genericSerials: [
    "To be filled by O.E.M.",
    "To Be Filled By O.E.M.",
    "System Serial Number",
    "Chassis Serial Number",
    "Base Board Serial Number",
    "Default string",
    "Not Specified",
    "Not Available",
    "None",
    "N/A",
    "Serial",
    "INVALID",
    "0",
    "00000000",
    "0000000000",
    "0123456789",
    "123456789",
    "1234567890",
    "xxxxxxxxxx",
    "............",
  ],
  genericUuids: [
    "00000000-0000-0000-0000-000000000000",
    "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF",
    "03000200-0400-0500-0006-000700080009",
  ],
  genericMacs: [
    "00:00:00:00:00:00",
    "ff:ff:ff:ff:ff:ff",
    "02:00:4c:4f:4f:50",
    "44:45:53:54:00:00",
    "20:41:53:59:4e:ff",
  ],
  deletedBehaviour: "trash",
  staleDays: 0,
  staleBehaviour: "trash",
  trashPurgeDays: 0,
  historyDays: 0,
}) as RegistrySettings;

/** A setting value that does not fit its key. */
export class SettingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SettingError";
  }
}

type Key = keyof RegistrySettings;

const MODES: readonly PeripheralMode[] = ["none", "global", "unit", "unit_serial", "serial_only"];

/** Checks one value for `key`; returns it typed or throws a SettingError saying what is expected. */
export function validateSetting<K extends Key>(key: K, value: unknown): RegistrySettings[K] {
  const fail = (expected: string): never => {
    throw new SettingError(`${key}: expected ${expected}, got ${JSON.stringify(value)}`);
  };
  const sample = DEFAULT_SETTINGS[key];
  if (sample === undefined) throw new SettingError(`unknown registry setting "${key}"`);
  switch (key) {
    case "approval":
      if (value !== "auto" && value !== "manual") fail(`"auto" or "manual"`);
      break;
    case "monitors":
    case "printers":
    case "peripherals":
      if (!MODES.includes(value as PeripheralMode)) fail(`one of ${MODES.join(", ")}`);
      break;
    case "deletedBehaviour":
    case "staleBehaviour":
      if (
        typeof value !== "string" ||
        !(value === "trash" || value === "none" || /^state:.+/.test(value))
      ) fail(`"trash", "none" or "state:NAME"`);
      break;
    default:
      if (Array.isArray(sample)) {
        if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) {
          fail("a list of strings");
        }
      } else if (typeof sample === "boolean") {
        if (typeof value !== "boolean") fail("true or false");
      } else if (typeof sample === "number") {
        if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
          fail("a whole number ≥ 0");
        }
      }
  }
  return value as RegistrySettings[K];
}

/** The current settings: stored values over the defaults. */
export async function loadSettings(db: Kysely<Database>): Promise<RegistrySettings> {
  const rows = await db.selectFrom("registry_settings").selectAll().execute();
  const settings = structuredClone(DEFAULT_SETTINGS) as RegistrySettings;
  for (const row of rows) {
    if (!(row.key in settings)) continue;
    try {
      (settings as unknown as Record<string, unknown>)[row.key] = validateSetting(
        row.key as Key,
        JSON.parse(row.value),
      );
    } catch {
      // A value that no longer validates (older version) falls back to the default.
    }
  }
  return settings;
}

/** Stores one setting after validating it. */
export async function saveSetting<K extends Key>(
  db: Kysely<Database>,
  key: K,
  value: unknown,
): Promise<RegistrySettings[K]> {
  const valid = validateSetting(key, value);
  await db.insertInto("registry_settings")
    .values({ key, value: JSON.stringify(valid) })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value: JSON.stringify(valid) }))
    .execute();
  return valid;
}
