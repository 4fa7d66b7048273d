/**
 * Turning what agents say into comparable identities: serials and UUIDs that identify nothing are
 * dropped, MACs are lower-case colon form, software names compare case- and space-insensitively.
 *
 * @module
 */

import type { RegistrySettings } from "./settings.ts";

/** Compiled deny-lists, built once per synchronisation run. */
export interface Identity {
  serial(value: string | undefined): string;
  uuid(value: string | undefined): string;
  mac(value: string | undefined): string;
}

/** Builds the identity filters from the settings' deny-lists. */
export function identityFilters(settings: RegistrySettings): Identity {
  const serials = new Set(settings.genericSerials.map((s) => s.trim().toLowerCase()));
  const uuids = new Set(settings.genericUuids.map((s) => s.trim().toLowerCase()));
  const macs = new Set(settings.genericMacs.map((s) => normalizeMac(s)));
  return {
    serial: (value) => {
      const v = (value ?? "").trim();
      return v === "" || serials.has(v.toLowerCase()) ? "" : v;
    },
    uuid: (value) => {
      const v = (value ?? "").trim();
      return v === "" || uuids.has(v.toLowerCase()) ? "" : v;
    },
    mac: (value) => {
      const v = normalizeMac(value ?? "");
      return v === "" || macs.has(v) ? "" : v;
    },
  };
}

/** `AA-BB-CC-DD-EE-FF` or `aabb.ccdd.eeff` → `aa:bb:cc:dd:ee:ff`; anything else → "". */
export function normalizeMac(value: string): string {
  const hex = value.toLowerCase().replace(/[^0-9a-f]/g, "");
  if (hex.length !== 12) return "";
  return hex.match(/../g)!.join(":");
}

/** The catalogue key of a software name or publisher. */
export function softwareKey(value: string): string {
  return value.trim().replace(/\s+/g, " ").toLowerCase();
}
