/**
 * Whether computers lie within a principal's entities: one computer (its console page and API
 * routes answer 404 when it does not, so its existence is not revealed) or many ids (bulk
 * actions in the console and the API act on those within only, or refuse). The one place the
 * console, the API and bulk actions check computers against a scope; lists filter with
 * `ComputerQuery.entityIds` instead.
 *
 * @module
 */

import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";

/** Entity ids a principal sees, as `entityIdsVisibleTo` answers ("all": every entity). */
export type VisibleEntities = readonly number[] | "all";

/**
 * The entities a check covers: {@linkcode VisibleEntities}, or undefined for every entity (the
 * convention of the registry's list filters and of the API).
 */
export type ComputerScope = VisibleEntities | undefined;

/** A computer found within a scope, with what its routes need next. */
export interface ScopedComputer {
  id: number;
  entityId: number;
  isDeleted: boolean;
}

/** Ids per statement: well under SQLite's bound-parameter limit. */
const CHUNK = 500;

/**
 * Computer `id` when it exists within `scope`; undefined when it does not exist or lies
 * outside: the caller answers 404 either way.
 */
export async function computerInScope(
  db: Kysely<Database>,
  id: number,
  scope: ComputerScope,
): Promise<ScopedComputer | undefined> {
  const row = await db.selectFrom("computers").select(["id", "entity_id", "is_deleted"])
    .where("id", "=", id).executeTakeFirst();
  if (!row || !covers(scope, row.entity_id)) return undefined;
  return { id: row.id, entityId: row.entity_id, isDeleted: row.is_deleted === 1 };
}

/**
 * `ids` split into those that exist within `scope` and the others (missing or outside, not
 * told apart), each in the order given. Read in chunks, so any number of ids is fine.
 */
export async function partitionByScope(
  db: Kysely<Database>,
  ids: readonly number[],
  scope: ComputerScope,
): Promise<{ within: number[]; outside: number[] }> {
  const found = new Set<number>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    let q = db.selectFrom("computers").select("id").where("id", "in", ids.slice(i, i + CHUNK));
    if (scope !== undefined && scope !== "all") {
      q = q.where("entity_id", "in", scope.length ? [...scope] : [-1]);
    }
    for (const row of await q.execute()) found.add(row.id);
  }
  const within: number[] = [];
  const outside: number[] = [];
  for (const id of ids) (found.has(id) ? within : outside).push(id);
  return { within, outside };
}

function covers(scope: ComputerScope, entityId: number): boolean {
  return scope === undefined || scope === "all" || scope.includes(entityId);
}
