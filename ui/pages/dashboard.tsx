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
import { BarChart, type ChartRow, DonutChart, Sparkline } from "../charts.tsx";
import type { Notice } from "../components.tsx";
import { Layout } from "../layout.tsx";
import { listHref } from "../list.tsx";

/** Everything the dashboard shows. */
export interface DashboardData {
  fleet: FleetFigures;
  devices: DeviceFigures;
  software: CacheRead<SoftwareRank[]>;
  /** Null for principals without the "tasks" right. */
  tasks: TaskHealth[] | null;
  /** The principal sees some entities only. */
  scoped: boolean;
}

const number = (n: number) => n.toLocaleString("en");

/** "14:05 UTC" of an instant. */
export function clockTime(date: Date): string {
  return `${date.toISOString().slice(11, 16)} UTC`;
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
  return (
    <Layout
      title="Dashboard"
      principal={principal}
      csrfToken={props.csrfToken}
      current="dashboard"
      notice={props.notice}
    >
      <h1>Dashboard</h1>
      <p class="muted">
        {data.scoped
          ? "Figures for the computers of your entities only."
          : "Figures for every entity."}
      </p>
      <FleetTiles fleet={data.fleet} canTrash={can(principal, "trash")} />
      <DeviceTiles devices={data.devices} />
      <div class="dashboard-grid">
        <section class="panel" aria-labelledby="os-heading">
          <h2 id="os-heading">Operating systems</h2>
          <DonutChart
            id="chart-os"
            title="Computers by operating system"
            unit="computers"
            labelHeader="Operating system"
            rows={data.fleet.os.map((s): ChartRow => ({
              label: s.label || "Unknown",
              value: s.count,
              ...(s.label ? { href: computersHref({ os: s.label }) } : {}),
            }))}
          />
        </section>
        <section class="panel" aria-labelledby="manufacturer-heading">
          <h2 id="manufacturer-heading">Manufacturers</h2>
          <BarChart
            id="chart-manufacturers"
            title="Computers by manufacturer"
            unit="computers"
            labelHeader="Manufacturer"
            rows={data.fleet.manufacturers.slice(0, 10).map((s) => ({
              label: s.label || "Unknown",
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
  return (
    <section class="panel" aria-labelledby="fleet-heading">
      <h2 id="fleet-heading">Computers</h2>
      <ul class="stat-tiles">
        <Tile value={fleet.computers} label="computers" href={computersHref()} />
        <Tile value={fleet.newThisWeek} label="new this week">
          <Sparkline
            id="spark-new"
            title={`New computers per week, last ${weeks.length} weeks`}
            description={`Oldest week first: ${weeks.map(number).join(", ")}.`}
            values={weeks}
          />
        </Tile>
        <Tile
          value={fleet.notSeen}
          label={`not seen for ${fleet.staleDays} days`}
          href={computersHref({ stale_days: String(fleet.staleDays) })}
          tone={fleet.notSeen > 0 ? "warn" : undefined}
        />
        <Tile
          value={fleet.trashed}
          label="in the trash"
          href={props.canTrash ? "/trash" : undefined}
        />
      </ul>
    </section>
  );
}

const INBOX_LABELS: Record<string, string> = {
  pending: "pending approval",
  refused: "refused",
  unmatched: "matched no rule",
  failed: "failed",
};

function DeviceTiles(props: { devices: DeviceFigures }) {
  const { devices, inbox } = props.devices;
  return (
    <section class="panel" aria-labelledby="devices-heading">
      <h2 id="devices-heading">Devices</h2>
      <ul class="stat-tiles">
        {inbox
          ? <Tile value={devices} label="devices (agents)" href="/devices" />
          : <Tile value={devices} label="devices feeding your computers" />}
        {inbox
          ? Object.entries(INBOX_LABELS).map(([status, label]) => (
            <Tile
              key={status}
              value={inbox[status] ?? 0}
              label={`not imported: ${label}`}
              href={`/devices?status=${status}`}
              tone={(inbox[status] ?? 0) > 0 && status !== "refused" ? "warn" : undefined}
            />
          ))
          : null}
      </ul>
      {inbox ? null : (
        <p class="muted">
          The inbox of devices not imported belongs to no entity: profiles over every entity see it.
        </p>
      )}
    </section>
  );
}

function TopSoftware(props: { software: CacheRead<SoftwareRank[]> }) {
  const { software } = props;
  return (
    <section class="panel" aria-labelledby="software-heading">
      <h2 id="software-heading">Top software</h2>
      {software.state === "ready"
        ? (
          <>
            <p class="muted as-of">
              By installations on live computers, counted at{" "}
              <time datetime={software.computedAt.toISOString()}>
                {clockTime(software.computedAt)}
              </time>
              {software.stale ? " (being recounted)" : ""}; recounted at most once a minute.
            </p>
            <BarChart
              id="chart-software"
              title="Most installed software"
              unit="installations"
              labelHeader="Software"
              rows={software.value.map((s) => ({
                label: s.name,
                value: s.installs,
                href: `/software/${s.softwareId}`,
              }))}
            />
          </>
        )
        : software.state === "computing"
        ? (
          <p role="status">
            Counting installations (started at{" "}
            <time datetime={software.startedAt.toISOString()}>
              {clockTime(software.startedAt)}
            </time>
            ). <a href="/">Reload the page</a> in a few seconds.
          </p>
        )
        : <p class="notice error">The software could not be counted: {software.message}</p>}
    </section>
  );
}

function TaskHealthPanel(props: { tasks: TaskHealth[] }) {
  const failing = props.tasks.filter((t) => t.failing).length;
  if (props.tasks.length === 0) {
    return (
      <section class="panel" aria-labelledby="tasks-heading">
        <h2 id="tasks-heading">Automatic actions</h2>
        <p class="muted">
          None yet: the server records its automatic actions when it first runs its scheduler.
        </p>
      </section>
    );
  }
  return (
    <section class="panel" aria-labelledby="tasks-heading">
      <h2 id="tasks-heading">Automatic actions</h2>
      <p class={failing > 0 ? "task-summary failing" : "task-summary"}>
        {failing > 0
          ? `${failing} of ${props.tasks.length} failing.`
          : `All ${props.tasks.length} healthy.`}
      </p>
      <div class="table-wrap">
        <table class="task-health">
          <caption class="visually-hidden">Last result of each automatic action</caption>
          <thead>
            <tr>
              <th scope="col">Task</th>
              <th scope="col">State</th>
              <th scope="col">Last result</th>
              <th scope="col" class="optional">Last run</th>
              <th scope="col" class="num">Errors in last runs</th>
            </tr>
          </thead>
          <tbody>
            {props.tasks.map((task) => (
              <tr key={task.name} class={task.failing ? "failing" : undefined}>
                <th scope="row">
                  <a href={`/tasks/${encodeURIComponent(task.name)}`}>{task.name}</a>
                  {task.failing ? <span class="badge off">failing</span> : null}
                </th>
                <td>{task.state}</td>
                <td>
                  {task.lastStatus ?? <span class="muted">never run</span>}
                  {task.lastStatus === "error" && task.lastMessage
                    ? <div class="muted task-message">{task.lastMessage}</div>
                    : null}
                </td>
                <td class="optional">
                  {task.lastRunAt
                    ? (
                      <time datetime={task.lastRunAt}>
                        {`${task.lastRunAt.slice(0, 16).replace("T", " ")} UTC`}
                      </time>
                    )
                    : "–"}
                </td>
                <td class="num">
                  {task.recentRuns > 0 ? `${task.recentErrors} of ${task.recentRuns}` : "–"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
