/**
 * `/api/v1/tasks`: the automatic actions — list, one with statistics and recent runs, its run
 * log, run now (waits for the run and answers its report), enable/disable and settings. Tasks act
 * on the whole installation: reading needs a profile over every entity, acting the `tasks` right.
 *
 * @module
 */

import { type Context, Hono } from "hono";
import type { ServerContext } from "../../context.ts";
import type { TaskDefinition } from "../../tasks/definition.ts";
import { parseFrequency } from "../../tasks/frequency.ts";
import { getRun, listRuns } from "../../tasks/run_log.ts";
import type { Scheduler } from "../../tasks/runner.ts";
import { createScheduler } from "../../tasks/start.ts";
import { checkChanges, type TaskChanges, updateTask } from "../../tasks/store.ts";
import { listTaskViews, taskDetail } from "../../tasks/view.ts";
import { parseWindow } from "../../tasks/window.ts";
import type { AppEnv } from "../env.ts";
import { requireRight } from "../guards.ts";
import { ANY_OBJECT, pageOf, pagingQuery, ref, type RouteDoc } from "./docs.ts";
import {
  api,
  ApiFailure,
  badField,
  idParam,
  jsonObject,
  notFound,
  onlyKeys,
  page,
  paging,
  whole,
} from "./http.ts";

/** Schedulers made for processes that run none (`--no-scheduler`, tests): not started. */
const idleSchedulers = new WeakMap<ServerContext, Scheduler>();

/**
 * The process's scheduler, or an idle one that can still run a task now (under the same lease
 * as any other process) and has created the task rows.
 */
async function schedulerOf(ctx: ServerContext): Promise<Scheduler> {
  let scheduler = ctx.scheduler ?? idleSchedulers.get(ctx);
  if (!scheduler) idleSchedulers.set(ctx, scheduler = createScheduler(ctx));
  await scheduler.init();
  return scheduler;
}

/** The `/tasks` routes. */
export function tasksApi(ctx: ServerContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const read = requireRight(ctx, "read", { allEntities: true });
  const write = requireRight(ctx, "tasks");

  const definitions = async () => {
    const scheduler = await schedulerOf(ctx);
    return scheduler.taskNames.map((n) => scheduler.definition(n)!);
  };
  /** The definition of `:name`; 404 for a task this process does not know. */
  const known = async (c: Context<AppEnv>): Promise<TaskDefinition> => {
    const name = c.req.param("name") ?? "";
    const definition = (await schedulerOf(ctx)).definition(name);
    if (!definition) throw notFound(`No task "${name}"`);
    return definition;
  };

  app.get(
    "/tasks",
    read,
    api(async (c) => {
      const views = await listTaskViews(ctx.db, await definitions(), ctx.now());
      return c.json(whole(views));
    }),
  );

  app.get(
    "/tasks/:name",
    read,
    api(async (c) => {
      const definition = await known(c);
      return c.json(await taskDetail(ctx.db, definition, definition.name, ctx.now()));
    }),
  );

  app.patch(
    "/tasks/:name",
    write,
    api(async (c) => {
      const definition = await known(c);
      const changes = taskChanges(await jsonObject(c));
      // One key at a time, so a refusal names the field it is about.
      if (changes.param !== undefined) {
        field("param", () => checkChanges(definition, { param: changes.param }));
      }
      if (changes.logsLifetimeDays !== undefined) {
        field(
          "logs_lifetime_days",
          () => checkChanges(definition, { logsLifetimeDays: changes.logsLifetimeDays }),
        );
      }
      const now = ctx.now();
      await ctx.writes.run((db) => updateTask(db, definition.name, changes, now));
      return c.json(await taskDetail(ctx.db, definition, definition.name, ctx.now()));
    }),
  );

  app.post(
    "/tasks/:name/run",
    write,
    api(async (c) => {
      const definition = await known(c);
      const result = await (await schedulerOf(ctx)).runNow(definition.name);
      if (!result.ran) {
        throw new ApiFailure(409, `${definition.name} not run: ${result.reason}`, {
          reason: result.reason,
        });
      }
      return c.json(result.report);
    }),
  );

  app.get(
    "/tasks/:name/runs",
    read,
    api(async (c) => {
      const definition = await known(c);
      const paged = paging(c, { limit: 20, max: 500 });
      const total = await ctx.db.selectFrom("task_runs")
        .select((eb) => eb.fn.countAll<number>().as("n")).where("task", "=", definition.name)
        .executeTakeFirstOrThrow();
      const runs = await listRuns(ctx.db, definition.name, paged);
      return c.json(page(Number(total.n), paged, runs));
    }),
  );

  app.get(
    "/tasks/:name/runs/:run",
    read,
    api(async (c) => {
      const definition = await known(c);
      const id = idParam(c, "run", "run");
      const run = await getRun(ctx.db, id);
      if (!run || run.task !== definition.name) {
        throw notFound(`No run ${id} of ${definition.name}`);
      }
      return c.json(run);
    }),
  );

  return app;
}

/** The requested setting changes, parsed (TaskSettingError for bad values: 400). */
function taskChanges(body: Record<string, unknown>): TaskChanges {
  onlyKeys(body, ["enabled", "frequency", "hours", "param", "logs_lifetime_days"]);
  const changes: TaskChanges = {};
  if (body.enabled !== undefined) {
    if (typeof body.enabled !== "boolean") throw badField("enabled", "expected true or false");
    changes.state = body.enabled ? "scheduled" : "disabled";
  }
  if (body.frequency !== undefined) {
    if (typeof body.frequency !== "string" && typeof body.frequency !== "number") {
      throw badField("frequency", "expected seconds, a duration (6h) or a cron expression");
    }
    changes.frequency = field("frequency", () => parseFrequency(body.frequency as string));
  }
  if (body.hours !== undefined) {
    if (typeof body.hours !== "string") throw badField("hours", 'expected "FROM-TO", e.g. "22-6"');
    changes.window = field("hours", () => parseWindow(body.hours as string));
  }
  if (body.param !== undefined) {
    if (body.param !== null && !Number.isSafeInteger(body.param)) {
      throw badField("param", "expected a whole number, or null for the default");
    }
    changes.param = body.param as number | null;
  }
  if (body.logs_lifetime_days !== undefined) {
    if (!Number.isSafeInteger(body.logs_lifetime_days)) {
      throw badField("logs_lifetime_days", "expected a whole number of days (0: forever)");
    }
    changes.logsLifetimeDays = body.logs_lifetime_days as number;
  }
  if (Object.keys(changes).length === 0) throw badField("(body)", "nothing to change");
  return changes;
}

/** Runs a parser, naming `name` in its error. */
function field<T>(name: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw badField(name, (error as Error).message);
  }
}

const NAME = { name: { description: "task name, e.g. backup", schema: { type: "string" } } };

/** The OpenAPI description of these routes. */
export const TASK_DOCS: RouteDoc[] = [
  {
    method: "get",
    path: "/tasks",
    tag: "tasks",
    summary: "Every task: state, schedule, last and next run",
    right: "read",
    allEntities: true,
    ok: {
      status: 200,
      description: "the tasks",
      schema: pageOf(ref("Task")),
    },
  },
  {
    method: "get",
    path: "/tasks/:name",
    tag: "tasks",
    summary: "A task with statistics and its recent runs",
    right: "read",
    allEntities: true,
    pathParams: NAME,
    ok: { status: 200, description: "the task", schema: ref("Task") },
    errors: [404],
  },
  {
    method: "patch",
    path: "/tasks/:name",
    tag: "tasks",
    summary: "Enable, disable or change a task's settings",
    right: "tasks",
    pathParams: NAME,
    body: { schema: ref("TaskChanges") },
    ok: { status: 200, description: "the task after the change", schema: ref("Task") },
    errors: [400, 404],
  },
  {
    method: "post",
    path: "/tasks/:name/run",
    tag: "tasks",
    summary: "Run a task now (even if disabled) and wait for its report",
    right: "tasks",
    pathParams: NAME,
    ok: { status: 200, description: "the run's report", schema: ref("RunReport") },
    errors: [404, 409],
  },
  {
    method: "get",
    path: "/tasks/:name/runs",
    tag: "tasks",
    summary: "A task's run log, newest first",
    right: "read",
    allEntities: true,
    pathParams: NAME,
    query: pagingQuery(20, 500),
    ok: {
      status: 200,
      description: "a page of runs",
      schema: pageOf(ANY_OBJECT),
    },
    errors: [400, 404],
  },
  {
    method: "get",
    path: "/tasks/:name/runs/:run",
    tag: "tasks",
    summary: "One run with its progress lines",
    right: "read",
    allEntities: true,
    pathParams: NAME,
    ok: { status: 200, description: "the run and its lines", schema: ANY_OBJECT },
    errors: [404],
  },
];
