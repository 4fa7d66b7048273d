/**
 * Where a device that is not yet in the registry goes: TAG lists and approval mode first, then
 * the entity rules, the import/link rules and the location rules. The result is a value: either
 * a plan (create, or link to computer N, in entity E at location L) or a refusal carrying the
 * reason and every rule trace, which the inbox shows as is.
 *
 * @module
 */

import { decideEntity, decideImport, decideLocation, evaluate } from "../../rules/mod.ts";
import type { CollectionResult, RuleInput } from "../../rules/types.ts";
import type { DeviceImportStatus } from "./schema.ts";
import type { RunContext } from "./run_context.ts";
import { ensureLocation, findEntity, findEntityByTag, ROOT_ENTITY_ID } from "./tree.ts";

/** Where the device goes. */
export interface ImportPlan {
  kind: "create" | "link";
  /** For `link`: the computer found by the matching import rule. */
  computerId: number | null;
  entityId: number;
  /** The entity was chosen by an admin (PlanOptions.entityId), not by the entity rules. */
  entityChosen?: boolean;
  locationId: number | null;
  ruleName: string;
  traces: CollectionResult[];
}

/** Why the device does not go into the registry. */
export interface NotImported {
  kind: "not_imported";
  status: Exclude<DeviceImportStatus, "released">;
  reason: string;
  ruleName: string;
  traces: CollectionResult[];
}

/** Options of one planning. */
export interface PlanOptions {
  /** Approved by an admin: skips manual-approval mode and the TAG lists. */
  approved?: boolean;
  /** Forced entity (the inbox's "import into entity X"). */
  entityId?: number;
}

/** Plans the import of one device. Creates locations named by rules (nothing else). */
export async function planImport(
  run: RunContext,
  input: RuleInput,
  options: PlanOptions = {},
): Promise<ImportPlan | NotImported> {
  const traces: CollectionResult[] = [];
  const refuse = (
    status: NotImported["status"],
    reason: string,
    ruleName = "",
  ): NotImported => ({ kind: "not_imported", status, reason, ruleName, traces });
  const tag = typeof input.tag === "string" ? input.tag : "";

  if (!options.approved) {
    const { tagsInclude, tagsExclude, approval } = run.settings;
    const lower = tag.toLowerCase();
    if (tagsInclude.length && !tagsInclude.some((t) => t.toLowerCase() === lower)) {
      return refuse("refused", `TAG "${tag}" is not in the settings' TAG include list`);
    }
    if (tagsExclude.some((t) => t.toLowerCase() === lower)) {
      return refuse("refused", `TAG "${tag}" is in the settings' TAG exclude list`);
    }
    if (approval === "manual") {
      return refuse("pending", "waiting for approval (manual approval mode)");
    }
  }

  // Entity.
  let entityId = options.entityId ?? ROOT_ENTITY_ID;
  let locationPath = "";
  if (options.entityId === undefined) {
    const entityResult = evaluate(run.rules.entity, input, run.env);
    traces.push(entityResult);
    const entity = decideEntity(entityResult);
    if (entity.kind === "unmatched") return refuse("unmatched", entity.reason);
    if (entity.kind === "refuse") return refuse("refused", entity.reason, entity.rule.name);
    if (entity.entityByTag !== undefined) {
      const found = await findEntityByTag(run.db, entity.entityByTag);
      if (!found) {
        // The rule matched but its action cannot be carried out: the trace says so.
        entityResult.failure = `no entity has the inventory TAG "${entity.entityByTag}"`;
        return refuse(
          "failed",
          `rule "${entity.rule.name}": ${entityResult.failure}`,
          entity.rule.name,
        );
      }
      entityId = found.id;
    } else if (entity.entity !== undefined) {
      const found = await findEntity(run.db, entity.entity);
      if (!found) {
        entityResult.failure = `entity "${entity.entity}" does not exist`;
        return refuse(
          "failed",
          `rule "${entity.rule.name}": ${entityResult.failure}`,
          entity.rule.name,
        );
      }
      entityId = found.id;
    }
    locationPath = entity.location ?? "";
  }

  // Import or link.
  const importResult = evaluate(run.rules.import, input, run.env);
  traces.push(importResult);
  const decision = decideImport(importResult);
  if (decision.kind === "unmatched") return refuse("unmatched", decision.reason);
  if (decision.kind === "refuse") return refuse("refused", decision.reason, decision.rule.name);

  // Location: the location rules win over an entity rule's location.
  const locationResult = evaluate(run.rules.location, input, run.env);
  traces.push(locationResult);
  const location = decideLocation(locationResult);
  if (location.kind === "assign" && location.location) locationPath = location.location;
  const locationNode = locationPath ? await ensureLocation(run.db, locationPath, entityId) : null;

  return {
    kind: decision.kind,
    computerId: decision.kind === "link" ? decision.computerId : null,
    entityId,
    ...(options.entityId !== undefined ? { entityChosen: true } : {}),
    locationId: locationNode?.id ?? null,
    ruleName: decision.rule.name,
    traces,
  };
}
