/**
 * Where a linked computer belongs now: the entity and location rules are replayed on each
 * synchronisation of its fields, so changing a machine's TAG on the server (or a rule) moves it.
 * Locked entity or location fields are respected by the caller (applyFields).
 *
 * @module
 */

import type { Selectable } from "kysely";
import { decideEntity, decideLocation, evaluate } from "../../rules/mod.ts";
import type { RuleInput } from "../../rules/types.ts";
import type { RunContext } from "./run_context.ts";
import type { ComputersTable } from "./schema.ts";
import { ensureLocation, findEntity, findEntityByTag } from "./tree.ts";

/** The entity and location the rules give now; absent keys mean "leave as is". */
export async function placement(
  run: RunContext,
  input: RuleInput,
  computer: Selectable<ComputersTable>,
): Promise<{ entity_id?: number; location_id?: number | null }> {
  const out: { entity_id?: number; location_id?: number | null } = {};
  const entity = decideEntity(evaluate(run.rules.entity, input, run.env));
  let locationPath = "";
  if (entity.kind === "assign") {
    const node = entity.entityByTag !== undefined
      ? await findEntityByTag(run.db, entity.entityByTag)
      : entity.entity !== undefined
      ? await findEntity(run.db, entity.entity)
      : undefined;
    if (node) out.entity_id = node.id;
    locationPath = entity.location ?? "";
  }
  const location = decideLocation(evaluate(run.rules.location, input, run.env));
  if (location.kind === "assign" && location.location) locationPath = location.location;
  if (locationPath) {
    const node = await ensureLocation(run.db, locationPath, out.entity_id ?? computer.entity_id);
    if (node) out.location_id = node.id;
  }
  return out;
}
