/**
 * `inventory rules`: list the rule collections, export and import them as JSON, enable,
 * disable or delete a rule, and the dry run — replay a stored device or an inventory file
 * through every collection and print the trace.
 *
 * @module
 */

import {
  CliError,
  type Command,
  EXIT,
  helpText,
  type OptionDoc,
  parseCommandArgs,
  print,
} from "../../cli/command.ts";
import { printTable } from "../../cli/table.ts";
import {
  explainResult,
  exportRulesJson,
  parseRulesJson,
  RuleValidationError,
} from "../../rules/mod.ts";
import type { CollectionName } from "../../rules/types.ts";
import { dryRun } from "../registry/dry_run.ts";
import {
  COLLECTIONS,
  deleteRule,
  getRule,
  importRules,
  listRules,
  saveRule,
  seedDefaultRules,
} from "../registry/rule_store.ts";
import { RegistryError } from "../registry/sync.ts";
import { findDevice } from "../store/devices.ts";
import { DATA_OPTIONS, jsonList, withDataContext } from "./common.ts";

const OPTIONS: OptionDoc[] = [
  ...DATA_OPTIONS,
  {
    flag: "collection",
    type: "string",
    value: "C",
    help: `one collection: ${COLLECTIONS.join(", ")}`,
  },
  {
    flag: "replace",
    type: "boolean",
    help: "with `import`: replace the imported collections instead of merging",
  },
  {
    flag: "device",
    type: "string",
    value: "DEVICE",
    help: "with `test`: a stored device (id or DEVICEID)",
  },
  {
    flag: "file",
    type: "string",
    value: "FILE",
    help: "with `test`: an inventory file (.xml or .ocs)",
  },
  { flag: "json", type: "boolean", help: "print JSON" },
];

const USAGE = `inventory rules [list] [--collection C] [--json]
       inventory rules export [--collection C] > rules.json
       inventory rules import FILE [--replace]
       inventory rules enable|disable|delete ID
       inventory rules test --device DEVICE | --file FILE [--json]`;

const DESCRIPTION =
  `Rules decide where inventories go. Collections run in order: entity (which entity,
optionally a location), import (link to an existing computer, create one, or refuse), location, and
software (the dictionary: rename, re-version, ignore, categorise). Each stops at its first matching
rule. \`test\` is a dry run: it shows every rule and criterion and why it matched or not, and
changes nothing.`;

function collectionOption(value: unknown): CollectionName | undefined {
  if (value === undefined) return undefined;
  if (!COLLECTIONS.includes(value as CollectionName)) {
    throw new CliError(`--collection must be one of ${COLLECTIONS.join(", ")}`, EXIT.usage);
  }
  return value as CollectionName;
}

/** The `rules` command. */
export const rulesCommand: Command = {
  name: "rules",
  summary: "import/link, entity, location and software rules: list, export, import, test",
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, OPTIONS, true);
    if (values.help) {
      print(helpText(USAGE, DESCRIPTION, OPTIONS));
      return 0;
    }
    const [action = "list", ...refs] = positionals;
    const collection = collectionOption(values.collection);
    return await withDataContext(values, async (ctx) => {
      await seedDefaultRules(ctx.db, ctx.now());
      switch (action) {
        case "list": {
          const rules = await listRules(ctx.db, collection);
          if (values.json) {
            print(jsonList(rules));
            return 0;
          }
          printTable(
            ["ID", "COLLECTION", "RANK", "ACTIVE", "NAME", "CRITERIA", "ACTIONS"],
            rules.map((r) => [
              String(r.id),
              r.collection,
              String(r.ranking),
              r.active ? "yes" : "no",
              r.name,
              r.criteria.map((c) => `${c.field} ${c.operator} ${c.pattern}`.trim()).join(
                ` ${r.match} `,
              ),
              r.actions.map((a) => `${a.field}=${a.value}`).join(", "),
            ]),
            60,
          );
          return 0;
        }
        case "export": {
          print(exportRulesJson(await listRules(ctx.db, collection)));
          return 0;
        }
        case "import": {
          if (refs.length !== 1) throw new CliError("`import` takes one FILE", EXIT.usage);
          let text: string;
          try {
            text = await Deno.readTextFile(refs[0]!);
          } catch (error) {
            throw new CliError(`Cannot read ${refs[0]}: ${(error as Error).message}`, EXIT.failure);
          }
          let rules;
          try {
            rules = parseRulesJson(text);
          } catch (error) {
            if (error instanceof RuleValidationError) {
              throw new CliError(error.message, EXIT.failure);
            }
            throw error;
          }
          const result = await ctx.writes.run((db) =>
            importRules(db, rules, ctx.now(), values.replace ? "replace" : "merge")
          );
          print(
            `imported ${rules.length} rule(s): ${result.added} added, ${result.replaced} replaced`,
          );
          return 0;
        }
        case "enable":
        case "disable":
        case "delete": {
          if (refs.length !== 1) throw new CliError(`\`${action}\` takes one rule ID`, EXIT.usage);
          const rule = await getRule(ctx.db, refs[0]!);
          if (!rule) throw new CliError(`No rule "${refs[0]}"`, EXIT.failure);
          if (action === "delete") {
            await ctx.writes.run((db) => deleteRule(db, rule.id!));
          } else {
            await ctx.writes.run((db) =>
              saveRule(db, { ...rule, active: action === "enable" }, ctx.now())
            );
          }
          print(`${action}d rule ${rule.id} "${rule.name}"`);
          return 0;
        }
        case "test": {
          let source: { deviceId: number } | { bytes: Uint8Array };
          if (typeof values.device === "string") {
            const device = await findDevice(ctx.db, values.device);
            if (!device) throw new CliError(`No device "${values.device}"`, EXIT.failure);
            source = { deviceId: device.id };
          } else if (typeof values.file === "string") {
            try {
              source = { bytes: await Deno.readFile(values.file) };
            } catch (error) {
              throw new CliError(
                `Cannot read ${values.file}: ${(error as Error).message}`,
                EXIT.failure,
              );
            }
          } else {
            throw new CliError("`test` needs --device or --file", EXIT.usage);
          }
          let result;
          try {
            result = await dryRun(ctx, source);
          } catch (error) {
            if (error instanceof RegistryError) throw new CliError(error.message, EXIT.failure);
            if (error instanceof Error && "status" in error) {
              throw new CliError(`Not a valid inventory: ${error.message}`, EXIT.failure);
            }
            throw error;
          }
          if (values.json) {
            print(JSON.stringify(result, null, 2));
            return 0;
          }
          const o = result.outcome;
          print(
            `${result.deviceid}: ${
              o.kind === "not_imported"
                ? `NOT IMPORTED (${o.status}) — ${o.reason}`
                : o.kind === "link"
                ? `would LINK to computer ${o.computerId} (rule "${o.ruleName}")`
                : `would CREATE a computer (rule "${o.ruleName}")`
            }`,
          );
          for (const trace of result.traces) {
            print("");
            for (const line of explainResult(trace)) print(line);
          }
          if (result.software.total) {
            print(
              `\nsoftware: ${result.software.total} entries, ${result.software.renamed} changed and ${result.software.ignored} ignored by the dictionary`,
            );
          }
          return 0;
        }
        default:
          throw new CliError(`Unknown action "${action}". See --help`, EXIT.usage);
      }
    });
  },
};
