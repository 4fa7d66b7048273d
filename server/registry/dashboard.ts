/**
 * The dashboard's figures, each limited to an entity scope: counts of computers (live, trashed,
 * new this week, not seen for N days), OS and manufacturer distribution, new computers per week,
 * devices and the inbox, top software by installations, and task health.
 *
 * Cost at 100,000 computers: the computer figures are one grouped pass over the covering index
 * `computers_dashboard` (migration 0006); the software top reads every installation in scope
 * (~150 per computer, 15 million rows), so it runs in slices of ~20 ms with a pause between
 * them (the event loop keeps serving other requests) and the console caches it
 * (dashboard_cache.ts).
 *
 * @module
 */

import { type Kysely, type RawBuilder, sql } from "kysely";
import type { Database } from "../db/schema.ts";
import { lastStatuses } from "../tasks/run_log.ts";
import { listTaskRows } from "../tasks/store.ts";

/** The entities whose computers count: a principal's visible ids, or every entity. */
export type DashboardScope = readonly number[] | "all";

/** One slice of a distribution. */
export interface Slice {
  label: string;
  count: number;
}

/** What the dashboard says about the computers in scope. */
export interface FleetFigures {
  computers: number;
  trashed: number;
  /** Live computers created in the last 7 days. */
  newThisWeek: number;
  /** Live computers whose last inventory is older than `staleDays` days. */
  notSeen: number;
  staleDays: number;
  /** Live computers by OS name, largest first. */
  os: Slice[];
  /** Live computers by manufacturer, largest first. */
  manufacturers: Slice[];
  /** Live computers created per week, oldest week first; the last entry is the current week. */
  newPerWeek: number[];
}

/** A software in the top by installations. */
export interface SoftwareRank {
  softwareId: number;
  name: string;
  publisher: string;
  /** Installations on live computers in scope (a computer with two versions counts twice). */
  installs: number;
}

/** Devices (agent identities) and the inbox of those not imported. */
export interface DeviceFigures {
  /** Every device, or, for a scoped principal, the devices feeding its live computers. */
  devices: number;
  /** Not-imported devices by status; null for a scoped principal (devices have no entity). */
  inbox: Record<string, number> | null;
}

/** The last result of one automatic action. */
export interface TaskHealth {
  name: string;
  state: string;
  lastStatus: string | null;
  lastRunAt: string | null;
  lastMessage: string | null;
  /** Errors among the last {@linkcode HEALTH_WINDOW} finished runs. */
  recentErrors: number;
  recentRuns: number;
  /** The last run failed, or most recent runs did (as the `alerts` task judges). */
  failing: boolean;
}

/** Runs looked at for task health, and errors among them that make a task failing. */
export const HEALTH_WINDOW = 10;
const HEALTH_THRESHOLD = 5;
/** Weeks in the "new computers" sparkline. */
export const WEEKS = 12;
const DAY_MS = 86_400_000;

/** `column` in the scope's entities; always true or false as a comparison (PostgreSQL wants one). */
export function entityFilter(
  scope: DashboardScope,
  column: RawBuilder<unknown>,
): RawBuilder<unknown> {
  if (scope === "all") return sql`1 = 1`;
  if (scope.length === 0) return sql`1 = 0`;
  return sql`${column} in (${sql.join(scope.map((id) => sql`${id}`))})`;
}

/** Sorted largest first, ties by label. */
function slices(counts: Map<string, number>): Slice[] {
  return [...counts].map(([label, count]) => ({ label, count }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}

/** The computer figures of `scope` at `now`; `staleDays` sets "not seen". */
export async function fleetFigures(
  db: Kysely<Database>,
  scope: DashboardScope,
  now: Date,
  staleDays: number,
): Promise<FleetFigures> {
  const staleBefore = new Date(now.getTime() - staleDays * DAY_MS).toISOString();
  // One pass: over every entity the covering index `computers_dashboard` in its own order (no
  // temporary b-tree); for a scope the planner goes through `computers_entity_id`. A filtered
  // count, not `sum(<comparison>)`: PostgreSQL has no sum of booleans.
  const { rows } = await sql<{
    is_deleted: number;
    os_name: string;
    manufacturer: string;
    n: number;
    stale: number;
  }>`
    select os_name, manufacturer, is_deleted, count(*) as n,
      count(*) filter (where last_inventory_at < ${staleBefore}) as stale
    from computers
    where ${entityFilter(scope, sql`entity_id`)}
    group by os_name, manufacturer, is_deleted`.execute(db);
  const figures: FleetFigures = {
    computers: 0,
    trashed: 0,
    newThisWeek: 0,
    notSeen: 0,
    staleDays,
    os: [],
    manufacturers: [],
    newPerWeek: [],
  };
  const os = new Map<string, number>();
  const manufacturers = new Map<string, number>();
  for (const row of rows) {
    const n = Number(row.n);
    if (row.is_deleted) {
      figures.trashed += n;
      continue;
    }
    figures.computers += n;
    figures.notSeen += Number(row.stale);
    os.set(row.os_name, (os.get(row.os_name) ?? 0) + n);
    manufacturers.set(row.manufacturer, (manufacturers.get(row.manufacturer) ?? 0) + n);
  }
  figures.newPerWeek = await newPerWeek(db, scope, now);
  figures.newThisWeek = figures.newPerWeek[WEEKS - 1]!;
  figures.os = slices(os);
  figures.manufacturers = slices(manufacturers);
  return figures;
}

/**
 * Live computers created in each of the last {@linkcode WEEKS} 7-day spans up to `now`, oldest
 * first: a range of the index `computers_created` (created_at, is_deleted, entity_id), so the
 * cost follows the number of new computers, not the fleet. (`+is_deleted` keeps the planner off
 * the is_deleted indexes, which bounded statistics can make look selective.)
 */
async function newPerWeek(
  db: Kysely<Database>,
  scope: DashboardScope,
  now: Date,
): Promise<number[]> {
  const from = new Date(now.getTime() - WEEKS * 7 * DAY_MS).toISOString();
  const { rows } = await sql<{ created_at: string }>`
    select created_at from computers
    where created_at >= ${from} and +is_deleted = 0 and ${entityFilter(scope, sql`entity_id`)}`
    .execute(db);
  const weeks = new Array<number>(WEEKS).fill(0);
  const end = now.getTime();
  for (const row of rows) {
    const ago = Math.floor((end - Date.parse(row.created_at)) / (7 * DAY_MS));
    if (ago >= 0 && ago < WEEKS) weeks[WEEKS - 1 - ago]! += 1;
  }
  return weeks;
}

/** Devices and the inbox (the inbox only over every entity). */
export async function deviceFigures(
  db: Kysely<Database>,
  scope: DashboardScope,
): Promise<DeviceFigures> {
  if (scope !== "all") {
    const { rows } = await sql<{ n: number }>`
      select count(*) as n from computer_links l join computers c on c.id = l.computer_id
      where c.is_deleted = 0 and ${entityFilter(scope, sql`c.entity_id`)}`.execute(db);
    return { devices: Number(rows[0]?.n ?? 0), inbox: null };
  }
  const devices = await db.selectFrom("devices").select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  const inbox = await db.selectFrom("device_imports").select("status")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("status", "!=", "released").groupBy("status").execute();
  return {
    devices: Number(devices.n),
    inbox: Object.fromEntries(inbox.map((r) => [r.status, Number(r.n)])),
  };
}

/** Options of {@linkcode topSoftware}. */
export interface TopSoftwareOptions {
  limit?: number;
  /** Awaited between slices of the work: lets other requests run. */
  pause?: () => Promise<void>;
}

export const yieldToEventLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
/** Time one slice of counting should take: other requests wait at most about this long. */
const SLICE_TARGET_MS = 20;

type Counts = Map<number, number>;

function add(into: Counts, rows: readonly { version_id: number; n: number }[], sign = 1): void {
  for (const row of rows) {
    into.set(row.version_id, (into.get(row.version_id) ?? 0) + sign * Number(row.n));
  }
}

/**
 * Runs `slice(from, size)` over [first, last] in slices whose size adapts so each takes about
 * {@linkcode SLICE_TARGET_MS} (installations are uneven: a core package is on every computer),
 * pausing between slices.
 */
export async function inSlices(
  first: number,
  last: number,
  initialSize: number,
  slice: (from: number, size: number) => Promise<void>,
  pause: () => Promise<void>,
): Promise<void> {
  let size = initialSize;
  for (let from = first; from <= last;) {
    const started = performance.now();
    await slice(from, size);
    from += size;
    const elapsed = Math.max(1, performance.now() - started);
    size = Math.max(1, Math.min(size * 4, Math.round(size * SLICE_TARGET_MS / elapsed)));
    await pause();
  }
}

/** Installations per version of the computers `ids`, `sign` times (by the table's key prefix). */
async function countComputers(
  db: Kysely<Database>,
  ids: readonly number[],
  into: Counts,
  sign: number,
  pause: () => Promise<void>,
): Promise<void> {
  await inSlices(0, ids.length - 1, 100, async (from, size) => {
    const slice = ids.slice(from, from + size);
    const { rows } = await sql<{ version_id: number; n: number }>`
      select version_id, count(*) as n from software_installs
      where computer_id in (${sql.join(slice.map((id) => sql`${id}`))})
      group by version_id`.execute(db);
    add(into, rows, sign);
  }, pause);
}

/** Installations per version on every live computer: all of them minus the trash's. */
async function countEverywhere(db: Kysely<Database>, pause: () => Promise<void>): Promise<Counts> {
  const counts: Counts = new Map();
  const bounds = await db.selectFrom("software_versions")
    .select((eb) => [eb.fn.min("id").as("first"), eb.fn.max("id").as("last")])
    .executeTakeFirstOrThrow();
  if (bounds.first === null || bounds.last === null) return counts;
  // The (version, computer) index read in version ranges, already grouped: no sorting.
  await inSlices(Number(bounds.first), Number(bounds.last), 8, async (from, size) => {
    const { rows } = await sql<{ version_id: number; n: number }>`
      select version_id, count(*) as n from software_installs
      where version_id between ${from} and ${from + size - 1}
      group by version_id`.execute(db);
    add(counts, rows);
  }, pause);
  const trashed = await db.selectFrom("computers").select("id").where("is_deleted", "=", 1)
    .orderBy("id").execute();
  await countComputers(db, trashed.map((r) => r.id), counts, -1, pause);
  return counts;
}

/**
 * Installations per software on the live computers of `scope` (a computer with two versions
 * counts twice, as the software page does), counted in slices with `pause` between them.
 */
export async function installsBySoftware(
  db: Kysely<Database>,
  scope: DashboardScope,
  pause: () => Promise<void> = yieldToEventLoop,
): Promise<Map<number, number>> {
  let byVersion: Counts;
  if (scope === "all") {
    byVersion = await countEverywhere(db, pause);
  } else {
    byVersion = new Map();
    if (scope.length > 0) {
      const ids = await db.selectFrom("computers").select("id").where("is_deleted", "=", 0)
        .where("entity_id", "in", [...scope]).orderBy("id").execute();
      await countComputers(db, ids.map((r) => r.id), byVersion, 1, pause);
    }
  }
  const bySoftware = new Map<number, number>();
  const versionIds = [...byVersion.keys()].filter((id) => byVersion.get(id)! > 0);
  for (let i = 0; i < versionIds.length; i += 500) {
    const chunk = versionIds.slice(i, i + 500);
    const versions = await db.selectFrom("software_versions").select(["id", "software_id"])
      .where("id", "in", chunk).execute();
    for (const v of versions) {
      bySoftware.set(v.software_id, (bySoftware.get(v.software_id) ?? 0) + byVersion.get(v.id)!);
    }
  }
  return bySoftware;
}

/** Software ids and installations, largest first (ties by id). */
export function ranked(bySoftware: Map<number, number>): [number, number][] {
  return [...bySoftware].filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1] || a[0] - b[0]);
}

/** `top` (software id, installations) with the software's name and publisher. */
export async function namedRanks(
  db: Kysely<Database>,
  top: readonly [number, number][],
): Promise<SoftwareRank[]> {
  if (top.length === 0) return [];
  const names = new Map(
    (await db.selectFrom("software").select(["id", "name", "publisher"])
      .where("id", "in", top.map(([id]) => id)).execute()).map((s) => [s.id, s]),
  );
  return top.map(([softwareId, installs]) => ({
    softwareId,
    name: names.get(softwareId)?.name ?? `#${softwareId}`,
    publisher: names.get(softwareId)?.publisher ?? "",
    installs,
  }));
}

/** The most installed software on the live computers of `scope`. */
export async function topSoftware(
  db: Kysely<Database>,
  scope: DashboardScope,
  options: TopSoftwareOptions = {},
): Promise<SoftwareRank[]> {
  const bySoftware = await installsBySoftware(db, scope, options.pause);
  return await namedRanks(db, ranked(bySoftware).slice(0, options.limit ?? 10));
}

/** Every task's last result and recent error count. */
export async function taskHealth(db: Kysely<Database>): Promise<TaskHealth[]> {
  const health: TaskHealth[] = [];
  for (const task of await listTaskRows(db)) {
    const runs = await lastStatuses(db, task.name, HEALTH_WINDOW);
    const recentErrors = runs.filter((r) => r.status === "error").length;
    health.push({
      name: task.name,
      state: task.state,
      lastStatus: task.last_status,
      lastRunAt: task.last_run_at,
      lastMessage: task.last_message,
      recentErrors,
      recentRuns: runs.length,
      failing: task.last_status === "error" || recentErrors >= HEALTH_THRESHOLD,
    });
  }
  return health;
}
