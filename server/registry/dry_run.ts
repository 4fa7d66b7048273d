/**
 * The dry run: replays a stored device's inventory, or an uploaded inventory file, through every
 * rule collection and returns what would happen with the full traces. It runs the real planning
 * inside a write that is then rolled back, so nothing it would create (a location named by a
 * rule) is left behind.
 *
 * @module
 */

import { decodeRequest, type InventoryRequest } from "../../protocol/mod.ts";
import { evaluate } from "../../rules/mod.ts";
import type { CollectionResult, RuleInput } from "../../rules/types.ts";
import { inventoryFields, ruleInput, type Sections, software } from "./facts.ts";
import type { RegistryHost } from "./batch.ts";
import { type ImportPlan, type NotImported, planImport, type PlanOptions } from "./plan.ts";
import { openRun } from "./run_context.ts";
import { deviceRuleInput, loadSections, RegistryError } from "./sync.ts";

/** What the rules would do. */
export interface DryRunResult {
  deviceid: string;
  input: RuleInput;
  outcome: Omit<ImportPlan, "traces"> | Omit<NotImported, "traces">;
  traces: CollectionResult[];
  software: { total: number; ignored: number; renamed: number; examples: CollectionResult[] };
}

class Rollback extends Error {
  constructor(readonly result: DryRunResult) {
    super("dry run");
  }
}

/**
 * Replays a stored device (by id) or an inventory file's bytes; `options` as for a real planning
 * (e.g. `approved`, to see what the rules do with a device that waits for approval).
 */
export async function dryRun(
  host: RegistryHost,
  source: { deviceId: number } | { bytes: Uint8Array },
  options: PlanOptions = {},
): Promise<DryRunResult> {
  try {
    await host.writes.run(async (db) => {
      const run = await openRun(db, host.raw, host.now());
      let input: RuleInput;
      let deviceid: string;
      let sections: Sections | null = null;
      if ("deviceId" in source) {
        const device = await db.selectFrom("devices").selectAll()
          .where("id", "=", source.deviceId).executeTakeFirst();
        if (!device) throw new RegistryError(`device ${source.deviceId} does not exist`);
        input = deviceRuleInput(run, device).input;
        deviceid = device.deviceid;
        sections = loadSections(run, device.id, ["SOFTWARES"]);
      } else {
        const decoded = decodeRequest(source.bytes).request;
        if (decoded.query !== "INVENTORY") {
          throw new RegistryError(`not an inventory (QUERY is ${decoded.query})`);
        }
        const request = decoded as InventoryRequest;
        sections = request.content as unknown as Sections;
        deviceid = request.deviceId;
        const facts = {
          id: 0,
          deviceid,
          tag: request.accountInfo.TAG ?? null,
          lastDate: null,
          lastCome: "",
          ipSource: "",
        };
        const fields = inventoryFields(facts, sections, run.identity);
        input = ruleInput(facts, fields, sections, run.identity);
      }
      const plan = await planImport(run, input, options);
      const { traces, ...outcome } = plan;
      const entries = software(sections ?? {});
      const summary = {
        total: entries.length,
        ignored: 0,
        renamed: 0,
        examples: [] as CollectionResult[],
      };
      if (run.hasSoftwareRules) {
        for (const entry of entries) {
          const result = evaluate(run.rules.software, {
            name: entry.name,
            publisher: entry.publisher,
            version: entry.version,
            category: entry.category,
            comment: entry.comment,
          }, run.env);
          if (!result.matched) continue;
          if (result.output._ignore) summary.ignored++;
          else summary.renamed++;
          if (summary.examples.length < 20) summary.examples.push(result);
        }
      }
      throw new Rollback({ deviceid, input, outcome, traces, software: summary });
    });
  } catch (error) {
    if (error instanceof Rollback) return error.result;
    throw error;
  }
  throw new Error("unreachable: the dry run always rolls back");
}
