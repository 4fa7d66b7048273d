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
import { i18n } from "../i18n/format.ts";
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
  return computer.name || i18n().t.computer.computerNumber(computer.id);
}

/** The computer page. */
export function ComputerPage(props: ComputerPageProps) {
  const { detail, history, trace, names } = props.data;
  const c = detail.computer;
  const path = `/computers/${c.id}`;
  const title = computerTitle(c);
  const parts = detail.components.filter((p) => !p.is_deleted);
  const { t } = i18n();
  const k = t.computer;
  const s = k.sections;
  const tabs: [string, string, number | null][] = [
    ["summary", s.summary!, null],
    // One tab per part (server/registry/parts.ts), named in the reader's language; hidden
    // components are not counted.
    ...PART_TABS.map((tab): [string, string, number] => [
      tab.id,
      s[tab.id] ?? tab.label,
      tab.rows === "components" ? parts.length : detail[tab.rows].length,
    ]),
    ["locks", s.locks!, detail.locks.length],
    ["devices", s.devices!, detail.links.length],
    ["rules", s.rules!, null],
    ["history", s.history!, null],
  ];
  return (
    <Layout
      title={title}
      principal={props.principal}
      csrfToken={props.csrfToken}
      current="computers"
      notice={props.notice}
    >
      <nav class="breadcrumb" aria-label={t.common.breadcrumb}>
        <a href="/computers">{t.nav.computers}</a> <span aria-hidden="true">›</span>{" "}
        <span aria-current="page">{title}</span>
      </nav>
      <header class="computer-head">
        <h1>
          {title} <span class="muted id">#{c.id}</span>
          {c.is_deleted ? <span class="badge off trashed">{k.inTrash}</span> : null}
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
      <nav class="tabs" aria-label={k.sectionsNav}>
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
      <Section id="summary" title={s.summary!}>
        <ComputerSummary detail={detail} names={names} />
      </Section>
      <Section id="components" title={s.components!}>
        <ComponentsTable components={detail.components} />
      </Section>
      <Section id="software" title={k.softwareTitle(detail.software.length)}>
        <SoftwareList
          software={detail.software}
          path={path}
          query={props.query}
          filter={props.query.software ?? ""}
          page={props.softwarePage}
        />
      </Section>
      <Section id="network" title={s.network!}>
        <PortsTable ports={detail.ports} />
      </Section>
      <Section id="volumes" title={s.volumes!}>
        <VolumesTable volumes={detail.volumes} />
      </Section>
      <Section id="vms" title={s.vms!}>
        <VirtualMachinesTable vms={detail.vms} />
      </Section>
      <Section id="peripherals" title={k.peripheralsTitle}>
        <PeripheralsTable peripherals={detail.peripherals} />
      </Section>
      <Section id="locks" title={s.locks!}>
        <LocksTable
          detail={detail}
          names={names}
          csrfToken={props.csrfToken}
          canEdit={props.can.edit}
        />
      </Section>
      <Section id="devices" title={s.devices!}>
        <DevicesTable detail={detail} />
      </Section>
      <Section id="rules" title={s.rules!}>
        <ImportTrace trace={trace} rule={c.import_rule} />
      </Section>
      <Section id="history" title={s.history!}>
        <HistoryTable history={history} names={names} path={path} query={props.query} />
      </Section>
    </Layout>
  );
}

function Section(props: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section id={props.id} class="panel computer-section" aria-labelledby={`${props.id}-title`}>
      <h2 id={`${props.id}-title`}>
        {props.title} <a class="to-top" href="#main">{i18n().t.computer.top}</a>
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
  const k = i18n().t.computer;
  return (
    <div class="computer-actions">
      {props.can.edit ? <a class="button" href={`${base}/edit`}>{k.edit}</a> : null}
      {props.hasInventory
        ? (
          <a class="button secondary" href={`${base}/inventory.xml`} download>
            {k.downloadXml}
          </a>
        )
        : null}
      {props.can.trash
        ? (
          <PostForm
            action={`${base}/${props.trashed ? "restore" : "trash"}`}
            csrfToken={props.csrfToken}
            label={props.trashed ? k.restore : k.moveToTrash}
          >
            <button type="submit" class={props.trashed ? "secondary" : "danger"}>
              {props.trashed ? k.restore : k.moveToTrash}
            </button>
          </PostForm>
        )
        : null}
      {props.can.purge && props.trashed
        ? <a class="button danger" href={`${base}/purge`}>{k.purge}</a>
        : null}
    </div>
  );
}
