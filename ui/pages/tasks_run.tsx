/**
 * One run of an automatic action: when, how long, status, volume, trigger, outcome, and every
 * progress line it logged.
 *
 * @module
 */

import type { Principal } from "../../server/auth/rights.ts";
import type { RunLine, RunRecord } from "../../server/tasks/run_log.ts";
import type { Notice } from "../components.tsx";
import { i18n } from "../i18n/format.ts";
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
  const { t, number } = i18n();
  const k = t.tasks;
  return (
    <Layout
      title={k.runTitle(run.task, run.id)}
      principal={props.principal}
      csrfToken={props.csrfToken}
      current="tasks"
      notice={props.notice}
    >
      <nav class="breadcrumb" aria-label={t.common.breadcrumb}>
        <a href="/tasks">{k.title}</a> › <a href={task}>{run.task}</a>
      </nav>
      <h1>
        {k.runTitle(run.task, run.id)} <StatusBadge status={run.status} />
      </h1>
      <section class="panel" aria-labelledby="run-summary-title">
        <h2 id="run-summary-title" class="visually-hidden">{k.summary}</h2>
        <dl class="facts">
          <dt>{k.started}</dt>
          <dd>
            <time datetime={run.started_at}>{localTime(run.started_at)}</time>
          </dd>
          <dt>{k.ended}</dt>
          <dd>
            {run.ended_at ? <time datetime={run.ended_at}>{localTime(run.ended_at)}</time> : (
              <>
                {k.stillRunning} · <a href={`${task}/runs/${run.id}`}>{k.reload}</a>
              </>
            )}
          </dd>
          <dt>{k.duration}</dt>
          <dd>{run.duration_ms === null ? "–" : duration(run.duration_ms)}</dd>
          <dt>{k.volume}</dt>
          <dd>{k.items(run.volume)}</dd>
          <dt>{k.trigger}</dt>
          <dd>{k.triggers[run.trigger] ?? run.trigger}</dd>
          <dt>{k.process}</dt>
          <dd>
            <code>{run.owner}</code>
          </dd>
          <dt>{k.outcome}</dt>
          <dd data-testid="run-message">{run.message ?? "–"}</dd>
        </dl>
      </section>
      <section aria-labelledby="run-lines-title">
        <h2 id="run-lines-title">{k.logLines}</h2>
        {run.lines.length === 0 ? <p class="muted">{k.noLine}</p> : (
          <div class="table-wrap">
            <table class="run-lines">
              <caption class="visually-hidden">{k.linesOf(run.id)}</caption>
              <thead>
                <tr>
                  <th scope="col">{k.time}</th>
                  <th scope="col">{k.elapsed}</th>
                  <th scope="col" class="optional">{k.volume}</th>
                  <th scope="col">{k.message}</th>
                </tr>
              </thead>
              <tbody>
                {run.lines.map((line) => (
                  <tr key={line.id}>
                    <td>
                      <time datetime={line.at}>{i18n().clock(line.at)}</time>
                    </td>
                    <td>+{duration(line.elapsed_ms)}</td>
                    <td class="optional">{number(line.volume)}</td>
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
