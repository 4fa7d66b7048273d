/**
 * The devices list (every agent identity with its status, searched and paged) and the device
 * page (identity, computer, every kept section of its last inventory as a table).
 *
 * @module
 */

import type { Principal } from "../../auth/rights.ts";
import type { DeviceListRow } from "../../registry/device_list.ts";
import { i18n } from "../../../ui/i18n/format.ts";
import { Layout } from "../../../ui/layout.tsx";
import { listHref, Pagination } from "../../../ui/list.tsx";
import { DEVICES_LIST, deviceStatusText, type SectionTable } from "./form.ts";

/** What the devices list shows. */
export interface DevicesListPageProps {
  principal: Principal;
  csrfToken: string;
  search: string;
  rows: DeviceListRow[];
  total: number;
  page: number;
  perPage: number;
  problem: string | null;
}

/** A device's status: a link to its computer when the registry holds one. */
function DeviceStatus(props: { row: DeviceListRow }) {
  const language = i18n();
  const text = deviceStatusText(props.row, language);
  const { row } = props;
  return row.computerId !== null
    ? <a href={`/computers/${row.computerId}`} data-status="registry">{text}</a>
    : <span data-status={row.inboxStatus ?? "none"}>{text}</span>;
}

/** The devices list page. */
export function DevicesListPage(props: DevicesListPageProps) {
  const language = i18n();
  const { dateTime } = language;
  const k = language.t.devicePages;
  const query = { q: props.search };
  return (
    <Layout
      title={k.listTitle}
      principal={props.principal}
      csrfToken={props.csrfToken}
      current="devices"
    >
      <h1>{k.listTitle}</h1>
      <p class="muted">
        {k.listIntro} <a href="/devices">{k.inboxLink}</a>
      </p>
      {props.problem ? <p class="notice error" role="alert">{props.problem}</p> : null}
      <form
        method="get"
        action={DEVICES_LIST}
        class="row-form"
        role="search"
        aria-label={k.searchLabel}
      >
        <div class="field">
          <label for="device-search">{k.searchLabel}</label>
          <input
            id="device-search"
            type="search"
            name="q"
            value={props.search}
            placeholder={k.search}
          />
        </div>
        <button type="submit" class="secondary">{k.find}</button>
        <a class="button secondary" href={listHref(`${DEVICES_LIST}.csv`, query)}>{k.csv}</a>
      </form>
      {props.rows.length === 0 ? <p class="panel empty">{k.none}</p> : (
        <div class="table-wrap">
          <table class="devices-all">
            <caption class="visually-hidden">{k.caption}</caption>
            <thead>
              <tr>{k.headers.map((h) => <th scope="col" key={h}>{h}</th>)}</tr>
            </thead>
            <tbody>
              {props.rows.map((row) => (
                <tr key={row.id}>
                  <td>
                    <a href={`/devices/${row.id}`}>{row.deviceid}</a>
                  </td>
                  <td>{row.name}</td>
                  <td>{row.tag ?? ""}</td>
                  <td>{row.userAgent}</td>
                  <td>
                    <DeviceStatus row={row} />
                  </td>
                  <td>{row.lastDate ? dateTime(row.lastDate) : k.never}</td>
                  <td>{dateTime(row.lastCome)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination
        path={DEVICES_LIST}
        query={query}
        page={props.page}
        perPage={props.perPage}
        total={props.total}
      />
    </Layout>
  );
}

/** What the device page shows. */
export interface DevicePageProps {
  principal: Principal;
  csrfToken: string;
  row: DeviceListRow;
  firstSeen: string;
  inventories: number;
  hasPayload: boolean;
  sections: SectionTable[];
}

/** One device. */
export function DevicePage(props: DevicePageProps) {
  const language = i18n();
  const { dateTime, number } = language;
  const k = language.t.devicePages;
  const f = k.identityFields;
  const { row } = props;
  const title = k.deviceTitle(row.name || row.deviceid);
  const identity: [string, preact.ComponentChild][] = [
    [f.deviceid, row.deviceid],
    [f.name, row.name],
    [f.agent, row.userAgent],
    [f.tag, row.tag ?? ""],
    [f.ip, row.ipSource],
    [f.firstSeen, dateTime(props.firstSeen)],
    [f.lastCome, dateTime(row.lastCome)],
    [f.lastDate, row.lastDate ? dateTime(row.lastDate) : k.never],
    [f.inventories, number(props.inventories)],
    [f.status, <DeviceStatus key="status" row={row} />],
    [
      f.computer,
      row.computerId !== null
        ? <a key="computer" href={`/computers/${row.computerId}`}>{row.computerName}</a>
        : "—",
    ],
  ];
  return (
    <Layout title={title} principal={props.principal} csrfToken={props.csrfToken} current="devices">
      <nav class="breadcrumb" aria-label="breadcrumb">
        <a href={DEVICES_LIST}>{k.breadcrumb}</a>
      </nav>
      <h1>{title}</h1>
      <section class="panel" aria-labelledby="identity-heading">
        <h2 id="identity-heading">{k.identity}</h2>
        <dl class="facts">
          {identity.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
        {props.hasPayload
          ? (
            <p>
              <a href={`/devices/${row.id}/inventory.xml`} download>{k.download}</a>
            </p>
          )
          : <p class="muted">{k.noPayload}</p>}
      </section>
      <h2>{k.sectionsHeading}</h2>
      {props.sections.length === 0 ? <p class="panel empty">{k.noSections}</p> : null}
      {props.sections.map((section) => (
        <section class="panel device-section" key={section.name} data-section={section.name}>
          <h3>
            {section.name} <span class="muted">{k.sectionEntries(section.rows.length)}</span>
          </h3>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>{section.fields.map((field) => <th scope="col" key={field}>{field}</th>)}</tr>
              </thead>
              <tbody>
                {section.rows.map((cells, i) => (
                  <tr key={i}>{cells.map((cell, j) => <td key={j}>{cell}</td>)}</tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </Layout>
  );
}
