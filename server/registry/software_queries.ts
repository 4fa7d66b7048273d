/**
 * Reading the software catalogue: search by name or publisher with, per software, its
 * installations and versions in scope; one software's versions with how many computers have
 * each, and the computers of some of its versions, paged. The console's catalogue pages and the
 * API's `/software` routes both read through here.
 *
 * Entity scoping: counts, versions and computer lists only include live computers of the given
 * entities ("all": every live computer). The catalogue itself (names and publishers) is global.
 *
 * Sized for 100,000 computers with ~150 software each (15 M installations): the catalogue is
 * searched and paged alone (a few thousand rows, in `software_identity` order), and only the
 * page's versions are counted, through `software_installs_version (version_id, computer_id)`:
 * from the index alone for "all" (the trash subtracted), or testing each installation against
 * the scope's computers, a set built once per query. Never a scan of every installation; the
 * plans are checked in software_queries_test.ts.
 *
 * @module
 */

import { type Kysely, type RawBuilder, sql } from "kysely";
import { orderedJoin } from "../db/engine.ts";
import type { Database } from "../db/schema.ts";
import { contains } from "../db/text_match.ts";
import { softwareKey } from "./normalize.ts";

/** Which computers count: every live one, or the live ones of these entities. */
export type SoftwareScope = "all" | readonly number[];

/** A catalogue entry as the list shows it. */
export interface SoftwareSummary {
  id: number;
  name: string;
  publisher: string;
  category: string;
  /** Versions installed on at least one computer in scope. */
  versions: number;
  /**
   * Installations in scope: one per computer and version (a computer with two versions counts
   * twice). Counted from the index alone, where distinct computers would cost a lookup each.
   */
  installations: number;
}

/** Search and paging of {@link listSoftware}. */
export interface SoftwareQuery {
  /** Name or publisher contains (case and spacing ignored). */
  search?: string;
  scope: SoftwareScope;
  limit: number;
  offset: number;
}

/** One page of the catalogue, by name, and the number of entries matching. */
export async function listSoftware(
  db: Kysely<Database>,
  query: SoftwareQuery,
): Promise<{ total: number; software: SoftwareSummary[] }> {
  let base = db.selectFrom("software");
  const search = softwareKey(query.search ?? "");
  if (search !== "") {
    base = base.where((eb) =>
      eb.or([
        contains(db, "software.name_key", search),
        contains(db, "software.publisher_key", search),
      ])
    );
  }
  const [count, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    base.select(["id", "name", "publisher", "category"])
      .orderBy("name_key").orderBy("publisher_key")
      .limit(query.limit).offset(query.offset).execute(),
  ]);
  const versions = rows.length === 0
    ? []
    : await db.selectFrom("software_versions").select(["id", "software_id"])
      .where("software_id", "in", rows.map((r) => r.id)).execute();
  const counts = await versionCounts(db, versions.map((v) => v.id), query.scope);
  const totals = new Map<number, { versions: number; installations: number }>();
  for (const v of versions) {
    const n = counts.get(v.id) ?? 0;
    if (n === 0) continue;
    const t = totals.get(v.software_id) ?? { versions: 0, installations: 0 };
    t.versions++;
    t.installations += n;
    totals.set(v.software_id, t);
  }
  return {
    total: Number(count.n),
    software: rows.map((r) => ({
      ...r,
      versions: totals.get(r.id)?.versions ?? 0,
      installations: totals.get(r.id)?.installations ?? 0,
    })),
  };
}

/**
 * Computers in scope per version (exact: a computer has a version once). For "all", each
 * version is counted from `software_installs_version` alone and the trash (small) subtracted;
 * for entities, each installation is checked against the scope's set of computers.
 */
export async function versionCounts(
  db: Kysely<Database>,
  versionIds: readonly number[],
  scope: SoftwareScope,
): Promise<Map<number, number>> {
  const counts = new Map<number, number>();
  if (versionIds.length === 0) return counts;
  const ids = sql.join([...versionIds]);
  if (scope === "all") {
    const [all, trashed] = await Promise.all([
      sql<{ id: number; n: number }>`
        select v.id, (select count(*) from software_installs i where i.version_id = v.id) as n
        from software_versions v where v.id in (${ids})`.execute(db),
      sql<{ id: number; n: number }>`
        select i.version_id as id, count(*) as n
        from computers c ${orderedJoin(db)} software_installs i on i.computer_id = c.id
        where c.is_deleted = 1 and +i.version_id in (${ids})
        group by i.version_id`.execute(db),
    ]);
    for (const r of all.rows) counts.set(r.id, r.n);
    for (const r of trashed.rows) counts.set(r.id, (counts.get(r.id) ?? 0) - r.n);
    return counts;
  }
  const { rows } = await sql<{ id: number; n: number }>`
    select i.version_id as id, count(*) as n from software_installs i
    where i.version_id in (${ids}) and ${inScope(sql.ref("i.computer_id"), scope)}
    group by i.version_id`.execute(db);
  for (const r of rows) counts.set(r.id, r.n);
  return counts;
}

/** One catalogue entry, or undefined. */
export function getSoftware(
  db: Kysely<Database>,
  id: number,
): Promise<{ id: number; name: string; publisher: string; category: string } | undefined> {
  return db.selectFrom("software").select(["id", "name", "publisher", "category"])
    .where("id", "=", id).executeTakeFirst();
}

/** A version of a software with the number of computers in scope that have it. */
export interface SoftwareVersionCount {
  id: number;
  version: string;
  computers: number;
}

/** The versions of `softwareId` installed in scope, highest first (numeric order). */
export async function softwareVersions(
  db: Kysely<Database>,
  softwareId: number,
  scope: SoftwareScope,
): Promise<SoftwareVersionCount[]> {
  const versions = await db.selectFrom("software_versions").select(["id", "version"])
    .where("software_id", "=", softwareId).execute();
  const counts = await versionCounts(db, versions.map((v) => v.id), scope);
  return versions
    .map((v) => ({ ...v, computers: counts.get(v.id) ?? 0 }))
    .filter((v) => v.computers > 0)
    .sort((a, b) => b.version.localeCompare(a.version, "en", { numeric: true }) || a.id - b.id);
}

/** A computer that has a version of a software: one row per installation. */
export interface SoftwareComputer {
  id: number;
  name: string;
  serial: string;
  entity: string;
  /** The version it has (a computer with two versions has a row for each). */
  versionId: number;
  installDate: string;
  arch: string;
  lastInventoryAt: string | null;
}

/**
 * One page of the installations in scope of the versions `versionIds`, by computer id then
 * version. For one version (the console's page) it is read in `software_installs_version` order,
 * so a page stops after its rows; for several (the API's "every version") the versions' index
 * ranges are merged by sorting their (computer, version) pairs in scope, never a scan of the
 * table, and only the page's rows are joined to their computers.
 */
export async function versionComputers(
  db: Kysely<Database>,
  versionIds: readonly number[],
  options: { scope: SoftwareScope; limit: number; offset: number },
): Promise<SoftwareComputer[]> {
  if (versionIds.length === 0) return [];
  // The page is chosen on the index's columns alone; only its rows are then joined.
  const { rows } = await sql<SoftwareComputer>`
    select c.id, c.name, c.serial, e.completename as entity, p.version_id as "versionId",
      i.install_date as "installDate", i.arch, c.last_inventory_at as "lastInventoryAt"
    from (
      select i.computer_id, i.version_id from software_installs i
      where i.version_id in (${sql.join([...versionIds])})
        and ${inScope(sql.ref("i.computer_id"), options.scope)}
      order by i.computer_id, i.version_id
      limit ${options.limit} offset ${options.offset}
    ) p
    ${orderedJoin(db)} software_installs i
      on i.computer_id = p.computer_id and i.version_id = p.version_id
    join computers c on c.id = p.computer_id
    left join entities e on e.id = c.entity_id
    order by p.computer_id, p.version_id`.execute(db);
  return rows;
}

/**
 * `column` is a live computer in scope: a set built once per query from the trash (small) or
 * from the scope's entities, so each installation costs one lookup in memory.
 */
function inScope(column: RawBuilder<unknown>, scope: SoftwareScope): RawBuilder<boolean> {
  // The unary + keeps SQLite from probing the installations once per computer of the set
  // (versions × computers lookups); it walks a version's installations and tests each instead.
  if (scope === "all") {
    return sql<boolean>`+${column} not in (select id from computers where is_deleted = 1)`;
  }
  if (scope.length === 0) return sql<boolean>`1 = 0`; // a boolean on PostgreSQL too
  return sql<boolean>`+${column} in (select id from computers
    where is_deleted = 0 and entity_id in (${sql.join([...scope])}))`;
}
