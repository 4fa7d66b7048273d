/**
 * Several devices feeding one computer (two agents on one machine, or a reinstall that left the
 * old DEVICEID behind): which device supplies each part, so that alternating reports do not
 * rewrite the computer back and forth. The order, first wins:
 *
 * 1. the device an admin chose as primary (`inventory computers primary DEVICE`);
 * 2. devices still in use, earliest linked first: the device that made the computer keeps
 *    feeding it when a second agent (another family: OCS, FusionInventory, GLPI agent…) starts
 *    reporting the same machine;
 * 3. devices out of use, newest inventory first: one replaced by a later-linked device of the
 *    same agent family (a reinstall: new DEVICEID, same agent), or whose last inventory is more
 *    than {@linkcode STALE_DAYS} days older than the newest device's.
 *
 * The first device supplies the computer's fields; each other part comes from the first device
 * in that order that reports it at all (a section another agent does not send is not lost).
 *
 * @module
 */

import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";
import { ALL_PARTS, type Part, SECTION_PARTS } from "./facts.ts";

/** A device behind an inventory more than this many days older than the newest one's is out of use. */
export const STALE_DAYS = 30;

/** One linked device as precedence sees it. */
export interface FeedingDevice {
  deviceId: number;
  /** Its last inventory's date (ISO or OCS "YYYY-MM-DD HH:MM:SS"), null before any. */
  lastDate: string | null;
  userAgent: string;
  linkedAt: string;
  isPrimary: boolean;
  /** The sections its stored inventory has. */
  sections: ReadonlySet<string>;
}

/** The agent family of a User-Agent: its name without the version ("FusionInventory-Agent"). */
export function agentFamily(userAgent: string): string {
  return userAgent.trim().replace(/[_/ ]v?\d[\w.-]*$/i, "").toLowerCase();
}

function time(date: string | null): number {
  if (!date) return 0;
  const t = Date.parse(date.includes("T") ? date : `${date.replace(" ", "T")}Z`);
  return Number.isFinite(t) ? t : 0;
}

function byLink(a: FeedingDevice, b: FeedingDevice): number {
  return a.linkedAt.localeCompare(b.linkedAt) || a.deviceId - b.deviceId;
}

/** The devices in precedence order: the first is the primary. */
export function precedence(devices: readonly FeedingDevice[]): FeedingDevice[] {
  const newest = Math.max(...devices.map((d) => time(d.lastDate)));
  const outOfUse = (d: FeedingDevice) =>
    newest - time(d.lastDate) > STALE_DAYS * 86_400_000 ||
    devices.some((other) =>
      other !== d && byLink(other, d) > 0 &&
      agentFamily(other.userAgent) === agentFamily(d.userAgent)
    );
  const chosen = devices.filter((d) => d.isPrimary).sort(byLink);
  const rest = devices.filter((d) => !d.isPrimary);
  const inUse = rest.filter((d) => !outOfUse(d)).sort(byLink);
  const out = rest.filter(outOfUse).sort((a, b) =>
    time(b.lastDate) - time(a.lastDate) || byLink(b, a)
  );
  return [...chosen, ...inUse, ...out];
}

/** The sections each part reads. */
const PART_SECTIONS = new Map<Part, string[]>(
  ALL_PARTS.map((part) => [
    part,
    Object.entries(SECTION_PARTS).filter(([, ps]) => ps.includes(part)).map(([s]) => s),
  ]),
);

/** Which device supplies each part, from devices in precedence order. */
export function suppliers(ordered: readonly FeedingDevice[]): Map<Part, number> {
  const primary = ordered[0]!;
  const out = new Map<Part, number>();
  for (const part of ALL_PARTS) {
    const sections = PART_SECTIONS.get(part)!;
    const from = part === "fields"
      ? primary
      : ordered.find((d) => sections.some((s) => d.sections.has(s))) ?? primary;
    out.set(part, from.deviceId);
  }
  return out;
}

/**
 * Makes `deviceId` its computer's primary device (an admin's choice; precedence rule 1).
 * Returns the computer id, or null when the device is not linked. The caller then forces a
 * synchronisation of the computer's devices, so that the parts move to it.
 */
export async function choosePrimary(
  db: Kysely<Database>,
  deviceId: number,
): Promise<number | null> {
  const link = await db.selectFrom("computer_links").select("computer_id")
    .where("device_id", "=", deviceId).executeTakeFirst();
  if (!link) return null;
  await db.updateTable("computer_links").set({ is_primary: 0 })
    .where("computer_id", "=", link.computer_id).execute();
  await db.updateTable("computer_links").set({ is_primary: 1 })
    .where("device_id", "=", deviceId).execute();
  return link.computer_id;
}

/** The `supplies` column's text for a set of parts, in ALL_PARTS order. */
export function suppliesText(parts: ReadonlySet<Part>): string {
  return ALL_PARTS.filter((p) => parts.has(p)).join(",");
}
