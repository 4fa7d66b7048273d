/**
 * The rule tester behind the console's `/rules/test`: one collection against typed values (the
 * engine over the registry's rule environment, so "is already present" looks the registry up),
 * or a stored device through every collection (the registry's dry run, rolled back). Each
 * answers with the decision in words, the facts it leads to and the full trace.
 *
 * @module
 */

import {
  COLLECTIONS,
  compileCollection,
  decideEntity,
  decideImport,
  decideLocation,
  decideSoftware,
  evaluate,
} from "../../rules/mod.ts";
import type { CollectionName, CollectionResult, RuleInput } from "../../rules/types.ts";
import type { RuleTestOutcome } from "../../ui/pages/rule_tester.tsx";
import type { ServerContext } from "../context.ts";
import { dryRun, type DryRunResult } from "../registry/dry_run.ts";
import { registryRuleEnv } from "../registry/rule_env.ts";
import { identityFilters } from "../registry/normalize.ts";
import { loadSettings } from "../registry/settings.ts";
import { listRules } from "../registry/rule_store.ts";
import { findEntity, findEntityByTag, findLocation, loadTreeIndex } from "../registry/tree.ts";
import { findDevice } from "../store/devices.ts";

/** A test that cannot run (an unknown device). */
export class RuleTestError extends Error {
  override name = "RuleTestError";
}

/** The typed values of a collection's form (`in_<field>` parameters); lists split on commas. */
export function typedInput(
  collection: CollectionName,
  query: (name: string) => string | undefined,
): { input: RuleInput; values: Record<string, string> } {
  const input: Record<string, string | string[]> = {};
  const values: Record<string, string> = {};
  for (const field of COLLECTIONS[collection].inputs) {
    const text = query(`in_${field.name}`) ?? "";
    values[field.name] = text;
    if (text.trim() === "") continue;
    input[field.name] = field.multiple
      ? text.split(",").map((v) => v.trim()).filter((v) => v !== "")
      : text.trim();
  }
  return { input, values };
}

/** A collection's result as plain data (the engine's result computes its trace lazily). */
function plain(result: CollectionResult): CollectionResult {
  return {
    collection: result.collection,
    matched: result.matched,
    output: result.output,
    found: result.found,
    trace: result.trace,
  };
}

/** Tests one collection's rules on typed values. */
export async function testTypedValues(
  ctx: ServerContext,
  collection: CollectionName,
  input: RuleInput,
): Promise<RuleTestOutcome> {
  const compiled = compileCollection(await listRules(ctx.db, collection), collection);
  const identity = identityFilters(await loadSettings(ctx.db));
  const env = registryRuleEnv(ctx.raw, await loadTreeIndex(ctx.db), identity);
  const result = plain(evaluate(compiled, input, env));
  const details: RuleTestOutcome["details"] = [];
  let decision: string;
  let positive: boolean;
  switch (collection) {
    case "import": {
      const d = decideImport(result);
      decision = d.explanation;
      positive = d.kind === "link" || d.kind === "create";
      break;
    }
    case "entity": {
      const d = decideEntity(result);
      decision = d.explanation;
      positive = d.kind === "assign";
      if (d.kind === "assign") {
        if (d.entityByTag !== undefined) {
          const found = await findEntityByTag(ctx.db, d.entityByTag);
          details.push({
            label: "Entity",
            value: found
              ? `${found.completename} (its inventory TAG is “${d.entityByTag}”)`
              : `none: no entity has the inventory TAG “${d.entityByTag}” (the import would fail)`,
          });
          positive = found !== undefined;
        } else if (d.entity !== undefined) {
          const found = await findEntity(ctx.db, d.entity);
          details.push({
            label: "Entity",
            value: found
              ? found.completename
              : `“${d.entity}” does not exist (the import would fail)`,
          });
          positive = found !== undefined;
        }
        if (d.location) details.push(await locationDetail(ctx, d.location));
      }
      break;
    }
    case "location": {
      const d = decideLocation(result);
      decision = d.explanation;
      positive = d.kind === "assign";
      if (d.kind === "assign" && d.location) details.push(await locationDetail(ctx, d.location));
      break;
    }
    case "software": {
      const d = decideSoftware(result);
      decision = d.explanation;
      positive = d.kind !== "unmatched";
      break;
    }
  }
  return { subject: "the typed values", decision, positive, details, traces: [result] };
}

async function locationDetail(ctx: ServerContext, path: string) {
  const found = await findLocation(ctx.db, path);
  return {
    label: "Location",
    value: found ? found.completename : `${path} (created when a device is imported)`,
  };
}

/**
 * Replays a stored device (id or DEVICEID) through every collection. A device held back before
 * the rules (approval mode, TAG lists) is replayed once more as approved, so the trace shows
 * what the rules would do once it is let in.
 */
export async function testStoredDevice(
  ctx: ServerContext,
  ref: string,
): Promise<RuleTestOutcome> {
  const device = await findDevice(ctx.db, ref.trim());
  if (!device) throw new RuleTestError(`No device “${ref.trim()}” (give its id or DEVICEID).`);
  // Approval mode and TAG lists only hold back new devices: a linked one is replayed as approved.
  const link = await ctx.db.selectFrom("computer_links").select("computer_id")
    .where("device_id", "=", device.id).executeTakeFirst();
  const first = await dryRun(ctx, { deviceId: device.id }, link ? { approved: true } : {});
  const heldBack = first.outcome.kind === "not_imported" && first.traces.length === 0;
  const result = heldBack ? await dryRun(ctx, { deviceId: device.id }, { approved: true }) : first;
  const details: RuleTestOutcome["details"] = [];
  if (link) details.push({ label: "Linked now to", value: `computer #${link.computer_id}` });
  if (heldBack) {
    details.push({ label: "Once approved", value: await describeOutcome(ctx, result) });
  }
  details.push(...await outcomeFacts(ctx, result));
  const { total, ignored, renamed } = result.software;
  details.push({
    label: "Software",
    value: `${total} entries: ${ignored} ignored and ${renamed} renamed by the dictionary`,
  });
  return {
    subject: `device ${device.name || device.deviceid} (${device.deviceid})`,
    decision: await describeOutcome(ctx, first),
    positive: first.outcome.kind !== "not_imported",
    details,
    traces: result.traces,
  };
}

/** The dry run's outcome in one line. */
async function describeOutcome(ctx: ServerContext, result: DryRunResult): Promise<string> {
  const o = result.outcome;
  if (o.kind === "not_imported") return `not imported (${o.status}): ${o.reason}`;
  const entity = (await findEntity(ctx.db, String(o.entityId)))?.completename ??
    `entity #${o.entityId}`;
  const by = o.ruleName ? ` by rule “${o.ruleName}”` : "";
  return o.kind === "link" && o.computerId !== null
    ? `link to computer #${o.computerId}${by}, in ${entity}`
    : `create a new computer${by}, in ${entity}`;
}

/** Entity and location a dry run leads to (the location as the rules name it). */
async function outcomeFacts(ctx: ServerContext, result: DryRunResult) {
  const facts: RuleTestOutcome["details"] = [];
  if (result.outcome.kind === "not_imported") return facts;
  const entity = await findEntity(ctx.db, String(result.outcome.entityId));
  facts.push({ label: "Entity", value: entity?.completename ?? `#${result.outcome.entityId}` });
  // The dry run rolled back any location it created: name it from the rules' output.
  const location = result.traces.find((t) => t.collection === "location")?.output.location ||
    result.traces.find((t) => t.collection === "entity")?.output.location;
  if (location) facts.push(await locationDetail(ctx, location));
  return facts;
}
