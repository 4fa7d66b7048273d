/**
 * The automatic actions list: each task's state, schedule and hours, last run and result, next
 * run, and statistics of the runs still in its log, with "Run now" per task. Also the small
 * formatting pieces the task pages share (times, durations, statuses).
 *
 * @module
 */

import type { Principal } from "../../server/auth/rights.ts";
import type { RunStatistics } from "../../server/tasks/run_log.ts";
import type { TaskView } from "../../server/tasks/view.ts";
import { type Notice, PostForm } from "../components.tsx";
import { i18n } from "../i18n/format.ts";
import { Layout } from "../layout.tsx";

/** What the tasks page shows. */
export interface TasksPageProps {
  principal: Principal;
  csrfToken: string;
  notice?: Notice | null;
  tasks: { view: TaskView; statistics: RunStatistics }[];
  now: Date;
  /** Whether this process runs the scheduler (else other processes, or none, do). */
  schedulerHere: boolean;
}

/** The tasks page. */
export function TasksPage(props: TasksPageProps) {
  const { t } = i18n();
  const k = t.tasks;
  return (
    <Layout
      title={k.title}
      principal={props.principal}
      csrfToken={props.csrfToken}
      current="tasks"
      notice={props.notice}
    >
      <h1>{k.title}</h1>
      <SchedulerNote here={props.schedulerHere} />
      <p>
        <a class="button secondary" href="/tasks.csv">{i18n().t.common.exportCsv}</a>
      </p>
      <div class="table-wrap">
        <table class="tasks">
          <caption class="visually-hidden">
            {k.caption}
          </caption>
          <thead>
            <tr>
              <th scope="col">{k.task}</th>
              <th scope="col">{k.state}</th>
              <th scope="col">{k.schedule}</th>
              <th scope="col">{k.lastRun}</th>
              <th scope="col">{k.nextRun}</th>
              <th scope="col" class="optional">{k.runsInLog}</th>
              <th scope="col">
                <span class="visually-hidden">{k.actions}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {props.tasks.map(({ view, statistics }) => (
              <tr key={view.name} data-task={view.name}>
                <th scope="row">
                  <a href={`/tasks/${encodeURIComponent(view.name)}`}>{view.name}</a>
                  <div class="muted task-description">{taskDescription(view)}</div>
                </th>
                <td>
                  <StateBadge state={view.state} />
                </td>
                <td>
                  {scheduleText(view)}
                  <div class="muted">{view.hours === "all day" ? k.anyHour : view.hours}</div>
                </td>
                <td>
                  {view.lastRunAt
                    ? (
                      <>
                        <When iso={view.lastRunAt} now={props.now} />
                        <div>
                          <StatusBadge status={view.lastStatus} />{" "}
                          <span class="muted task-message">{view.lastMessage}</span>
                        </div>
                      </>
                    )
                    : <span class="muted">{k.never}</span>}
                </td>
                <td>
                  {view.state === "disabled"
                    ? <span class="muted">–</span>
                    : view.due.due
                    ? <span>{k.now}</span>
                    : view.nextRunAt
                    ? <When iso={view.nextRunAt} now={props.now} />
                    : <span class="muted">–</span>}
                </td>
                <td class="optional">
                  <RunCounts statistics={statistics} />
                </td>
                <td>
                  <PostForm
                    action={`/tasks/${encodeURIComponent(view.name)}/run`}
                    csrfToken={props.csrfToken}
                    label={k.runNowLabel(view.name)}
                  >
                    <button type="submit" class="secondary" disabled={view.state === "running"}>
                      {k.runNow}
                    </button>
                  </PostForm>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}

/** Says where scheduled runs happen when this process has no scheduler. */
export function SchedulerNote(props: { here: boolean }) {
  if (props.here) return null;
  const k = i18n().t.tasks;
  return (
    <p class="notice info" role="note">
      {k.schedulerNote1}
      <code>--no-scheduler</code>
      {k.schedulerNote2}
    </p>
  );
}

/** A task's description in the reader's language (the stored one for tasks we do not know). */
export function taskDescription(view: Pick<TaskView, "name" | "description">): string {
  return i18n().t.tasks.descriptions[view.name] ?? view.description;
}

/** "every 1h", "cron 15 3 * * *" in the reader's language. */
export function scheduleText(view: Pick<TaskView, "frequency" | "schedule">): string {
  const k = i18n().t.tasks;
  return view.schedule.startsWith("cron ") ? k.cron(view.frequency) : k.every(view.frequency);
}

/** Why a task is (not) due, with its dates in the reader's zone. */
export function dueText(view: TaskView): string {
  const { t, dateTime } = i18n();
  const due = t.tasks.due;
  const reason = view.due.reason;
  if (reason === "disabled") return due.disabled;
  if (view.lease && reason.startsWith("running")) {
    return due.running(view.lease.owner, dateTime(view.lease.expiresAt));
  }
  if (reason.startsWith("outside")) return due.outsideHours(view.hours);
  if (view.due.due) return due.dueSince(dateTime(view.nextRunAt ?? view.lastRunAt));
  if (view.nextRunAt) return due.nextRunAt(dateTime(view.nextRunAt));
  return reason;
}

/** "12 runs, 1 failed, avg 0.42 s". */
export function RunCounts(props: { statistics: RunStatistics }) {
  const s = props.statistics;
  const k = i18n().t.tasks;
  if (s.runs === 0) return <span class="muted">{k.none}</span>;
  const failed = s.errors + s.aborted;
  return (
    <span>
      {k.runs(s.runs)}
      {failed > 0 ? <span class="status-error">{k.failedCount(failed)}</span> : null}
      <span class="muted">{k.average(duration(s.durationMs.avg ?? 0))}</span>
    </span>
  );
}

/** The state of a task as a badge. */
export function StateBadge(props: { state: TaskView["state"] }) {
  return (
    <span class={`badge state-${props.state}`}>
      {i18n().t.tasks.states[props.state] ?? props.state}
    </span>
  );
}

/** A run status as a badge (error and aborted stand out). */
export function StatusBadge(props: { status: string | null }) {
  if (!props.status) return <span class="muted">–</span>;
  return (
    <span class={`badge status-${props.status}`}>
      {i18n().t.tasks.statuses[props.status] ?? props.status}
    </span>
  );
}

/** A time: the server's local date and time, and how long ago or ahead. */
export function When(props: { iso: string; now: Date }) {
  return (
    <time datetime={props.iso} title={props.iso}>
      {localTime(props.iso)} <span class="muted">({relative(props.iso, props.now)})</span>
    </time>
  );
}

/** The date and time in the reader's language and time zone. */
export function localTime(iso: string): string {
  return i18n().dateTime(iso);
}

/** "3 min ago", "in 2 h". */
export function relative(iso: string, now: Date): string {
  const ms = Date.parse(iso) - now.getTime();
  const abs = Math.abs(ms);
  const { t, number } = i18n();
  const text = abs < 60_000
    ? `${number(Math.round(abs / 1000))} s`
    : abs < 3_600_000
    ? `${number(Math.round(abs / 60_000))} min`
    : abs < 172_800_000
    ? `${number(Math.round(abs / 3_600_000))} h`
    : t.tasks.days(Math.round(abs / 86_400_000));
  return ms < 0 ? t.tasks.ago(text) : t.tasks.in(text);
}

/** "0.42 s", "12 s", "3 min 5 s". */
export function duration(ms: number): string {
  if (ms < 10_000) return `${i18n().number(ms / 1000, 2)} s`;
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}
