/**
 * Entity scoping: which entities a principal sees. An assignment covers its entity, and its
 * whole subtree when recursive. Registry queries filter with {@link entityIdsVisibleTo}.
 *
 * The `entities` table belongs to the registry (id, parent_id, name, completename, level, tag;
 * root id 1).
 *
 * @module
 */

import { type Kysely, sql } from "kysely";
import type { Database } from "../db/schema.ts";
import type { EntityAssignment, EntityScope, Principal } from "./rights.ts";

/** An entity as pickers list it. */
export interface EntityChoice {
  id: number;
  completename: string;
}

/**
 * The ids of the entities `principal` may see, sorted, or "all". An assignment to an entity that
 * no longer exists covers nothing.
 */
export function entityIdsVisibleTo(
  db: Kysely<Database>,
  principal: Pick<Principal, "entityScope">,
): Promise<number[] | "all"> {
  return expandEntityScope(db, principal.entityScope);
}

/** The entity ids an entity scope covers (see {@link entityIdsVisibleTo}). */
export async function expandEntityScope(
  db: Kysely<Database>,
  scope: EntityScope,
): Promise<number[] | "all"> {
  if (scope === "all") return "all";
  if (scope.length === 0) return [];
  const roots = sql.join(scope.map((a: EntityAssignment) => sql`(${a.entityId}, ${a.recursive})`));
  // `seeds` are the assignments; the recursive part walks down from the recursive ones only.
  const { rows } = await sql<{ id: number }>`
    with recursive
      seeds(id, recursive) as (values ${roots}),
      visible(id, recursive) as (
        select e.id, s.recursive from entities e join seeds s on s.id = e.id
        union
        select e.id, 1 from entities e join visible v on e.parent_id = v.id
        where v.recursive = 1
      )
    select distinct id from visible order by id`.execute(db);
  return rows.map((r) => Number(r.id));
}

/** Every entity by complete name, for assignment pickers. */
export async function listEntityChoices(db: Kysely<Database>): Promise<EntityChoice[]> {
  const rows = await db.selectFrom("entities").select(["id", "completename"])
    .orderBy("completename").execute();
  return rows.map((r) => ({ id: r.id, completename: r.completename }));
}

/** The complete name of each of `ids` that exists. */
export async function entityNames(
  db: Kysely<Database>,
  ids: readonly number[],
): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom("entities").select(["id", "completename"])
    .where("id", "in", [...ids]).execute();
  return new Map(rows.map((r) => [r.id, r.completename]));
}

/** The ids among `ids` that are not entities. */
export async function missingEntities(
  db: Kysely<Database>,
  ids: readonly number[],
): Promise<number[]> {
  const known = new Set((await entityNames(db, ids)).keys());
  return ids.filter((id) => !known.has(id));
}
