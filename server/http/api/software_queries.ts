/**
 * The software catalogue as the API reads it: search, versions, and which computers have a
 * software — every count and list only over live computers of the caller's entities.
 *
 * @module
 */

import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";

/** A catalogue entry with how many visible computers have it. */
export interface SoftwareSummary {
  id: number;
  name: string;
  publisher: string;
  category: string;
  versions: number;
  computers: number;
}

/** A computer that has a software, and which version. */
export interface SoftwareComputer {
  id: number;
  name: string;
  serial: string;
  entity: string;
  version_id: number;
  version: string;
  install_date: string;
  arch: string;
}

type Scope = readonly number[] | undefined;

function scoped(entityIds: Scope) {
  return entityIds === undefined ? null : entityIds.length ? [...entityIds] : [-1];
}

/** Counts of visible computers per software among `ids`, and of versions. */
async function countsFor(db: Kysely<Database>, ids: number[], entityIds: Scope) {
  if (ids.length === 0) return new Map<number, { versions: number; computers: number }>();
  let installs = db.selectFrom("software_versions")
    .innerJoin("software_installs", "software_installs.version_id", "software_versions.id")
    .innerJoin("computers", "computers.id", "software_installs.computer_id")
    .select("software_versions.software_id")
    .select((eb) => eb.fn.count<number>("software_installs.computer_id").distinct().as("n"))
    .where("software_versions.software_id", "in", ids)
    .where("computers.is_deleted", "=", 0)
    .groupBy("software_versions.software_id");
  const scope = scoped(entityIds);
  if (scope) installs = installs.where("computers.entity_id", "in", scope);
  const versions = await db.selectFrom("software_versions").select("software_id")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("software_id", "in", ids).groupBy("software_id").execute();
  const computers = new Map((await installs.execute()).map((r) => [r.software_id, Number(r.n)]));
  return new Map(
    versions.map((v) => [v.software_id, {
      versions: Number(v.n),
      computers: computers.get(v.software_id) ?? 0,
    }]),
  );
}

/** One page of the catalogue, by name; `search` matches name or publisher. */
export async function searchSoftware(
  db: Kysely<Database>,
  options: { search?: string; limit: number; offset: number; entityIds: Scope },
): Promise<{ total: number; items: SoftwareSummary[] }> {
  let q = db.selectFrom("software");
  const search = options.search?.trim();
  if (search) {
    const like = `%${search}%`;
    q = q.where((eb) => eb.or([eb("name", "like", like), eb("publisher", "like", like)]));
  }
  const total = await q.select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  const rows = await q.select(["id", "name", "publisher", "category"])
    .orderBy("name_key").orderBy("publisher_key").limit(options.limit).offset(options.offset)
    .execute();
  const counts = await countsFor(db, rows.map((r) => r.id), options.entityIds);
  return {
    total: Number(total.n),
    items: rows.map((r) => ({ ...r, versions: 0, computers: 0, ...counts.get(r.id) })),
  };
}

/** One catalogue entry with its versions and their visible computer counts. */
export async function softwareDetail(db: Kysely<Database>, id: number, entityIds: Scope) {
  const software = await db.selectFrom("software").select(["id", "name", "publisher", "category"])
    .where("id", "=", id).executeTakeFirst();
  if (!software) return undefined;
  let installs = db.selectFrom("software_installs")
    .innerJoin("computers", "computers.id", "software_installs.computer_id")
    .innerJoin("software_versions", "software_versions.id", "software_installs.version_id")
    .select("software_installs.version_id")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("software_versions.software_id", "=", id)
    .where("computers.is_deleted", "=", 0)
    .groupBy("software_installs.version_id");
  const scope = scoped(entityIds);
  if (scope) installs = installs.where("computers.entity_id", "in", scope);
  const counts = new Map((await installs.execute()).map((r) => [r.version_id, Number(r.n)]));
  const versions = (await db.selectFrom("software_versions").select(["id", "version"])
    .where("software_id", "=", id).orderBy("version").execute())
    .map((v) => ({ ...v, computers: counts.get(v.id) ?? 0 }));
  return {
    ...software,
    computers: versions.reduce((sum, v) => sum + v.computers, 0),
    versions,
  };
}

/** One page of the live, visible computers that have software `id` (or one of its versions). */
export async function softwareComputers(
  db: Kysely<Database>,
  id: number,
  options: { versionId?: number; limit: number; offset: number; entityIds: Scope },
): Promise<{ total: number; items: SoftwareComputer[] }> {
  let q = db.selectFrom("software_installs")
    .innerJoin("software_versions", "software_versions.id", "software_installs.version_id")
    .innerJoin("computers", "computers.id", "software_installs.computer_id")
    .where("software_versions.software_id", "=", id)
    .where("computers.is_deleted", "=", 0);
  if (options.versionId !== undefined) {
    q = q.where("software_installs.version_id", "=", options.versionId);
  }
  const scope = scoped(options.entityIds);
  if (scope) q = q.where("computers.entity_id", "in", scope);
  const total = await q.select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  const items = await q.innerJoin("entities", "entities.id", "computers.entity_id")
    .select([
      "computers.id",
      "computers.name",
      "computers.serial",
      "entities.completename as entity",
      "software_installs.version_id",
      "software_versions.version",
      "software_installs.install_date",
      "software_installs.arch",
    ])
    .orderBy("computers.name").orderBy("computers.id")
    .limit(options.limit).offset(options.offset).execute();
  return { total: Number(total.n), items };
}
