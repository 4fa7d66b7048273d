/**
 * Scope checks on computers for the API: which of some ids exist within a principal's entities.
 * A computer outside the caller's entities is reported exactly like one that does not exist.
 *
 * @module
 */

import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";

/** Ids per statement: well under SQLite's bound-parameter limit. */
const CHUNK = 500;

/** A computer's placement, as scope checks need it. */
export interface ScopedComputer {
  id: number;
  entity_id: number;
  is_deleted: number;
}

/** The computer `id` when it exists within `entityIds` (undefined: every entity). */
export async function computerInScope(
  db: Kysely<Database>,
  id: number,
  entityIds: readonly number[] | undefined,
): Promise<ScopedComputer | undefined> {
  const row = await db.selectFrom("computers").select(["id", "entity_id", "is_deleted"])
    .where("id", "=", id).executeTakeFirst();
  if (!row) return undefined;
  return entityIds === undefined || entityIds.includes(row.entity_id) ? row : undefined;
}

/** Splits `ids` into those that exist within `entityIds` and the others (missing or hidden). */
export async function partitionInScope(
  db: Kysely<Database>,
  ids: readonly number[],
  entityIds: readonly number[] | undefined,
): Promise<{ found: ScopedComputer[]; missing: number[] }> {
  const found: ScopedComputer[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    let q = db.selectFrom("computers").select(["id", "entity_id", "is_deleted"])
      .where("id", "in", chunk);
    if (entityIds !== undefined) {
      q = q.where("entity_id", "in", entityIds.length ? [...entityIds] : [-1]);
    }
    found.push(...await q.execute());
  }
  const seen = new Set(found.map((r) => r.id));
  return { found, missing: ids.filter((id) => !seen.has(id)) };
}
