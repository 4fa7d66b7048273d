/**
 * `inventory sync`: run the registry synchronisation now (the server also runs it by itself),
 * and `inventory inbox`: the devices not in the registry with their reasons — import, approve,
 * retry after a rule change, or show the rule trace.
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
import { ProgressBar } from "../../cli/progress.ts";
import { printTable, shortTime } from "../../cli/table.ts";
import { explainResult } from "../../rules/mod.ts";
import type { CollectionResult } from "../../rules/types.ts";
import { createLogger } from "../log.ts";
import {
  type BatchResult,
  devicesWithWork,
  retryNotImported,
  syncBatch,
} from "../registry/batch.ts";
import { listNotImported, notImportedTrace } from "../registry/queries.ts";
import { findEntity } from "../registry/tree.ts";
import { closeContext, openContext } from "../serve.ts";
import { findDevice } from "../store/devices.ts";
import {
  configFrom,
  DATA_OPTIONS,
  explainStartup,
  intOption,
  jsonList,
  withDataContext,
} from "./common.ts";

const SYNC_OPTIONS: OptionDoc[] = [
  ...DATA_OPTIONS,
  { flag: "limit", type: "string", value: "N", help: "at most N devices (default: all with work)" },
  { flag: "force", type: "boolean", help: "re-import every part of every linked device" },
  { flag: "json", type: "boolean", help: "print JSON" },
];

function summary(result: BatchResult): string {
  const parts = Object.entries(result.counts).map(([k, n]) => `${n} ${k.replace("_", " ")}`);
  return `${result.processed} device${result.processed === 1 ? "" : "s"}: ${
    parts.join(", ") || "nothing to do"
  }`;
}

/**
 * Devices per batch: a batch of more than one wave starts a worker that reads ahead
 * (`registry/section_reader.ts`), so few large batches start it few times.
 */
const CLI_BATCH = 10_000;

/** The `sync` command. */
export const syncCommand: Command = {
  name: "sync",
  summary: "synchronise devices into the registry now",
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, SYNC_OPTIONS, true);
    if (values.help) {
      print(helpText(
        "inventory sync [--limit N] [--force] [--json]",
        `Imports new devices (entity, import/link and location rules) and updates the computers of
changed ones, section by section. The server does this by itself as inventories arrive; this
command runs it now, with a progress bar. Devices that are not imported are listed by
\`inventory inbox\` with the reason.`,
        SYNC_OPTIONS,
      ));
      return 0;
    }
    if (positionals.length) throw new CliError("`sync` takes no arguments", EXIT.usage);
    // A full import writes gigabytes of WAL: checkpointing it at each COMMIT, on this thread,
    // stalled the synchronisation; the checkpoint worker copies it back on the other core.
    const config = configFrom(values);
    const ctx = await explainStartup(() =>
      openContext(config, { log: createLogger({ level: "error" }), backgroundCheckpoints: true })
    );
    try {
      const limit = intOption(values.limit, Number.MAX_SAFE_INTEGER);
      const started = performance.now();
      const waiting = (await devicesWithWork(ctx.db, Math.min(limit, 10_000_000))).length;
      const bar = values.json || waiting === 0 ? null : new ProgressBar("sync", waiting);
      let result: BatchResult | undefined;
      const total: BatchResult = {
        processed: 0,
        counts: {},
        errors: [],
        more: false,
        outcomes: [],
      };
      do {
        let ticked = 0;
        result = await syncBatch(ctx, {
          limit: Math.min(CLI_BATCH, limit - total.processed),
          force: values.force === true,
          onProgress: (done) => {
            bar?.tick(done - ticked);
            ticked = done;
          },
        });
        total.processed += result.processed;
        for (const [k, n] of Object.entries(result.counts)) {
          const key = k as keyof BatchResult["counts"];
          total.counts[key] = (total.counts[key] ?? 0) + (n ?? 0);
        }
        total.errors.push(...result.errors);
      } while (result.more && total.processed < limit && result.processed > 0);
      bar?.finish();
      if (values.json) {
        const elapsedMs = Math.round(performance.now() - started);
        print(JSON.stringify({ ...total, outcomes: undefined, elapsedMs }, null, 2));
      } else {
        print(summary(total));
        for (const e of total.errors) print(`  device ${e.deviceId}: ${e.message}`);
      }
      return total.errors.length ? EXIT.failure : 0;
    } finally {
      await closeContext(ctx);
    }
  },
};

const INBOX_OPTIONS: OptionDoc[] = [
  ...DATA_OPTIONS,
  {
    flag: "status",
    type: "string",
    value: "S",
    help: "list only: pending, refused, unmatched or failed",
  },
  {
    flag: "entity",
    type: "string",
    value: "ENTITY",
    help: "with `import`: import into this entity (skips the entity rules)",
  },
  { flag: "limit", type: "string", value: "N", help: "at most N rows (default 100)" },
  { flag: "json", type: "boolean", help: "print JSON" },
];

/** The `inbox` command. */
export const inboxCommand: Command = {
  name: "inbox",
  summary: "devices not in the registry: reasons, traces, import, retry",
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, INBOX_OPTIONS, true);
    if (values.help) {
      print(helpText(
        `inventory inbox [list] [--status S] [--json]
       inventory inbox show DEVICE [--json]
       inventory inbox import DEVICE… [--entity E]
       inventory inbox retry`,
        `Devices waiting for approval, refused by a rule or the TAG lists, matching no rule, or failed.
\`show\` prints the rule trace that decided it. \`import\` approves devices (also in manual approval
mode), optionally into a chosen entity. \`retry\` replays the rules over every refused, unmatched
and failed device, e.g. after you changed a rule.`,
        INBOX_OPTIONS,
      ));
      return 0;
    }
    const [action = "list", ...refs] = positionals;
    return await withDataContext(values, async (ctx) => {
      switch (action) {
        case "list": {
          const limit = intOption(values.limit, 100);
          const result = await listNotImported(ctx.db, {
            status: values.status as string | undefined,
            limit,
          });
          if (values.json) {
            print(jsonList(result.devices, { total: result.total, limit, offset: 0 }));
            return 0;
          }
          printTable(
            ["DEVICE", "NAME", "SERIAL", "TAG", "STATUS", "REASON", "LAST TRY"],
            result.devices.map((d) => [
              String(d.device_id),
              d.name,
              d.serial,
              d.tag ?? "",
              d.status,
              d.reason,
              shortTime(d.last_at),
            ]),
            60,
          );
          print(`${result.devices.length} of ${result.total} device(s) not imported`);
          return 0;
        }
        case "show": {
          if (refs.length !== 1) throw new CliError("`show` takes one DEVICE", EXIT.usage);
          const device = await findDevice(ctx.db, refs[0]!);
          if (!device) throw new CliError(`No device "${refs[0]}"`, EXIT.failure);
          const row = await notImportedTrace(ctx.db, device.id);
          if (!row) {
            throw new CliError(`Device ${device.deviceid} is not in the inbox`, EXIT.failure);
          }
          if (values.json) {
            print(JSON.stringify(row, null, 2));
            return 0;
          }
          print(`${device.deviceid}: ${row.status} — ${row.reason}`);
          for (const result of row.trace as CollectionResult[]) {
            for (const line of explainResult(result)) print(line);
          }
          return 0;
        }
        case "import": {
          if (refs.length === 0) throw new CliError("`import` takes DEVICE…", EXIT.usage);
          const deviceIds: number[] = [];
          for (const ref of refs) {
            const device = await findDevice(ctx.db, ref);
            if (!device) throw new CliError(`No device "${ref}"`, EXIT.failure);
            deviceIds.push(device.id);
          }
          let entityId: number | undefined;
          if (typeof values.entity === "string") {
            const entity = await findEntity(ctx.db, values.entity);
            if (!entity) throw new CliError(`No entity "${values.entity}"`, EXIT.failure);
            entityId = entity.id;
          }
          const result = await syncBatch(ctx, {
            deviceIds,
            approved: true,
            ...(entityId !== undefined ? { entityId } : {}),
            actor: Deno.env.get("USER") ?? "cli",
          });
          for (const o of result.outcomes) {
            print(
              o.kind === "not_imported"
                ? `device ${o.deviceId}: not imported — ${o.reason}`
                : `device ${o.deviceId}: ${o.kind}${
                  "computerId" in o ? ` → computer ${o.computerId}` : ""
                }`,
            );
          }
          for (const e of result.errors) print(`device ${e.deviceId}: error — ${e.message}`);
          return result.errors.length || result.counts.not_imported ? EXIT.failure : 0;
        }
        case "retry": {
          const result = await retryNotImported(ctx, { limit: 100_000 });
          print(summary(result));
          return 0;
        }
        default:
          throw new CliError(`Unknown action "${action}". See --help`, EXIT.usage);
      }
    });
  },
};
