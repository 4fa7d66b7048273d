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
  return (
    <Layout
      title="Automatic actions"
      principal={props.principal}
      csrfToken={props.csrfToken}
      current="tasks"
      notice={props.notice}
    >
      <h1>Automatic actions</h1>
      <SchedulerNote here={props.schedulerHere} />
      <div class="table-wrap">
        <table class="tasks">
          <caption class="visually-hidden">
            Automatic actions with their schedule, last and next run
          </caption>
          <thead>
            <tr>
              <th scope="col">Task</th>
              <th scope="col">State</th>
              <th scope="col">Schedule</th>
              <th scope="col">Last run</th>
              <th scope="col">Next run</th>
              <th scope="col" class="optional">Runs in the log</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {props.tasks.map(({ view, statistics }) => (
              <tr key={view.name} data-task={view.name}>
                <th scope="row">
                  <a href={`/tasks/${encodeURIComponent(view.name)}`}>{view.name}</a>
                  <div class="muted task-description">{view.description}</div>
                </th>
                <td>
                  <StateBadge state={view.state} />
                </td>
                <td>
                  {view.schedule}
                  <div class="muted">{view.hours === "all day" ? "any hour" : view.hours}</div>
                </td>
                <td>
                  {view.lastRunAt
                    ? (
                      <>
                        <When iso={view.lastRunAt} now={props.now} />
                        <div>
                          <StatusBadge status={view.lastStatus} />{" "}
                          <span class="muted">{view.lastMessage}</span>
                        </div>
                      </>
                    )
                    : <span class="muted">never</span>}
                </td>
                <td>
                  {view.state === "disabled"
                    ? <span class="muted">–</span>
                    : view.due.due
                    ? <span>now</span>
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
                    label={`Run ${view.name} now`}
                  >
                    <button type="submit" class="secondary" disabled={view.state === "running"}>
                      Run now
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
  return (
    <p class="notice info" role="note">
      This server process runs no scheduler (<code>--no-scheduler</code>): scheduled runs happen
      only in other server processes sharing this database. "Run now" runs a task in this process
      and waits for it.
    </p>
  );
}

/** "12 runs, 1 failed, avg 0.42 s". */
export function RunCounts(props: { statistics: RunStatistics }) {
  const s = props.statistics;
  if (s.runs === 0) return <span class="muted">none</span>;
  const failed = s.errors + s.aborted;
  return (
    <span>
      {s.runs} run{s.runs === 1 ? "" : "s"}
      {failed > 0 ? <span class="status-error">, {failed} failed</span> : null}
      <span class="muted">, avg {duration(s.durationMs.avg ?? 0)}</span>
    </span>
  );
}

/** The state of a task as a badge. */
export function StateBadge(props: { state: TaskView["state"] }) {
  return <span class={`badge state-${props.state}`}>{props.state}</span>;
}

/** A run status as a badge (error and aborted stand out). */
export function StatusBadge(props: { status: string | null }) {
  if (!props.status) return <span class="muted">–</span>;
  return <span class={`badge status-${props.status}`}>{props.status}</span>;
}

/** A time: the server's local date and time, and how long ago or ahead. */
export function When(props: { iso: string; now: Date }) {
  return (
    <time datetime={props.iso} title={props.iso}>
      {localTime(props.iso)} <span class="muted">({relative(props.iso, props.now)})</span>
    </time>
  );
}

/** "2026-11-21 08:00:00" in the server's time zone (the one task hours use). */
export function localTime(iso: string): string {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${
    p(d.getMinutes())
  }:${p(d.getSeconds())}`;
}

/** "3 min ago", "in 2 h". */
export function relative(iso: string, now: Date): string {
  const ms = Date.parse(iso) - now.getTime();
  const abs = Math.abs(ms);
  const text = abs < 60_000
    ? `${Math.round(abs / 1000)} s`
    : abs < 3_600_000
    ? `${Math.round(abs / 60_000)} min`
    : abs < 172_800_000
    ? `${Math.round(abs / 3_600_000)} h`
    : `${Math.round(abs / 86_400_000)} days`;
  return ms < 0 ? `${text} ago` : `in ${text}`;
}

/** "0.42 s", "12 s", "3 min 5 s". */
export function duration(ms: number): string {
  if (ms < 10_000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}
