/**
 * The dashboard: counts that link to the matching lists, the OS and manufacturer distribution,
 * the top software and the health of the automatic actions, as server-rendered SVG charts. An
 * entity-limited principal sees the figures of its entities only (the route computes them so).
 *
 * @module
 */

import type { ComponentChildren } from "preact";
import { can, type Principal } from "../../server/auth/rights.ts";
import type {
  DeviceFigures,
  FleetFigures,
  SoftwareRank,
  TaskHealth,
} from "../../server/registry/dashboard.ts";
import type { CacheRead } from "../../server/registry/dashboard_cache.ts";
import type { SoftwareCharts } from "../../server/registry/dashboard_software.ts";
import { BarChart, type ChartRow, DonutChart, Sparkline } from "../charts.tsx";
import type { Notice } from "../components.tsx";
import { i18n } from "../i18n/format.ts";
import { Layout } from "../layout.tsx";
import { listHref } from "../list.tsx";

/** Everything the dashboard shows. */
export interface DashboardData {
  fleet: FleetFigures;
  devices: DeviceFigures;
  software: CacheRead<SoftwareCharts>;
  /** Null for principals without the "tasks" right. */
  tasks: TaskHealth[] | null;
  /** The principal sees some entities only. */
  scoped: boolean;
}

const number = (n: number) => i18n().number(n);

/** "14:05 UTC" of an instant, in the reader's time zone. */
export function clockTime(date: Date): string {
  return i18n().clock(date);
}

/** The computers list filtered by `params` (parameter names of the computers list). */
export function computersHref(params: Record<string, string> = {}): string {
  return listHref("/computers", params);
}

/** The dashboard. */
export function DashboardPage(
  props: { principal: Principal; csrfToken: string; notice?: Notice | null; data: DashboardData },
) {
  const { data, principal } = props;
  const { t } = i18n();
  const d = t.dashboard;
  return (
    <Layout
      title={d.title}
      principal={principal}
      csrfToken={props.csrfToken}
      current="dashboard"
      notice={props.notice}
    >
      <h1>{d.title}</h1>
      <p class="muted">
        {data.scoped ? d.scoped : d.everyEntity}
      </p>
      <FleetTiles fleet={data.fleet} canTrash={can(principal, "trash")} />
      <DeviceTiles devices={data.devices} />
      <div class="dashboard-grid">
        <section class="panel" aria-labelledby="os-heading">
          <h2 id="os-heading">{d.operatingSystems}</h2>
          <DonutChart
            id="chart-os"
            title={d.byOs}
            unit={d.unitComputers}
            labelHeader={d.operatingSystem}
            rows={data.fleet.os.map((s): ChartRow => ({
              label: s.label || t.common.unknown,
              value: s.count,
              // Equality, as the chart counts: "contains" would add "… 12.1" to "… 12".
              ...(s.label ? { href: computersHref({ os_is: s.label }) } : {}),
            }))}
          />
        </section>
        <section class="panel" aria-labelledby="manufacturer-heading">
          <h2 id="manufacturer-heading">{d.manufacturers}</h2>
          <BarChart
            id="chart-manufacturers"
            title={d.byManufacturer}
            unit={d.unitComputers}
            labelHeader={d.manufacturer}
            rows={data.fleet.manufacturers.slice(0, 10).map((s) => ({
              label: s.label || t.common.unknown,
              value: s.count,
            }))}
          />
        </section>
      </div>
      <TopSoftware software={data.software} />
      {data.tasks ? <TaskHealthPanel tasks={data.tasks} /> : null}
    </Layout>
  );
}

function Tile(
  props: {
    value: number;
    label: string;
    href?: string;
    tone?: "warn";
    children?: ComponentChildren;
  },
) {
  const body = (
    <>
      <span class="stat-value">{number(props.value)}</span>
      <span class="stat-label">{props.label}</span>
      {props.children}
    </>
  );
  return (
    <li class={`stat${props.tone ? ` ${props.tone}` : ""}`}>
      {props.href ? <a href={props.href}>{body}</a> : <div>{body}</div>}
    </li>
  );
}

function FleetTiles(props: { fleet: FleetFigures; canTrash: boolean }) {
  const { fleet } = props;
  const weeks = fleet.newPerWeek;
  const d = i18n().t.dashboard;
  return (
    <section class="panel" aria-labelledby="fleet-heading">
      <h2 id="fleet-heading">{d.computersHeading}</h2>
      <ul class="stat-tiles">
        <Tile value={fleet.computers} label={d.computers} href={computersHref()} />
        <Tile value={fleet.newThisWeek} label={d.newThisWeek}>
          <Sparkline
            id="spark-new"
            title={d.newPerWeek(weeks.length)}
            description={d.oldestFirst(weeks.map(number).join(", "))}
            values={weeks}
          />
        </Tile>
        <Tile
          value={fleet.notSeen}
          label={d.notSeenFor(fleet.staleDays)}
          href={computersHref({ stale_days: String(fleet.staleDays) })}
          tone={fleet.notSeen > 0 ? "warn" : undefined}
        />
        <Tile
          value={fleet.trashed}
          label={d.inTrash}
          href={props.canTrash ? "/trash" : undefined}
        />
      </ul>
    </section>
  );
}

const INBOX_STATUSES = ["pending", "refused", "unmatched", "failed"];

function DeviceTiles(props: { devices: DeviceFigures }) {
  const { devices, inbox } = props.devices;
  const d = i18n().t.dashboard;
  return (
    <section class="panel" aria-labelledby="devices-heading">
      <h2 id="devices-heading">{d.devicesHeading}</h2>
      <ul class="stat-tiles">
        {inbox
          ? <Tile value={devices} label={d.devicesAgents} href="/devices/all" />
          : <Tile value={devices} label={d.devicesFeeding} href="/devices/all" />}
        {inbox
          ? INBOX_STATUSES.map((status) => (
            <Tile
              key={status}
              value={inbox[status] ?? 0}
              label={d.inbox[status] ?? status}
              href={`/devices?status=${status}`}
              tone={(inbox[status] ?? 0) > 0 && status !== "refused" ? "warn" : undefined}
            />
          ))
          : null}
      </ul>
      {inbox ? null : (
        <p class="muted">
          {d.inboxNoEntity}
        </p>
      )}
    </section>
  );
}

/** Bars of software ranks, each linking to the software's page (which shows the same count). */
function softwareRows(ranks: readonly SoftwareRank[]) {
  return ranks.map((s) => ({
    label: s.name,
    value: s.installs,
    href: `/software/${s.softwareId}`,
  }));
}

function TopSoftware(props: { software: CacheRead<SoftwareCharts> }) {
  const { software } = props;
  const d = i18n().t.dashboard;
  return (
    <section class="panel" aria-labelledby="software-heading">
      <h2 id="software-heading">{d.topSoftware}</h2>
      {software.state === "ready"
        ? (
          <>
            <p class="muted as-of">
              {d.countedAt}{" "}
              <time datetime={software.computedAt.toISOString()}>
                {clockTime(software.computedAt)}
              </time>
              {software.stale ? d.recounting : ""}
              {d.recountedOnce}
            </p>
            <BarChart
              id="chart-software"
              title={d.mostInstalled}
              unit={d.unitInstallations}
              labelHeader={d.software}
              rows={softwareRows(software.value.top)}
            />
            <h3 id="software-outside-heading">{d.outsideBase}</h3>
            <p class="muted">{d.outsideBaseHow}</p>
            <BarChart
              id="chart-software-outside"
              title={d.mostInstalledOutside}
              unit={d.unitInstallations}
              labelHeader={d.software}
              rows={softwareRows(software.value.outsideBase)}
            />
          </>
        )
        : software.state === "computing"
        ? (
          <p role="status">
            {d.counting}{" "}
            <time datetime={software.startedAt.toISOString()}>
              {clockTime(software.startedAt)}
            </time>
            ). <a href="/">{d.reload}</a>
            {d.inSeconds}
          </p>
        )
        : <p class="notice error">{d.countFailed} {software.message}</p>}
    </section>
  );
}

function TaskHealthPanel(props: { tasks: TaskHealth[] }) {
  const failing = props.tasks.filter((t) => t.failing).length;
  const { t } = i18n();
  const d = t.dashboard;
  if (props.tasks.length === 0) {
    return (
      <section class="panel" aria-labelledby="tasks-heading">
        <h2 id="tasks-heading">{d.automaticActions}</h2>
        <p class="muted">
          {d.noTasks}
        </p>
      </section>
    );
  }
  return (
    <section class="panel" aria-labelledby="tasks-heading">
      <h2 id="tasks-heading">{d.automaticActions}</h2>
      <p class={failing > 0 ? "task-summary failing" : "task-summary"}>
        {failing > 0 ? d.failing(failing, props.tasks.length) : d.healthy(props.tasks.length)}{" "}
        <a href="/events">{t.events.link}</a>
      </p>
      <div class="table-wrap">
        <table class="task-health">
          <caption class="visually-hidden">{d.lastResultCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{d.task}</th>
              <th scope="col">{d.state}</th>
              <th scope="col">{d.lastResult}</th>
              <th scope="col" class="optional">{d.lastRun}</th>
              <th scope="col" class="num">{d.recentErrors}</th>
            </tr>
          </thead>
          <tbody>
            {props.tasks.map((task) => (
              <tr key={task.name} class={task.failing ? "failing" : undefined}>
                <th scope="row">
                  <a href={`/tasks/${encodeURIComponent(task.name)}`}>{task.name}</a>
                  {task.failing ? <span class="badge off">{d.failingBadge}</span> : null}
                </th>
                <td>{t.tasks.states[task.state] ?? task.state}</td>
                <td>
                  {task.lastStatus
                    ? t.tasks.statuses[task.lastStatus] ?? task.lastStatus
                    : <span class="muted">{d.neverRun}</span>}
                  {task.lastStatus === "error" && task.lastMessage
                    ? <div class="muted task-message">{task.lastMessage}</div>
                    : null}
                </td>
                <td class="optional">
                  {task.lastRunAt
                    ? (
                      <time datetime={task.lastRunAt}>
                        {i18n().dateTime(task.lastRunAt)}
                      </time>
                    )
                    : "–"}
                </td>
                <td class="num">
                  {task.recentRuns > 0 ? d.errorsOf(task.recentErrors, task.recentRuns) : "–"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
