/**
 * The dashboard's software charts, from one count of installations in scope: the most installed
 * software, and the most installed *outside the base OS*.
 *
 * "Base OS" is defined simply: a software is part of the base of an operating system (computers
 * grouped by their exact OS name) when at least {@linkcode BASE_SHARE} of that OS's live
 * computers in scope have it, among OSes with at least {@linkcode BASE_MIN_COMPUTERS} computers
 * (one lone machine would make all its packages "base"). Such a software is left out of the
 * chart entirely, so a bar's value stays its installations in scope: the figure the software's
 * page shows (a computer with two versions counts twice there too).
 *
 * Cost: only software installed at least `BASE_SHARE` × the smallest such OS's computers can be
 * base anywhere; those candidates, walked largest first until the chart is full, are checked one
 * by one through the (version, computer) index, in slices of computer ids with a pause between
 * them (the event loop keeps serving). The result is cached with the software top
 * (dashboard_cache.ts).
 *
 * @module
 */

import { type Kysely, sql } from "kysely";
import type { Database } from "../db/schema.ts";
import {
  type DashboardScope,
  entityFilter,
  inSlices,
  installsBySoftware,
  namedRanks,
  ranked,
  type SoftwareRank,
  yieldToEventLoop,
} from "./dashboard.ts";

/** Share of an OS's computers from which a software counts as part of that OS's base. */
export const BASE_SHARE = 0.9;
/** Computers an OS needs in scope before its common software counts as its base. */
export const BASE_MIN_COMPUTERS = 3;
/** Bars per chart. */
const LIMIT = 10;

/** Both software charts of the dashboard. */
export interface SoftwareCharts {
  /** Most installations. */
  top: SoftwareRank[];
  /** Most installations among software that is not part of any OS's base. */
  outsideBase: SoftwareRank[];
}

/** Live computers in scope per OS name, for OSes with enough computers to have a base. */
async function osSizes(db: Kysely<Database>, scope: DashboardScope): Promise<Map<string, number>> {
  const { rows } = await sql<{ os_name: string; n: number }>`
    select os_name, count(*) as n from computers
    where is_deleted = 0 and ${entityFilter(scope, sql`entity_id`)}
    group by os_name`.execute(db);
  return new Map(
    rows.filter((r) => Number(r.n) >= BASE_MIN_COMPUTERS).map((r) => [r.os_name, Number(r.n)]),
  );
}

/**
 * Live computers in scope having software `softwareId`, per OS name: read in slices of computer
 * ids (each about 20 ms, with `pause` between them) through the (version, computer) index, as a
 * base package is on up to every computer.
 */
async function computersPerOs(
  db: Kysely<Database>,
  scope: DashboardScope,
  softwareId: number,
  pause: () => Promise<void>,
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  const bounds = await db.selectFrom("computers")
    .select((eb) => [eb.fn.min("id").as("first"), eb.fn.max("id").as("last")])
    .executeTakeFirstOrThrow();
  if (bounds.first === null || bounds.last === null) return counts;
  await inSlices(Number(bounds.first), Number(bounds.last), 1000, async (from, size) => {
    const { rows } = await sql<{ os_name: string; n: number }>`
      select c.os_name, count(distinct i.computer_id) as n
      from software_versions v
      join software_installs i on i.version_id = v.id
        and i.computer_id between ${from} and ${from + size - 1}
      join computers c on c.id = i.computer_id
      where v.software_id = ${softwareId} and c.is_deleted = 0
        and ${entityFilter(scope, sql`c.entity_id`)}
      group by c.os_name`.execute(db);
    for (const r of rows) counts.set(r.os_name, (counts.get(r.os_name) ?? 0) + Number(r.n));
  }, pause);
  return counts;
}

/** Whether `softwareId` is on at least BASE_SHARE of the computers of one of `sizes`' OSes. */
async function isBase(
  db: Kysely<Database>,
  scope: DashboardScope,
  softwareId: number,
  sizes: Map<string, number>,
  pause: () => Promise<void>,
): Promise<boolean> {
  for (const [os, n] of await computersPerOs(db, scope, softwareId, pause)) {
    const size = sizes.get(os);
    if (size !== undefined && n >= BASE_SHARE * size) return true;
  }
  return false;
}

/** The software charts of `scope`. */
export async function softwareCharts(
  db: Kysely<Database>,
  scope: DashboardScope,
  options: { limit?: number; pause?: () => Promise<void> } = {},
): Promise<SoftwareCharts> {
  const limit = options.limit ?? LIMIT;
  const pause = options.pause ?? yieldToEventLoop;
  const all = ranked(await installsBySoftware(db, scope, pause));
  const sizes = await osSizes(db, scope);
  // Below this many installations a software cannot reach BASE_SHARE of any OS's computers.
  const smallest = Math.min(...sizes.values());
  const outside: [number, number][] = [];
  for (const entry of all) {
    if (outside.length >= limit) break;
    if (entry[1] >= BASE_SHARE * smallest) {
      if (await isBase(db, scope, entry[0], sizes, pause)) continue;
    }
    outside.push(entry);
  }
  return {
    top: await namedRanks(db, all.slice(0, limit)),
    outsideBase: await namedRanks(db, outside),
  };
}
