/**
 * `inventory sources`: existing OCS servers read as sources (the ocsinventoryng plugin's servers):
 * add one by its database URL (tested first: connection, schema version, TRACE_DELETED), list,
 * show with its counts and last errors, test, change, remove, and synchronise now with a
 * progress bar (the first run is the one-shot migration of the whole OCS database).
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
import type { ServerContext } from "../context.ts";
import { SourceError } from "../sources/ocs/connection.ts";
import { type SourceRunResult, summary, syncSource } from "../sources/ocs/sync.ts";
import { testNewSource, testSource } from "../sources/service.ts";
import {
  addSource,
  findSource,
  listSources,
  removeSource,
  sourceErrors,
  type SourceOptions,
  type SourceRow,
  type SourceView,
  sourceView,
  updateSource,
} from "../sources/store.ts";
import { DATA_OPTIONS, intOption, jsonList, withDataContext } from "./common.ts";

const OPTIONS: OptionDoc[] = [
  ...DATA_OPTIONS,
  {
    flag: "url",
    type: "string",
    value: "URL",
    help: "mysql://USER[:PASSWORD]@HOST[:PORT]/ocsweb (the password is stored encrypted)",
  },
  {
    flag: "password-env",
    type: "string",
    value: "VAR",
    help: "read the password from this environment variable instead (nothing stored)",
  },
  {
    flag: "entity",
    type: "string",
    value: "ENTITY",
    help: 'every computer of the source into this entity ("" for the entity rules)',
  },
  {
    flag: "tag-location",
    type: "string",
    value: "yes|no",
    help: "the OCS TAG names the location (created when missing)",
  },
  {
    flag: "tag-entity",
    type: "string",
    value: "yes|no",
    help: "the OCS TAG picks the entity that has it as inventory TAG",
  },
  {
    flag: "skip",
    type: "string",
    value: "SECTIONS",
    help: 'sections not imported, comma-separated (e.g. SOFTWARES,REGISTRY; "" for none)',
  },
  {
    flag: "soft-dict",
    type: "string",
    value: "yes|no",
    help: "software names through OCS's dictionary (dico_soft)",
  },
  { flag: "enabled", type: "string", value: "yes|no", help: "synchronised by sync-sources" },
  {
    flag: "settle",
    type: "string",
    value: "SECONDS",
    help: "computers inventoried less than this ago wait for the next run (default 180)",
  },
  {
    flag: "every",
    type: "string",
    value: "SECONDS",
    help: "this source's automatic synchronisation every SECONDS (default 60, at least 60)",
  },
  { flag: "no-test", type: "boolean", help: "with `add`: store without testing the connection" },
  { flag: "all", type: "boolean", help: "with `sync`: every enabled source" },
  { flag: "limit", type: "string", value: "N", help: "with `sync`: at most N changed computers" },
  { flag: "json", type: "boolean", help: "print JSON" },
];

const USAGE = `inventory sources [list] [--json]
       inventory sources add ocs NAME --url mysql://USER:PASSWORD@HOST:PORT/ocsweb [options]
       inventory sources show|test|remove NAME [--json]
       inventory sources set NAME [--url URL] [--password-env VAR] [--entity E] [options]
       inventory sources sync NAME|--all [--limit N] [--json]`;
const DESCRIPTION =
  `Existing OCS Inventory servers as sources: their database is read (never written) and each
computer goes through the same store and rules as an agent's inventory, so a machine known
through OCS that later reports here directly is one computer. \`add\` tests the connection, the
schema version and TRACE_DELETED (required: it records deletions and merges) and stores nothing
if one fails. The server synchronises each enabled source every minute, or every --every seconds
(task sync-sources);
\`sync\` does it now, with a progress bar: the first one imports the whole OCS database.
Passwords are never printed.`;

const ACTIONS = ["list", "add", "show", "test", "set", "remove", "sync"];

function yesNo(value: unknown, flag: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (value === "yes" || value === "true" || value === "1") return true;
  if (value === "no" || value === "false" || value === "0") return false;
  throw new CliError(`--${flag} takes yes or no`, EXIT.usage);
}

function optionChanges(
  values: Record<string, unknown>,
): Partial<SourceOptions> & { entity?: string | null } {
  const out: Partial<SourceOptions> & { entity?: string | null } = {};
  if (typeof values.entity === "string") out.entity = values.entity || null;
  const tagLocation = yesNo(values["tag-location"], "tag-location");
  if (tagLocation !== undefined) out.tagLocation = tagLocation;
  const tagEntity = yesNo(values["tag-entity"], "tag-entity");
  if (tagEntity !== undefined) out.tagEntity = tagEntity;
  const dict = yesNo(values["soft-dict"], "soft-dict");
  if (dict !== undefined) out.softwareDictionary = dict;
  if (typeof values.skip === "string") out.skip = values.skip.split(",");
  if (values.settle !== undefined) out.settleSeconds = intOption(values.settle, 180);
  if (values.every !== undefined) out.everySeconds = intOption(values.every, 60);
  return out;
}

/** SourceErrors are the admin's to fix: one line, exit 1. */
async function sourceAction<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof SourceError) throw new CliError(error.message, EXIT.failure);
    throw error;
  }
}

async function mustFind(ctx: ServerContext, name: string): Promise<SourceRow> {
  const row = await findSource(ctx.db, name);
  if (!row) throw new CliError(`No source "${name}" (see inventory sources list)`, EXIT.failure);
  return row;
}

/** The `sources` command. */
export const sourcesCommand: Command = {
  name: "sources",
  summary: "existing OCS servers as sources: add, test, list, show, set, remove, sync",
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, OPTIONS, true);
    if (values.help) {
      print(helpText(USAGE, DESCRIPTION, OPTIONS));
      return 0;
    }
    const [action = "list", ...rest] = positionals;
    if (!ACTIONS.includes(action)) {
      throw new CliError(`Unknown action "${action}". See --help`, EXIT.usage);
    }
    const json = values.json === true;
    return await withDataContext(values, (ctx) =>
      sourceAction(async () => {
        switch (action) {
          case "list": {
            if (rest.length) throw new CliError("`sources list` takes no arguments", EXIT.usage);
            const sources = await listSources(ctx.db);
            if (json) print(jsonList(sources));
            else printSources(sources);
            return 0;
          }
          case "add":
            return await add(ctx, rest, values, json);
          case "sync":
            return await sync(ctx, rest, values, json);
        }
        if (rest.length !== 1) {
          throw new CliError(`\`sources ${action}\` takes one source NAME`, EXIT.usage);
        }
        const row = await mustFind(ctx, rest[0]!);
        switch (action) {
          case "show": {
            const view = await sourceView(ctx.db, row);
            const errors = await sourceErrors(ctx.db, row.id, 20);
            if (json) print(JSON.stringify({ ...view, lastErrors: errors }, null, 2));
            else printSource(view, errors);
            return 0;
          }
          case "test": {
            const check = await testSource(ctx, row);
            if (json) print(JSON.stringify({ ok: true, ...check }, null, 2));
            else {
              print(
                `${row.name}: OK, OCS schema ${check.version}, ${check.computers} computers, TRACE_DELETED on`,
              );
            }
            return 0;
          }
          case "set": {
            const updated = await updateSource(ctx.db, ctx.config.dataDir, row, {
              ...(typeof values.url === "string" ? { url: values.url } : {}),
              ...(typeof values["password-env"] === "string"
                ? { passwordEnv: values["password-env"] || null }
                : {}),
              ...(values.enabled !== undefined
                ? { enabled: yesNo(values.enabled, "enabled") }
                : {}),
              options: optionChanges(values),
            }, ctx.now());
            const view = await sourceView(ctx.db, updated);
            if (json) print(JSON.stringify(view, null, 2));
            else print(`source ${view.name} changed`);
            return 0;
          }
          case "remove": {
            await removeSource(ctx.db, row);
            if (json) print(JSON.stringify({ removed: row.name }));
            else print(`source ${row.name} removed (its computers stay in the registry)`);
            return 0;
          }
        }
        return 0;
      }));
  },
};

async function add(
  ctx: ServerContext,
  rest: string[],
  values: Record<string, unknown>,
  json: boolean,
): Promise<number> {
  const [kind, name, ...extra] = rest;
  if (kind !== "ocs" || !name || extra.length) {
    throw new CliError("usage: inventory sources add ocs NAME --url URL", EXIT.usage);
  }
  if (typeof values.url !== "string") throw new CliError("`sources add` needs --url", EXIT.usage);
  const passwordEnv = typeof values["password-env"] === "string"
    ? values["password-env"]
    : undefined;
  if (values["no-test"] !== true) {
    await testNewSource(values.url, passwordEnv ? { passwordEnv } : {});
  }
  const row = await addSource(ctx.db, ctx.config.dataDir, {
    name,
    kind: "ocs",
    url: values.url,
    ...(passwordEnv ? { passwordEnv } : {}),
    ...(values.enabled !== undefined ? { enabled: yesNo(values.enabled, "enabled") } : {}),
    options: optionChanges(values),
  }, ctx.now());
  const view = await sourceView(ctx.db, row);
  if (json) print(JSON.stringify(view, null, 2));
  else {
    print(
      `source ${view.name} added (${view.url}); it is synchronised every minute, or now with: inventory sources sync ${view.name}`,
    );
  }
  return 0;
}

async function sync(
  ctx: ServerContext,
  rest: string[],
  values: Record<string, unknown>,
  json: boolean,
): Promise<number> {
  let rows: SourceRow[];
  if (values.all === true) {
    if (rest.length) throw new CliError("give NAME or --all, not both", EXIT.usage);
    rows = await ctx.db.selectFrom("sources").selectAll().where("enabled", "=", 1)
      .orderBy("name").execute();
  } else {
    if (rest.length !== 1) throw new CliError("`sources sync` takes NAME or --all", EXIT.usage);
    rows = [await mustFind(ctx, rest[0]!)];
  }
  const limit = values.limit === undefined ? undefined : intOption(values.limit, 0);
  const results: (SourceRunResult & { name: string })[] = [];
  let failed = false;
  for (const row of rows) {
    let bar: ProgressBar | null = null;
    let shown = 0;
    try {
      const result = await syncSource(ctx, row, {
        ...(limit !== undefined ? { limit } : {}),
        onProgress: (done, total) => {
          if (json || total === 0) return;
          bar ??= new ProgressBar(row.name, total);
          bar.tick(done - shown);
          shown = done;
        },
      });
      (bar as ProgressBar | null)?.finish();
      results.push({ name: row.name, ...result });
      if (!json) {
        print(`${row.name}: ${summary(result)}`);
        for (const e of result.errors.slice(0, 20)) print(`  OCS id ${e.ocsId}: ${e.message}`);
      }
      if (result.errors.length) failed = true;
    } catch (error) {
      (bar as ProgressBar | null)?.finish();
      if (!(error instanceof SourceError) || rows.length === 1) throw error;
      failed = true;
      print(`${row.name}: ${error.message}`);
    }
  }
  if (json) print(JSON.stringify(results, null, 2));
  return failed ? EXIT.failure : 0;
}

function printSources(sources: SourceView[]): void {
  if (sources.length === 0) {
    print("No sources. Add one with: inventory sources add ocs NAME --url mysql://…/ocsweb");
    return;
  }
  printTable(
    ["NAME", "URL", "ON", "COMPUTERS", "LAST SYNC", "STATUS"],
    sources.map((s) => [
      s.name,
      s.url,
      s.enabled ? "yes" : "no",
      String(s.counts.computers),
      s.lastSyncAt ? shortTime(s.lastSyncAt) : "never",
      s.lastStatus === "error" ? `error: ${s.lastMessage ?? ""}` : s.lastStatus ?? "-",
    ]),
  );
}

function printSource(
  s: SourceView,
  errors: { ocsId: number; at: string; message: string }[],
): void {
  const lines = [
    `name:          ${s.name} (${s.kind}, id ${s.id})`,
    `url:           ${s.url}`,
    `password:      ${s.password}`,
    `enabled:       ${s.enabled ? "yes" : "no"}`,
    `OCS schema:    ${s.ocsVersion ?? "not checked yet"}`,
    `entity:        ${s.options.entityId ?? "by the entity rules"}${
      s.options.tagEntity ? " (TAG picks the entity)" : ""
    }`,
    `TAG location:  ${s.options.tagLocation ? "yes" : "no"}`,
    `skipped:       ${s.options.skip.join(", ") || "none"}`,
    `dictionary:    ${s.options.softwareDictionary ? "yes" : "no"}`,
    `last sync:     ${s.lastSyncAt ? shortTime(s.lastSyncAt) : "never"} ${s.lastStatus ?? ""}`,
    `last message:  ${s.lastMessage ?? "-"}`,
    `computers:     ${s.counts.computers}`,
    `totals:        ${s.counts.imported} imported, ${s.counts.updated} updated, ${s.counts.trashed} deleted in OCS, ${s.counts.merged} merged, ${s.counts.refused} refused by rules, ${s.counts.errors} errors`,
  ];
  print(lines.join("\n"));
  if (errors.length) {
    print("last errors:");
    for (const e of errors) {
      print(`  ${shortTime(e.at)}  ${e.ocsId ? `OCS id ${e.ocsId}` : "source"}: ${e.message}`);
    }
  }
}
