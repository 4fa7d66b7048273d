/**
 * `inventory tasks`: the automatic actions. List them, show one with its statistics, read its run
 * log, run one now (even when disabled, with a progress bar), enable, disable, change settings.
 * Works beside a running server: the database lease keeps one run of a task at a time.
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
  printError,
} from "../../cli/command.ts";
import { ProgressBar } from "../../cli/progress.ts";
import { createLogger } from "../log.ts";
import { closeContext, openContext } from "../serve.ts";
import type { ServerContext } from "../context.ts";
import type { RunProgress, TaskDefinition } from "../tasks/definition.ts";
import { TaskSettingError } from "../tasks/errors.ts";
import { parseFrequency } from "../tasks/frequency.ts";
import { getRun, listRuns, type RunRecord } from "../tasks/run_log.ts";
import type { RunReport, Scheduler } from "../tasks/runner.ts";
import { createScheduler } from "../tasks/start.ts";
import { checkChanges, type TaskChanges, updateTask } from "../tasks/store.ts";
import { listTaskViews, type TaskDetail, taskDetail, type TaskView } from "../tasks/view.ts";
import { parseWindow } from "../tasks/window.ts";
import { configFrom, DATA_OPTIONS, explainStartup, jsonList } from "./common.ts";

const OPTIONS: OptionDoc[] = [
  ...DATA_OPTIONS,
  { flag: "json", type: "boolean", help: "print JSON" },
  {
    flag: "frequency",
    type: "string",
    value: "FREQ",
    help: 'with `set`: seconds, 90s/15m/6h/1d/1w, or a cron expression ("15 3 * * *", @daily)',
  },
  {
    flag: "hours",
    type: "string",
    value: "FROM-TO",
    help: "with `set`: local hours it may start, e.g. 22-6 (wraps midnight); `all`",
  },
  {
    flag: "param",
    type: "string",
    value: "N|default",
    help: "with `set`: the task's parameter (see `show` for its meaning)",
  },
  {
    flag: "logs-days",
    type: "string",
    value: "DAYS",
    help: "with `set`: days of run log kept (0: forever)",
  },
  { flag: "run", type: "string", value: "ID", help: "with `log`: every line of one run" },
  { flag: "limit", type: "string", value: "N", help: "with `log`: at most N runs (default 20)" },
];
const USAGE = `inventory tasks [list] [--json]
       inventory tasks show NAME [--json]
       inventory tasks log NAME [--run ID] [--limit N] [--json]
       inventory tasks run NAME [--json]
       inventory tasks enable|disable NAME
       inventory tasks set NAME [--frequency F] [--hours FROM-TO] [--param N] [--logs-days D]`;
const DESCRIPTION =
  `Automatic actions run inside \`inventory serve\` on their frequency and hours, one run of a task at
a time across every server process sharing the database. \`run\` runs a task now in this process,
even when it is disabled (Ctrl-C asks it to stop cleanly). Tasks: backup, optimise, purge-logs,
alerts (and those the registry adds); \`list\` shows them with their next run.`;

const ACTIONS = ["list", "show", "log", "run", "enable", "disable", "set"] as const;
type Action = typeof ACTIONS[number];

/** The `tasks` command. */
export const tasksCommand: Command = {
  name: "tasks",
  summary: "automatic actions: list, show, log, run, enable, disable, set",
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, OPTIONS, true);
    if (values.help) {
      print(helpText(USAGE, DESCRIPTION, OPTIONS));
      return 0;
    }
    const [action = "list", name, ...extra] = positionals;
    if (!(ACTIONS as readonly string[]).includes(action)) {
      throw new CliError(`Unknown action "${action}". See --help`, EXIT.usage);
    }
    if (action === "list" ? name !== undefined : !name || extra.length > 0) {
      throw new CliError(
        action === "list"
          ? "`tasks list` takes no name"
          : `\`tasks ${action}\` takes one task name`,
        EXIT.usage,
      );
    }
    // Only the data options: `--frequency` here is the task's, not the server setting.
    const config = configFrom({ data: values.data, config: values.config });
    const ctx = await explainStartup(() =>
      openContext(config, { log: createLogger({ level: "error" }) })
    );
    try {
      const scheduler = createScheduler(ctx);
      await scheduler.init();
      return await perform(action as Action, name ?? "", values, ctx, scheduler);
    } finally {
      await closeContext(ctx);
    }
  },
};

async function perform(
  action: Action,
  name: string,
  values: Record<string, unknown>,
  ctx: ServerContext,
  scheduler: Scheduler,
): Promise<number> {
  const json = values.json === true;
  const definitions = scheduler.taskNames.map((n) => scheduler.definition(n)!);
  const definition = action === "list" ? undefined : known(scheduler, name);
  switch (action) {
    case "list": {
      const views = await listTaskViews(ctx.db, definitions, ctx.now());
      if (json) print(jsonList(views));
      else printList(views);
      return EXIT.ok;
    }
    case "show": {
      const detail = (await taskDetail(ctx.db, definition, name, ctx.now()))!;
      if (json) print(JSON.stringify(detail, null, 2));
      else printDetail(detail);
      return EXIT.ok;
    }
    case "log":
      return await printLog(ctx, name, values, json);
    case "run":
      return await runTask(scheduler, name, json);
    case "enable":
    case "disable":
    case "set": {
      const changes = action === "set"
        ? settingChanges(definition!, values)
        : { state: action === "enable" ? "scheduled" as const : "disabled" as const };
      const row = await ctx.writes.run((db) => updateTask(db, name, changes, ctx.now()));
      const view = (await listTaskViews(ctx.db, definitions, ctx.now()))
        .find((v) => v.name === row!.name)!;
      if (json) print(JSON.stringify(view, null, 2));
      else {
        print(
          `${view.name}: ${view.state}, ${view.schedule}, ${view.hours}${
            view.nextRunAt ? `, next run ${when(view.nextRunAt)}` : ""
          }`,
        );
      }
      return EXIT.ok;
    }
  }
}

function known(scheduler: Scheduler, name: string): TaskDefinition {
  const definition = scheduler.definition(name);
  if (!definition) {
    throw new CliError(`No task "${name}". Tasks: ${scheduler.taskNames.join(", ")}`, EXIT.failure);
  }
  return definition;
}

/** The changes `set` asks for, checked against the task. */
function settingChanges(definition: TaskDefinition, values: Record<string, unknown>): TaskChanges {
  const changes: TaskChanges = {};
  try {
    if (typeof values.frequency === "string") {
      changes.frequency = parseFrequency(values.frequency);
    }
    if (typeof values.hours === "string") changes.window = parseWindow(values.hours);
    if (typeof values.param === "string") {
      changes.param = values.param === "default" ? null : wholeNumber(values.param, "--param");
    }
    if (typeof values["logs-days"] === "string") {
      changes.logsLifetimeDays = wholeNumber(values["logs-days"], "--logs-days");
    }
    if (Object.keys(changes).length === 0) {
      throw new CliError("Nothing to set. See --help", EXIT.usage);
    }
    return checkChanges(definition, changes);
  } catch (error) {
    if (error instanceof TaskSettingError) throw new CliError(error.message, EXIT.usage);
    throw error;
  }
}

function wholeNumber(text: string, flag: string): number {
  if (!/^-?\d+$/.test(text.trim())) {
    throw new CliError(`${flag} takes a whole number, not "${text}"`, EXIT.usage);
  }
  return Number(text);
}

async function runTask(scheduler: Scheduler, name: string, json: boolean): Promise<number> {
  const stop = new AbortController();
  const onSignal = () => {
    printError(`stopping ${name}: it finishes or checkpoints its current step`);
    stop.abort(new Error("interrupted (SIGINT)"));
  };
  Deno.addSignalListener("SIGINT", onSignal);
  let bar: ProgressBar | null = null;
  let shown = 0;
  const onProgress = (progress: RunProgress) => {
    if (json) return;
    if (progress.total !== null && bar === null) bar = new ProgressBar(name, progress.total);
    if (bar) {
      bar.tick(progress.volume - shown);
      shown = progress.volume;
    } else if (progress.message) printError(`  ${progress.message}`);
  };
  try {
    const result = await scheduler.runNow(name, { onProgress, signal: stop.signal });
    (bar as ProgressBar | null)?.finish();
    if (!result.ran) {
      if (json) print(JSON.stringify({ ran: false, reason: result.reason }, null, 2));
      throw new CliError(`${name} not run: ${result.reason}`, EXIT.failure);
    }
    const report = result.report;
    if (json) print(JSON.stringify(report, null, 2));
    else printReport(report);
    return report.status === "error" || report.status === "aborted" ? EXIT.failure : EXIT.ok;
  } finally {
    Deno.removeSignalListener("SIGINT", onSignal);
  }
}

function printReport(report: RunReport): void {
  print(
    `${report.task} run #${report.runId}: ${report.status}, ${report.volume} items in ${
      seconds(report.durationMs)
    }: ${report.message}`,
  );
  if (report.nextRunAt) print(`next scheduled run ${when(report.nextRunAt)}`);
}

async function printLog(
  ctx: ServerContext,
  name: string,
  values: Record<string, unknown>,
  json: boolean,
): Promise<number> {
  if (typeof values.run === "string") {
    const run = await getRun(ctx.db, wholeNumber(values.run, "--run"));
    if (!run || run.task !== name) {
      throw new CliError(`No run ${values.run} of ${name}`, EXIT.failure);
    }
    if (json) print(JSON.stringify(run, null, 2));
    else {
      printRuns([run]);
      for (const line of run.lines) {
        print(
          `  ${when(line.at)}  +${seconds(line.elapsed_ms).padStart(7)}  ${
            String(line.volume).padStart(6)
          }  ${line.message}`,
        );
      }
    }
    return EXIT.ok;
  }
  const limit = typeof values.limit === "string" ? wholeNumber(values.limit, "--limit") : 20;
  const runs = await listRuns(ctx.db, name, { limit });
  if (json) print(jsonList(runs, { total: runs.length, limit, offset: 0 }));
  else if (runs.length === 0) print(`${name} has no run in its log`);
  else printRuns(runs);
  return EXIT.ok;
}

function printRuns(runs: RunRecord[]): void {
  table(
    ["RUN", "STARTED", "DURATION", "STATUS", "VOLUME", "TRIGGER", "MESSAGE"],
    runs.map((r) => [
      String(r.id),
      when(r.started_at),
      r.duration_ms === null ? "-" : seconds(r.duration_ms),
      r.status,
      String(r.volume),
      r.trigger,
      r.message ?? "",
    ]),
  );
}

function printList(views: TaskView[]): void {
  table(
    ["NAME", "STATE", "FREQUENCY", "HOURS", "LAST RUN", "RESULT", "NEXT RUN"],
    views.map((v) => [
      v.defined ? v.name : `${v.name} (not defined here)`,
      v.state,
      v.frequency,
      v.hours,
      v.lastRunAt ? when(v.lastRunAt) : "never",
      v.lastStatus ?? "-",
      v.state === "disabled" ? "-" : v.due.due ? "now" : v.nextRunAt ? when(v.nextRunAt) : "-",
    ]),
  );
}

function printDetail(d: TaskDetail): void {
  print(`${d.name}: ${d.description}`);
  print(`  state       ${d.state}${d.defined ? "" : " (not defined in this program: never runs)"}`);
  print(`  schedule    ${d.schedule}, hours ${d.hours}`);
  if (d.param) print(`  parameter   ${d.param.value ?? "none"} (${d.param.meaning})`);
  print(`  logs kept   ${d.logsLifetimeDays === 0 ? "forever" : `${d.logsLifetimeDays} days`}`);
  print(
    `  last run    ${d.lastRunAt ? when(d.lastRunAt) : "never"}${
      d.lastStatus ? `: ${d.lastStatus}, ${d.lastMessage ?? ""}` : ""
    }`,
  );
  print(`  next run    ${d.nextRunAt ? when(d.nextRunAt) : "-"} (${d.due.reason})`);
  if (d.lease) {
    print(`  lease       ${d.lease.owner} until ${when(d.lease.expiresAt)} (run ${d.lease.runId})`);
  }
  const s = d.statistics;
  print(
    `  statistics  ${s.runs} runs, ${s.errors} errors, ${s.aborted} aborted` +
      (s.firstRun ? `, since ${when(s.firstRun)}` : ""),
  );
  if (s.runs > 0) {
    print(
      `              duration min ${seconds(s.durationMs.min ?? 0)} avg ${
        seconds(s.durationMs.avg ?? 0)
      } max ${seconds(s.durationMs.max ?? 0)}; volume avg ${s.volume.avg} total ${s.volume.total}`,
    );
  }
  if (d.recentRuns.length > 0) {
    print("");
    printRuns(d.recentRuns);
  }
}

function table(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) =>
    Math.min(60, Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  );
  // The last column (a message) is never cut.
  const line = (cells: string[]) =>
    cells.map((c, i) => i === cells.length - 1 ? c : c.slice(0, widths[i]).padEnd(widths[i]!))
      .join("  ").trimEnd();
  print(line(header));
  for (const r of rows) print(line(r));
}

/** An ISO time as local "YYYY-MM-DD HH:MM:SS". */
function when(iso: string): string {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${
    p(d.getMinutes())
  }:${p(d.getSeconds())}`;
}

function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(2)}s` : `${Math.round(ms / 1000)}s`;
}
