/**
 * One run of an automatic action: when, how long, status, volume, trigger, outcome, and every
 * progress line it logged.
 *
 * @module
 */

import type { Principal } from "../../server/auth/rights.ts";
import type { RunLine, RunRecord } from "../../server/tasks/run_log.ts";
import type { Notice } from "../components.tsx";
import { Layout } from "../layout.tsx";
import { duration, localTime, StatusBadge } from "./tasks.tsx";

/** What the run page shows. */
export interface TaskRunPageProps {
  principal: Principal;
  csrfToken: string;
  notice?: Notice | null;
  run: RunRecord & { lines: RunLine[] };
}

/** The run page. */
export function TaskRunPage(props: TaskRunPageProps) {
  const { run } = props;
  const task = `/tasks/${encodeURIComponent(run.task)}`;
  return (
    <Layout
      title={`${run.task} run #${run.id}`}
      principal={props.principal}
      csrfToken={props.csrfToken}
      current="tasks"
      notice={props.notice}
    >
      <p class="breadcrumb">
        <a href="/tasks">Automatic actions</a> › <a href={task}>{run.task}</a> ›
      </p>
      <h1>
        {run.task} run #{run.id} <StatusBadge status={run.status} />
      </h1>
      <section class="panel" aria-labelledby="run-summary-title">
        <h2 id="run-summary-title" class="visually-hidden">Summary</h2>
        <dl class="facts">
          <dt>Started</dt>
          <dd>
            <time datetime={run.started_at}>{localTime(run.started_at)}</time>
          </dd>
          <dt>Ended</dt>
          <dd>
            {run.ended_at ? <time datetime={run.ended_at}>{localTime(run.ended_at)}</time> : (
              <>
                still running · <a href={`${task}/runs/${run.id}`}>reload</a>
              </>
            )}
          </dd>
          <dt>Duration</dt>
          <dd>{run.duration_ms === null ? "–" : duration(run.duration_ms)}</dd>
          <dt>Volume</dt>
          <dd>{run.volume} items</dd>
          <dt>Trigger</dt>
          <dd>{run.trigger === "forced" ? "run now" : run.trigger}</dd>
          <dt>Process</dt>
          <dd>
            <code>{run.owner}</code>
          </dd>
          <dt>Outcome</dt>
          <dd data-testid="run-message">{run.message ?? "–"}</dd>
        </dl>
      </section>
      <section aria-labelledby="run-lines-title">
        <h2 id="run-lines-title">Log lines</h2>
        {run.lines.length === 0
          ? <p class="muted">This run logged no line.</p>
          : (
            <div class="table-wrap">
              <table class="run-lines">
                <caption class="visually-hidden">Progress lines of run {run.id}</caption>
                <thead>
                  <tr>
                    <th scope="col">Time</th>
                    <th scope="col">Elapsed</th>
                    <th scope="col" class="optional">Volume</th>
                    <th scope="col">Message</th>
                  </tr>
                </thead>
                <tbody>
                  {run.lines.map((line) => (
                    <tr key={line.id}>
                      <td>
                        <time datetime={line.at}>{localTime(line.at).slice(11)}</time>
                      </td>
                      <td>+{duration(line.elapsed_ms)}</td>
                      <td class="optional">{line.volume}</td>
                      <td class="line-message">{line.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
      </section>
    </Layout>
  );
}
