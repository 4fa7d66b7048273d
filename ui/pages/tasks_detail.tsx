/**
 * One automatic action: its state and schedule, why it is (not) due, run now, enable/disable,
 * statistics, the settings form (frequency, hours, parameter, log retention; a refused value
 * comes back as typed with the reason), and its run log, paged, each run linking to its lines.
 *
 * @module
 */

import type { Principal } from "../../server/auth/rights.ts";
import type { RunRecord, RunStatistics } from "../../server/tasks/run_log.ts";
import type { TaskView } from "../../server/tasks/view.ts";
import { Field, type Notice, PostForm } from "../components.tsx";
import { i18n } from "../i18n/format.ts";
import { Layout } from "../layout.tsx";
import { Pagination } from "../list.tsx";
import {
  dueText,
  duration,
  SchedulerNote,
  scheduleText,
  StateBadge,
  StatusBadge,
  taskDescription,
  When,
} from "./tasks.tsx";

/** The settings form's inputs, as typed. */
export interface TaskFormState {
  frequency: string;
  hours: string;
  param: string;
  logsDays: string;
}

/** What the task page shows. */
export interface TaskPageProps {
  principal: Principal;
  csrfToken: string;
  notice?: Notice | null;
  view: TaskView;
  statistics: RunStatistics;
  /** This page of the run log, newest first. */
  runs: RunRecord[];
  total: number;
  page: number;
  perPage: number;
  now: Date;
  schedulerHere: boolean;
  form: TaskFormState;
  /** Why the posted settings were refused. */
  formError?: string;
}

/** The task page. */
export function TaskPage(props: TaskPageProps) {
  const { view } = props;
  const base = `/tasks/${encodeURIComponent(view.name)}`;
  const { t } = i18n();
  const k = t.tasks;
  return (
    <Layout
      title={k.taskTitle(view.name)}
      principal={props.principal}
      csrfToken={props.csrfToken}
      current="tasks"
      notice={props.notice}
    >
      <nav class="breadcrumb" aria-label={t.common.breadcrumb}>
        <a href="/tasks">{k.title}</a>
      </nav>
      <h1>
        {view.name} <StateBadge state={view.state} />
      </h1>
      <p>{taskDescription(view)}</p>
      <SchedulerNote here={props.schedulerHere} />
      <div class="task-actions row-form">
        <PostForm
          action={`${base}/run`}
          csrfToken={props.csrfToken}
          label={k.runNowLabel(view.name)}
        >
          <button type="submit" disabled={view.state === "running"}>{k.runNow}</button>
        </PostForm>
        <PostForm
          action={`${base}/${view.state === "disabled" ? "enable" : "disable"}`}
          csrfToken={props.csrfToken}
          label={view.state === "disabled" ? k.enableLabel(view.name) : k.disableLabel(view.name)}
        >
          <button type="submit" class={view.state === "disabled" ? "secondary" : "danger"}>
            {view.state === "disabled" ? k.enable : k.disable}
          </button>
        </PostForm>
        {view.state === "disabled" ? <span class="muted">{k.runsWhileDisabled}</span> : null}
      </div>
      <div class="task-panels">
        <section class="panel" aria-labelledby="task-state-title">
          <h2 id="task-state-title">{k.schedule}</h2>
          <dl class="facts">
            <dt>{k.frequency}</dt>
            <dd>{scheduleText(view)}</dd>
            <dt>{k.hours}</dt>
            <dd>{view.hours === "all day" ? k.allDay : view.hours}</dd>
            {view.param
              ? (
                <>
                  <dt>{k.parameter}</dt>
                  <dd>
                    {view.param.value ?? k.none}{" "}
                    <span class="muted">({k.paramMeanings[view.name] ?? view.param.meaning})</span>
                  </dd>
                </>
              )
              : null}
            <dt>{k.logKept}</dt>
            <dd>{view.logsLifetimeDays === 0 ? k.forever : k.days(view.logsLifetimeDays)}</dd>
            <dt>{k.lastRun}</dt>
            <dd>
              {view.lastRunAt
                ? (
                  <>
                    <When iso={view.lastRunAt} now={props.now} />{" "}
                    <StatusBadge status={view.lastStatus} />{" "}
                    <span class="muted task-message">{view.lastMessage}</span>
                  </>
                )
                : k.never}
            </dd>
            <dt>{k.nextRun}</dt>
            <dd>
              {view.nextRunAt ? <When iso={view.nextRunAt} now={props.now} /> : "–"}
              <div class="muted">{dueText(view)}</div>
            </dd>
            {view.lease
              ? (
                <>
                  <dt>{k.runningIn}</dt>
                  <dd>
                    {view.lease.owner}
                    {view.lease.runId ? k.runNumber(view.lease.runId) : ""}
                    {k.leaseUntil} <When iso={view.lease.expiresAt} now={props.now} />
                  </dd>
                </>
              )
              : null}
          </dl>
        </section>
        <Statistics statistics={props.statistics} />
      </div>
      <SettingsForm
        action={`${base}/settings`}
        csrfToken={props.csrfToken}
        form={props.form}
        error={props.formError}
        param={view.param}
        paramMeaning={k.paramMeanings[view.name]}
      />
      <section aria-labelledby="runs-title">
        <h2 id="runs-title">{k.runLog}</h2>
        {props.total === 0 ? <p class="muted">{k.noRunYet}</p> : (
          <>
            <div class="table-wrap">
              <table class="runs">
                <caption class="visually-hidden">{k.runsOf(view.name)}</caption>
                <thead>
                  <tr>
                    <th scope="col">{k.run}</th>
                    <th scope="col">{k.started}</th>
                    <th scope="col">{k.duration}</th>
                    <th scope="col">{k.status}</th>
                    <th scope="col" class="optional">{k.volume}</th>
                    <th scope="col" class="optional">{k.trigger}</th>
                    <th scope="col">{k.message}</th>
                  </tr>
                </thead>
                <tbody>
                  {props.runs.map((run) => (
                    <tr key={run.id} data-run={run.id}>
                      <th scope="row">
                        <a href={`${base}/runs/${run.id}`} aria-label={k.runLogLabel(run.id)}>
                          #{run.id}
                        </a>
                      </th>
                      <td>
                        <When iso={run.started_at} now={props.now} />
                      </td>
                      <td>{run.duration_ms === null ? "–" : duration(run.duration_ms)}</td>
                      <td>
                        <StatusBadge status={run.status} />
                      </td>
                      <td class="optional">{run.volume}</td>
                      <td class="optional">{k.triggers[run.trigger] ?? run.trigger}</td>
                      <td>{run.message ?? ""}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pagination
              path={base}
              query={{}}
              page={props.page}
              perPage={props.perPage}
              total={props.total}
            />
          </>
        )}
      </section>
    </Layout>
  );
}

function Statistics(props: { statistics: RunStatistics }) {
  const s = props.statistics;
  const { t, number, date } = i18n();
  const k = t.tasks;
  return (
    <section class="panel" aria-labelledby="task-stats-title">
      <h2 id="task-stats-title">{k.statistics}</h2>
      {s.runs === 0 ? <p class="muted">{k.noFinishedRun}</p> : (
        <dl class="facts">
          <dt>{k.runsLabel}</dt>
          <dd>
            {number(s.runs)}
            {s.firstRun ? <span class="muted">{k.since(date(s.firstRun))}</span> : null}
          </dd>
          <dt>{k.failed}</dt>
          <dd class={s.errors + s.aborted > 0 ? "status-error" : undefined}>
            {k.errorsAborted(s.errors, s.aborted)}
          </dd>
          <dt>{k.duration}</dt>
          <dd>
            {k.avg(duration(s.durationMs.avg ?? 0))}{" "}
            <span class="muted">
              {k.minMax(duration(s.durationMs.min ?? 0), duration(s.durationMs.max ?? 0))}
            </span>
          </dd>
          <dt>{k.volume}</dt>
          <dd>
            {k.avg(number(s.volume.avg ?? 0, 1))}{" "}
            <span class="muted">{k.volumeTotal(s.volume.total)}</span>
          </dd>
        </dl>
      )}
    </section>
  );
}

function SettingsForm(
  props: {
    action: string;
    csrfToken: string;
    form: TaskFormState;
    error?: string;
    param: TaskView["param"];
    paramMeaning?: string;
  },
) {
  const { form, error } = props;
  const errorId = error ? "task-settings-error" : undefined;
  const k = i18n().t.tasks;
  return (
    <section class="panel" aria-labelledby="task-settings-title">
      <h2 id="task-settings-title">{k.settings}</h2>
      {error
        ? (
          <div class="notice error" role="alert" id={errorId}>
            {k.notSaved} {error}
          </div>
        )
        : null}
      <PostForm action={props.action} csrfToken={props.csrfToken} class="row-form task-settings">
        <Field
          id="task-frequency"
          name="frequency"
          label={k.frequency}
          value={form.frequency}
          required
          hint={k.frequencyHint}
          describedBy={errorId}
        />
        <Field
          id="task-hours"
          name="hours"
          label={k.hours}
          value={form.hours}
          hint={k.hoursHint}
        />
        {props.param
          ? (
            <Field
              id="task-param"
              name="param"
              label={k.parameter}
              inputMode="numeric"
              value={form.param}
              hint={k.paramHint(
                props.paramMeaning ?? props.param.meaning,
                String(props.param.default ?? k.none),
              )}
            />
          )
          : null}
        <Field
          id="task-logs-days"
          name="logs_days"
          label={k.logKeptDays}
          inputMode="numeric"
          value={form.logsDays}
          hint={k.logKeptHint}
        />
        <button type="submit">{k.saveSettings}</button>
      </PostForm>
    </section>
  );
}
