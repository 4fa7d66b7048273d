/**
 * The identity veto: a machine's identity is its valid serial and UUID (the registry drops the
 * deny-listed ones before asking). A link that an import rule found, by MAC, name, IP or any
 * other criterion, to a computer whose valid serial or UUID differs would merge two machines,
 * so it is refused, unless the rule says `_identity_veto` = `off`.
 *
 * Decisions (README "Identity"): a motherboard replacement that changes the serial is a new
 * computer (a duplicate is visible and fixed by one manual link; a wrong merge hides a machine).
 * A virtual machine sharing a UUID (and the serial derived from it) with a computer but no MAC
 * and not its name is a clone, not a reinstall: clones copy the UUID, not the NICs or the name.
 *
 * @module
 */

import type { RuleInput } from "./types.ts";

/** What the registry holds of one candidate computer, deny-listed values already blank. */
export interface CandidateIdentity {
  id: number;
  serial: string;
  uuid: string;
  name: string;
  /** Physical MACs, lower-case colon form. */
  macs: readonly string[];
}

/** The action field and value that turn the veto off for one import rule. */
export const VETO_FIELD = "_identity_veto";
export const VETO_OFF = "off";

function one(input: RuleInput, field: string): string {
  const value = input[field];
  return typeof value === "string" ? value.trim() : "";
}

function list(input: RuleInput, field: string): string[] {
  const value = input[field];
  return typeof value === "string" ? (value ? [value] : []) : [...(value ?? [])];
}

/** Why linking `input` to `candidate` would merge two machines, or null when it would not. */
export function identityVeto(input: RuleInput, candidate: CandidateIdentity): string | null {
  const serial = one(input, "serial");
  if (serial && candidate.serial && serial.toLowerCase() !== candidate.serial.toLowerCase()) {
    return `serial ${serial} ≠ ${candidate.serial}`;
  }
  const uuid = one(input, "uuid");
  if (uuid && candidate.uuid && uuid.toLowerCase() !== candidate.uuid.toLowerCase()) {
    return `UUID ${uuid} ≠ ${candidate.uuid}`;
  }
  const macs = list(input, "mac");
  const same = (serial !== "" && candidate.serial !== "") || (uuid !== "" && candidate.uuid !== "");
  if (same && one(input, "is_virtual") === "1" && macs.length > 0 && candidate.macs.length > 0) {
    const name = one(input, "name").toLowerCase();
    const shared = macs.some((m) => candidate.macs.includes(m));
    if (!shared && name !== candidate.name.toLowerCase()) {
      return `virtual machine clone: same identity as ${candidate.name || "it"}, but no MAC ` +
        `and not its name in common`;
    }
  }
  return null;
}
