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
import { Layout } from "../layout.tsx";
import { Pagination } from "../list.tsx";
import { duration, SchedulerNote, StateBadge, StatusBadge, When } from "./tasks.tsx";

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
  return (
    <Layout
      title={`Task ${view.name}`}
      principal={props.principal}
      csrfToken={props.csrfToken}
      current="tasks"
      notice={props.notice}
    >
      <p class="breadcrumb">
        <a href="/tasks">Automatic actions</a> ›
      </p>
      <h1>
        {view.name} <StateBadge state={view.state} />
      </h1>
      <p>{view.description}</p>
      <SchedulerNote here={props.schedulerHere} />
      <div class="task-actions row-form">
        <PostForm action={`${base}/run`} csrfToken={props.csrfToken} label={`Run ${view.name} now`}>
          <button type="submit" disabled={view.state === "running"}>Run now</button>
        </PostForm>
        <PostForm
          action={`${base}/${view.state === "disabled" ? "enable" : "disable"}`}
          csrfToken={props.csrfToken}
          label={`${view.state === "disabled" ? "Enable" : "Disable"} ${view.name}`}
        >
          <button type="submit" class={view.state === "disabled" ? "secondary" : "danger"}>
            {view.state === "disabled" ? "Enable" : "Disable"}
          </button>
        </PostForm>
        {view.state === "disabled"
          ? <span class="muted">Run now works while disabled.</span>
          : null}
      </div>
      <div class="task-panels">
        <section class="panel" aria-labelledby="task-state-title">
          <h2 id="task-state-title">Schedule</h2>
          <dl class="facts">
            <dt>Frequency</dt>
            <dd>{view.schedule}</dd>
            <dt>Hours</dt>
            <dd>{view.hours}</dd>
            {view.param
              ? (
                <>
                  <dt>Parameter</dt>
                  <dd>
                    {view.param.value ?? "none"} <span class="muted">({view.param.meaning})</span>
                  </dd>
                </>
              )
              : null}
            <dt>Log kept</dt>
            <dd>{view.logsLifetimeDays === 0 ? "forever" : `${view.logsLifetimeDays} days`}</dd>
            <dt>Last run</dt>
            <dd>
              {view.lastRunAt
                ? (
                  <>
                    <When iso={view.lastRunAt} now={props.now} />{" "}
                    <StatusBadge status={view.lastStatus} />{" "}
                    <span class="muted">{view.lastMessage}</span>
                  </>
                )
                : "never"}
            </dd>
            <dt>Next run</dt>
            <dd>
              {view.nextRunAt ? <When iso={view.nextRunAt} now={props.now} /> : "–"}
              <div class="muted">{view.due.reason}</div>
            </dd>
            {view.lease
              ? (
                <>
                  <dt>Running in</dt>
                  <dd>
                    {view.lease.owner}
                    {view.lease.runId ? `, run #${view.lease.runId}` : ""}; lease until{" "}
                    <When iso={view.lease.expiresAt} now={props.now} />
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
      />
      <section aria-labelledby="runs-title">
        <h2 id="runs-title">Run log</h2>
        {props.total === 0 ? <p class="muted">No run in the log yet.</p> : (
          <>
            <div class="table-wrap">
              <table class="runs">
                <caption class="visually-hidden">Runs of {view.name}, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">Run</th>
                    <th scope="col">Started</th>
                    <th scope="col">Duration</th>
                    <th scope="col">Status</th>
                    <th scope="col" class="optional">Volume</th>
                    <th scope="col" class="optional">Trigger</th>
                    <th scope="col">Message</th>
                  </tr>
                </thead>
                <tbody>
                  {props.runs.map((run) => (
                    <tr key={run.id} data-run={run.id}>
                      <th scope="row">
                        <a href={`${base}/runs/${run.id}`} aria-label={`Run ${run.id}: its log`}>
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
                      <td class="optional">{run.trigger}</td>
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
  return (
    <section class="panel" aria-labelledby="task-stats-title">
      <h2 id="task-stats-title">Statistics</h2>
      {s.runs === 0 ? <p class="muted">No finished run in the log.</p> : (
        <dl class="facts">
          <dt>Runs</dt>
          <dd>
            {s.runs}
            {s.firstRun ? <span class="muted">{` since ${s.firstRun.slice(0, 10)}`}</span> : null}
          </dd>
          <dt>Failed</dt>
          <dd class={s.errors + s.aborted > 0 ? "status-error" : undefined}>
            {s.errors} error{s.errors === 1 ? "" : "s"}, {s.aborted} aborted
          </dd>
          <dt>Duration</dt>
          <dd>
            avg {duration(s.durationMs.avg ?? 0)}{" "}
            <span class="muted">
              (min {duration(s.durationMs.min ?? 0)}, max {duration(s.durationMs.max ?? 0)})
            </span>
          </dd>
          <dt>Volume</dt>
          <dd>
            avg {s.volume.avg ?? 0} <span class="muted">(total {s.volume.total})</span>
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
  },
) {
  const { form, error } = props;
  const errorId = error ? "task-settings-error" : undefined;
  return (
    <section class="panel" aria-labelledby="task-settings-title">
      <h2 id="task-settings-title">Settings</h2>
      {error
        ? (
          <div class="notice error" role="alert" id={errorId}>
            Not saved: {error}
          </div>
        )
        : null}
      <PostForm action={props.action} csrfToken={props.csrfToken} class="row-form task-settings">
        <Field
          id="task-frequency"
          name="frequency"
          label="Frequency"
          value={form.frequency}
          required
          hint={`90s, 15m, 6h, 1d, 1w, or cron "15 3 * * *", @daily`}
          describedBy={errorId}
        />
        <Field
          id="task-hours"
          name="hours"
          label="Hours"
          value={form.hours}
          hint="FROM-TO local hours, e.g. 22-6; all"
        />
        {props.param
          ? (
            <Field
              id="task-param"
              name="param"
              label="Parameter"
              inputMode="numeric"
              value={form.param}
              hint={`${props.param.meaning}; empty: default (${props.param.default ?? "none"})`}
            />
          )
          : null}
        <Field
          id="task-logs-days"
          name="logs_days"
          label="Log kept (days)"
          inputMode="numeric"
          value={form.logsDays}
          hint="0: forever"
        />
        <button type="submit">Save settings</button>
      </PostForm>
    </section>
  );
}
