/**
 * Automatic actions (right "tasks"): the list with state, schedule, last and next run and
 * statistics; one task with its settings form, run log (paged) and each run's lines; run now,
 * enable, disable, edit.
 *
 * "Run now" goes through this process's scheduler, so the database lease keeps one run of a task
 * at a time across processes. A process without one (`--no-scheduler`, tests) builds one that
 * never runs on its own schedule, as `inventory tasks run` does, and runs the task here. The
 * answer waits briefly: a quick task shows its finished run, a long one shows as running.
 *
 * @module
 */

import { type Context, Hono } from "hono";
import { sql } from "kysely";
import type { ServerContext } from "../context.ts";
import { TaskSettingError } from "../tasks/errors.ts";
import { parseFrequency } from "../tasks/frequency.ts";
import { getRun, listRuns, runStatistics } from "../tasks/run_log.ts";
import type { RunNowResult, Scheduler } from "../tasks/runner.ts";
import { createScheduler } from "../tasks/start.ts";
import { checkChanges, type TaskChanges, updateTask } from "../tasks/store.ts";
import { listTaskViews, taskView } from "../tasks/view.ts";
import { parseWindow } from "../tasks/window.ts";
import { getTaskRow } from "../tasks/store.ts";
import type { Notice } from "../../ui/components.tsx";
import { TasksPage } from "../../ui/pages/tasks.tsx";
import { type TaskFormState, TaskPage } from "../../ui/pages/tasks_detail.tsx";
import { TaskRunPage } from "../../ui/pages/tasks_run.tsx";
import { readForm } from "./csrf.ts";
import type { AppEnv } from "./env.ts";
import { authOf, requireRight } from "./guards.ts";
import { seeOther, sendPage } from "./html.ts";
import { i18nOf } from "./i18n.ts";
import type { Messages } from "../../ui/i18n/messages.ts";
import { sendMessage } from "./message_page.tsx";
import { pageParamsOrFirst } from "./list_params.ts";
import { csvDownload } from "./csv_download.ts";

/** How long "run now" waits for the run to end before answering "running". */
const RUN_WAIT_MS = 2_000;
/** Runs per page of a task's log. */
const RUNS_PER_PAGE = 20;

/** The notice a `?notice=` names, in the reader's language. */
function noticeOf(t: Messages, key: string | undefined): Notice | undefined {
  const k = t.tasks;
  const notices: Record<string, Notice> = {
    enabled: { kind: "success", text: k.noticeEnabled },
    disabled: { kind: "success", text: k.noticeDisabled },
    saved: { kind: "success", text: k.noticeSaved },
    started: { kind: "info", text: k.noticeStarted },
    ran: { kind: "success", text: k.noticeRan },
  };
  return notices[key ?? ""];
}

/** The `/tasks` routes. */
export function consoleTasksRoutes(ctx: ServerContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const guard = requireRight(ctx, "tasks");
  let local: Promise<Scheduler> | null = null;

  /** The process's scheduler, or one that only runs what the console asks for. */
  const scheduler = (): Promise<Scheduler> => {
    if (ctx.scheduler) return Promise.resolve(ctx.scheduler);
    local ??= (async () => {
      const made = createScheduler(ctx);
      await made.init();
      return made;
    })();
    return local;
  };
  const definitions = (s: Scheduler) => s.taskNames.map((n) => s.definition(n)!);

  const notFound = (c: Context<AppEnv>) =>
    sendMessage(c, 404, {
      title: i18nOf(c).t.tasks.noSuchTask,
      message: i18nOf(c).t.tasks.noSuchTaskMessage(c.req.param("name") ?? ""),
      link: { href: "/tasks", label: i18nOf(c).t.tasks.allTasks },
    });

  app.get("/tasks", guard, async (c) => {
    const { principal, session } = authOf(c);
    const s = await scheduler();
    const now = ctx.now();
    const views = await listTaskViews(ctx.db, definitions(s), now);
    const statistics = new Map(
      await Promise.all(
        views.map(async (v) => [v.name, await runStatistics(ctx.db, v.name)] as const),
      ),
    );
    return sendPage(
      c,
      <TasksPage
        principal={principal}
        csrfToken={session?.csrfToken ?? ""}
        notice={noticeOf(i18nOf(c).t, c.req.query("notice"))}
        tasks={views.map((view) => ({ view, statistics: statistics.get(view.name)! }))}
        now={now}
        schedulerHere={ctx.scheduler !== null}
      />,
    );
  });

  app.get("/tasks.csv", guard, async (c) => {
    const views = await listTaskViews(ctx.db, definitions(await scheduler()), ctx.now());
    return csvDownload(c, ctx.now(), {
      name: "tasks",
      header: ({ t: { tasks: k } }) => [
        k.task,
        k.state,
        k.schedule,
        k.hoursHeader,
        k.lastRun,
        k.lastStatus,
        k.lastMessage,
        k.nextRun,
      ],
      pages: async function* (language) {
        const k = language.t.tasks;
        yield views.map((v) => [
          v.name,
          k.states[v.state] ?? v.state,
          v.frequency,
          v.hours === "all day" ? k.anyHour : v.hours,
          language.dateTime(v.lastRunAt),
          v.lastStatus ? k.statuses[v.lastStatus] ?? v.lastStatus : "",
          v.lastMessage ?? "",
          v.state === "disabled" ? "" : language.dateTime(v.nextRunAt),
        ]);
      },
    });
  });

  const detail = async (
    c: Context<AppEnv>,
    extra: {
      notice?: Notice | null;
      form?: TaskFormState;
      error?: string;
      status?: 200 | 400 | 409;
    } = {},
  ) => {
    const name = c.req.param("name") ?? "";
    const { principal, session } = authOf(c);
    const s = await scheduler();
    const row = await getTaskRow(ctx.db, name);
    if (!row) return notFound(c);
    const { paging, problem } = pageParamsOrFirst((k) => c.req.query(k), {
      perPage: RUNS_PER_PAGE,
      max: 200,
    });
    if (problem) extra.notice ??= { kind: "error", text: problem };
    const now = ctx.now();
    const view = taskView(row, s.definition(name), now);
    const [statistics, runs, total] = await Promise.all([
      runStatistics(ctx.db, name),
      listRuns(ctx.db, name, { limit: paging.limit, offset: paging.offset }),
      countRuns(ctx, name),
    ]);
    return sendPage(
      c,
      <TaskPage
        principal={principal}
        csrfToken={session?.csrfToken ?? ""}
        notice={extra.notice}
        view={view}
        statistics={statistics}
        runs={runs}
        total={total}
        page={paging.page}
        perPage={paging.perPage}
        now={now}
        schedulerHere={ctx.scheduler !== null}
        form={extra.form ?? formOf(view)}
        formError={extra.error}
      />,
      extra.status ?? 200,
    );
  };

  app.get(
    "/tasks/:name",
    guard,
    (c) => detail(c, { notice: noticeOf(i18nOf(c).t, c.req.query("notice")) }),
  );

  app.get("/tasks/:name/runs/:id", guard, async (c) => {
    const name = c.req.param("name");
    const id = c.req.param("id");
    const run = /^\d+$/.test(id) ? await getRun(ctx.db, Number(id)) : undefined;
    if (!run || run.task !== name) return notFound(c);
    const { principal, session } = authOf(c);
    return sendPage(
      c,
      <TaskRunPage
        principal={principal}
        csrfToken={session?.csrfToken ?? ""}
        notice={noticeOf(i18nOf(c).t, c.req.query("notice"))}
        run={run}
      />,
    );
  });

  app.post("/tasks/:name/run", guard, async (c) => {
    const name = c.req.param("name");
    const s = await scheduler();
    if (!s.definition(name)) return notFound(c);
    ctx.log.info("task run requested", { task: name, by: authOf(c).principal.login });
    // Not awaited past RUN_WAIT_MS: the run goes on after the answer (a backup may take minutes).
    const running: Promise<RunNowResult> = s.runNow(name).catch((error) => ({
      ran: false,
      reason: error instanceof Error ? error.message : String(error),
    }));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const waited = await Promise.race([
      running,
      new Promise<null>((resolve) => timer = setTimeout(() => resolve(null), RUN_WAIT_MS)),
    ]);
    clearTimeout(timer);
    if (waited === null) return seeOther(c, `/tasks/${encodeURIComponent(name)}?notice=started`);
    if (!waited.ran) {
      return detail(c, {
        notice: { kind: "error", text: i18nOf(c).t.tasks.notRun(waited.reason) },
        status: 409,
      });
    }
    return seeOther(
      c,
      `/tasks/${encodeURIComponent(name)}/runs/${waited.report.runId}?notice=ran`,
    );
  });

  for (const action of ["enable", "disable"] as const) {
    app.post(`/tasks/:name/${action}`, guard, async (c) => {
      const name = c.req.param("name");
      const changed = await ctx.writes.run((db) =>
        updateTask(db, name, { state: action === "enable" ? "scheduled" : "disabled" }, ctx.now())
      );
      if (!changed) return notFound(c);
      ctx.log.info(`task ${action}d`, { task: name, by: authOf(c).principal.login });
      return seeOther(c, `/tasks/${encodeURIComponent(name)}?notice=${action}d`);
    });
  }

  app.post("/tasks/:name/settings", guard, async (c) => {
    const name = c.req.param("name");
    const s = await scheduler();
    const definition = s.definition(name);
    if (!definition) return notFound(c);
    const form = await readForm(c) ?? new URLSearchParams();
    const state: TaskFormState = {
      frequency: form.get("frequency") ?? "",
      hours: form.get("hours") ?? "",
      param: form.get("param") ?? "",
      logsDays: form.get("logs_days") ?? "",
    };
    let changes: TaskChanges;
    try {
      const row = await getTaskRow(ctx.db, name);
      if (!row) return notFound(c);
      const current = formOf(taskView(row, definition, ctx.now()));
      changes = checkChanges(
        definition,
        changesOf(state, current, definition.param !== undefined, i18nOf(c).t),
      );
    } catch (error) {
      if (!(error instanceof TaskSettingError)) throw error;
      return detail(c, { form: state, error: error.message, status: 400 });
    }
    if (Object.keys(changes).length === 0) {
      return seeOther(c, `/tasks/${encodeURIComponent(name)}`);
    }
    await ctx.writes.run((db) => updateTask(db, name, changes, ctx.now()));
    ctx.log.info("task settings changed", { task: name, by: authOf(c).principal.login });
    return seeOther(c, `/tasks/${encodeURIComponent(name)}?notice=saved`);
  });

  return app;
}

/** The settings form showing a task's current settings. */
function formOf(view: ReturnType<typeof taskView>): TaskFormState {
  return {
    frequency: view.frequency,
    hours: view.hourMin === 0 && view.hourMax === 24 ? "all" : `${view.hourMin}-${view.hourMax}`,
    param: view.param?.value === null || view.param === null ? "" : String(view.param.value),
    logsDays: String(view.logsLifetimeDays),
  };
}

/**
 * The changes a posted form asks for: only inputs that differ from `current` (an unchanged
 * frequency does not move the next run).
 *
 * @throws {TaskSettingError} naming the input that is wrong
 */
function changesOf(
  state: TaskFormState,
  current: TaskFormState,
  hasParam: boolean,
  t: Messages,
): TaskChanges {
  const changes: TaskChanges = {};
  if (state.frequency.trim() !== current.frequency) {
    changes.frequency = parseFrequency(state.frequency);
  }
  if (state.hours.trim() !== current.hours) changes.window = parseWindow(state.hours);
  if (hasParam && state.param.trim() !== current.param) {
    const param = state.param.trim();
    if (param === "" || param === "default") changes.param = null;
    else if (/^-?\d+$/.test(param)) changes.param = Number(param);
    else throw new TaskSettingError(t.tasks.paramNotNumber(param));
  }
  const days = state.logsDays.trim();
  if (days !== current.logsDays) {
    if (!/^\d+$/.test(days)) {
      throw new TaskSettingError(t.tasks.retentionNotNumber(days));
    }
    changes.logsLifetimeDays = Number(days);
  }
  return changes;
}

async function countRuns(ctx: ServerContext, task: string): Promise<number> {
  const row = await ctx.db.selectFrom("task_runs").select(sql<number>`count(*)`.as("n"))
    .where("task", "=", task).executeTakeFirstOrThrow();
  return Number(row.n);
}
