/**
 * One computer's page: a header with its actions (edit, XML, trash/restore, purge), in-page tabs,
 * then one section per part: summary, components, software, network, volumes, virtual
 * machines, monitors and peripherals, locks, devices, import rules and history. No scripts.
 *
 * @module
 */

import type { ComponentChildren } from "preact";
import type { Principal } from "../../server/auth/rights.ts";
import type { ComputerPageData } from "../../server/registry/computer_detail.ts";
import { type Notice, PostForm } from "../components.tsx";
import { DevicesTable } from "../computer_devices.tsx";
import { HistoryTable } from "../computer_history.tsx";
import { LocksTable } from "../computer_locks.tsx";
import {
  ComponentsTable,
  PeripheralsTable,
  PortsTable,
  VirtualMachinesTable,
  VolumesTable,
} from "../computer_parts.tsx";
import { SoftwareList } from "../computer_software.tsx";
import { ComputerSummary } from "../computer_summary.tsx";
import { ImportTrace } from "../computer_trace.tsx";
import { Layout } from "../layout.tsx";
import type { ListQuery } from "../list.tsx";
import { PART_TABS } from "../../server/registry/parts.ts";

/** What the principal may do here. */
export interface ComputerActions {
  edit: boolean;
  trash: boolean;
  purge: boolean;
}

/** What the computer page shows. */
export interface ComputerPageProps {
  principal: Principal;
  csrfToken: string;
  data: ComputerPageData;
  can: ComputerActions;
  /** The page's query (software filter and page, history page), kept by in-page links. */
  query: ListQuery;
  softwarePage: number;
  notice?: Notice | null;
}

/** A computer's name as titles show it. */
export function computerTitle(computer: { id: number; name: string }): string {
  return computer.name || `Computer ${computer.id}`;
}

/** The computer page. */
export function ComputerPage(props: ComputerPageProps) {
  const { detail, history, trace, names } = props.data;
  const c = detail.computer;
  const path = `/computers/${c.id}`;
  const title = computerTitle(c);
  const parts = detail.components.filter((p) => !p.is_deleted);
  const tabs: [string, string, number | null][] = [
    ["summary", "Summary", null],
    // One tab per part (server/registry/parts.ts); hidden components are not counted.
    ...PART_TABS.map((t): [string, string, number] => [
      t.id,
      t.label,
      t.rows === "components" ? parts.length : detail[t.rows].length,
    ]),
    ["locks", "Locks", detail.locks.length],
    ["devices", "Devices", detail.links.length],
    ["rules", "Import rules", null],
    ["history", "History", null],
  ];
  return (
    <Layout
      title={title}
      principal={props.principal}
      csrfToken={props.csrfToken}
      current="computers"
      notice={props.notice}
    >
      <nav class="breadcrumb" aria-label="Breadcrumb">
        <a href="/computers">Computers</a> <span aria-hidden="true">›</span>{" "}
        <span aria-current="page">{title}</span>
      </nav>
      <header class="computer-head">
        <h1>
          {title} <span class="muted id">#{c.id}</span>
          {c.is_deleted ? <span class="badge off trashed">In the trash</span> : null}
        </h1>
        <p class="muted subtitle">
          {[c.manufacturer, c.model, c.os_name, c.entity].filter(Boolean).join(" · ")}
        </p>
        <ComputerActionsBar
          id={c.id}
          trashed={c.is_deleted === 1}
          hasInventory={detail.links.length > 0}
          can={props.can}
          csrfToken={props.csrfToken}
        />
      </header>
      <nav class="tabs" aria-label="Sections of this computer">
        <ul>
          {tabs.map(([id, label, count]) => (
            <li key={id}>
              <a href={`#${id}`}>
                {label}
                {count === null ? null : <span class="count">{count}</span>}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <Section id="summary" title="Summary">
        <ComputerSummary detail={detail} names={names} />
      </Section>
      <Section id="components" title="Components">
        <ComponentsTable components={detail.components} />
      </Section>
      <Section id="software" title={`Software (${detail.software.length})`}>
        <SoftwareList
          software={detail.software}
          path={path}
          query={props.query}
          filter={props.query.software ?? ""}
          page={props.softwarePage}
        />
      </Section>
      <Section id="network" title="Network">
        <PortsTable ports={detail.ports} />
      </Section>
      <Section id="volumes" title="Volumes">
        <VolumesTable volumes={detail.volumes} />
      </Section>
      <Section id="vms" title="Virtual machines">
        <VirtualMachinesTable vms={detail.vms} />
      </Section>
      <Section id="peripherals" title="Monitors and peripherals">
        <PeripheralsTable peripherals={detail.peripherals} />
      </Section>
      <Section id="locks" title="Locks">
        <LocksTable
          detail={detail}
          names={names}
          csrfToken={props.csrfToken}
          canEdit={props.can.edit}
        />
      </Section>
      <Section id="devices" title="Devices">
        <DevicesTable detail={detail} />
      </Section>
      <Section id="rules" title="Import rules">
        <ImportTrace trace={trace} rule={c.import_rule} />
      </Section>
      <Section id="history" title="History">
        <HistoryTable history={history} names={names} path={path} query={props.query} />
      </Section>
    </Layout>
  );
}

function Section(props: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section id={props.id} class="panel computer-section" aria-labelledby={`${props.id}-title`}>
      <h2 id={`${props.id}-title`}>
        {props.title} <a class="to-top" href="#main">Top ↑</a>
      </h2>
      {props.children}
    </section>
  );
}

function ComputerActionsBar(
  props: {
    id: number;
    trashed: boolean;
    hasInventory: boolean;
    can: ComputerActions;
    csrfToken: string;
  },
) {
  const base = `/computers/${props.id}`;
  return (
    <div class="computer-actions">
      {props.can.edit ? <a class="button" href={`${base}/edit`}>Edit</a> : null}
      {props.hasInventory
        ? (
          <a class="button secondary" href={`${base}/inventory.xml`} download>
            Download last inventory (XML)
          </a>
        )
        : null}
      {props.can.trash
        ? (
          <PostForm
            action={`${base}/${props.trashed ? "restore" : "trash"}`}
            csrfToken={props.csrfToken}
            label={props.trashed ? "Restore" : "Move to the trash"}
          >
            <button type="submit" class={props.trashed ? "secondary" : "danger"}>
              {props.trashed ? "Restore" : "Move to the trash"}
            </button>
          </PostForm>
        )
        : null}
      {props.can.purge && props.trashed
        ? <a class="button danger" href={`${base}/purge`}>Purge…</a>
        : null}
    </div>
  );
}
