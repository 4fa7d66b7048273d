/**
 * The devices inbox: devices the registry does not hold (pending approval, refused by a rule or
 * the TAG lists, matching no rule, failed), with the reason, the deciding rule, the attempts and
 * the last inventory; each row opens its stored rule trace. Editors select rows to import
 * (approve, optionally into an entity) or retry, retry everything, link one device to a chosen
 * computer, and upload offline `.ocs`/`.xml` files with a result per file.
 *
 * @module
 */

import type { EntityChoice } from "../../server/auth/entity_scope.ts";
import type { Principal } from "../../server/auth/rights.ts";
import type { ImportResult } from "../../server/ingest/import_file.ts";
import type { NotImportedRow } from "../../server/registry/queries.ts";
import type { CollectionResult } from "../../rules/types.ts";
import { CsrfField, type Notice } from "../components.tsx";
import { i18n } from "../i18n/format.ts";
import { Layout } from "../layout.tsx";
import { listHref, Pagination } from "../list.tsx";
import { RuleTraces } from "../trace.tsx";

/** The inbox statuses, in the order the filter lists them. */
export const INBOX_STATUSES = ["pending", "refused", "unmatched", "failed"] as const;

/** One inbox status. */
export type InboxStatus = typeof INBOX_STATUSES[number];

const STATUS_LABELS: Record<InboxStatus, string> = {
  pending: "Pending approval",
  refused: "Refused",
  unmatched: "No rule matched",
  failed: "Failed",
};

/** An inbox row with its stored trace. */
export interface InboxRow extends NotImportedRow {
  trace: CollectionResult[];
}

/** One uploaded file's outcome: stored or refused, then what the registry did with it. */
export interface UploadOutcome extends ImportResult {
  /** E.g. `imported as computer 12`, `pending approval`, `not imported: …`. */
  registry?: string;
  computerId?: number;
}

/** What the devices page shows. */
export interface DevicesPageProps {
  principal: Principal;
  csrfToken: string;
  /** May import, link, retry and upload. */
  canEdit: boolean;
  status: InboxStatus | "";
  counts: Partial<Record<InboxStatus, number>>;
  rows: InboxRow[];
  page: number;
  perPage: number;
  total: number;
  entities: EntityChoice[];
  notice?: Notice | null;
  uploads?: UploadOutcome[] | null;
  /** The upload size limit, for the hint. */
  uploadLimitBytes: number;
}

/** The devices inbox page. */
export function DevicesPage(props: DevicesPageProps) {
  const query = { status: props.status || undefined };
  const all = INBOX_STATUSES.reduce((n, s) => n + (props.counts[s] ?? 0), 0);
  const k = i18n().t.devices;
  return (
    <Layout
      title={k.title}
      principal={props.principal}
      csrfToken={props.csrfToken}
      current="devices"
      notice={props.notice}
    >
      <div class="devices">
        <h1>{k.title}</h1>
        <p class="muted">
          {k.intro} <a href="/devices/all">{i18n().t.devicePages.listTitle}</a>
        </p>
        {props.uploads ? <UploadResults uploads={props.uploads} /> : null}
        <nav class="status-filter" aria-label={k.filterByStatus}>
          <ul>
            <li>
              <a href="/devices" aria-current={props.status === "" ? "page" : undefined}>
                {k.all} <span class="count">{all}</span>
              </a>
            </li>
            {INBOX_STATUSES.map((s) => (
              <li key={s}>
                <a
                  href={listHref("/devices", { status: s })}
                  aria-current={props.status === s ? "page" : undefined}
                >
                  {k.statuses[s] ?? STATUS_LABELS[s]}{" "}
                  <span class="count">{props.counts[s] ?? 0}</span>
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <p>
          <a
            class="button secondary"
            href={listHref("/devices.csv", props.status ? { status: props.status } : {})}
          >
            {i18n().t.common.exportCsv}
          </a>
        </p>
        {props.rows.length === 0
          ? (
            <p class="panel empty">
              {props.status ? k.noneWithStatus(k.statuses[props.status]!) : k.inboxEmpty}
            </p>
          )
          : props.canEdit
          ? (
            <form method="post" action="/devices/import" aria-label={k.inboxActions}>
              <CsrfField token={props.csrfToken} />
              <input type="hidden" name="status" value={props.status} />
              <InboxActions entities={props.entities} total={props.total} />
              <InboxTable rows={props.rows} selectable />
            </form>
          )
          : <InboxTable rows={props.rows} selectable={false} />}
        <Pagination
          path="/devices"
          query={query}
          page={props.page}
          perPage={props.perPage}
          total={props.total}
        />
        {props.canEdit
          ? <UploadForm csrfToken={props.csrfToken} limit={props.uploadLimitBytes} />
          : null}
      </div>
    </Layout>
  );
}

function InboxActions(props: { entities: EntityChoice[]; total: number }) {
  const k = i18n().t.devices;
  return (
    <fieldset class="inbox-actions panel">
      <legend>{k.withSelected}</legend>
      <label class="check">
        <input type="checkbox" name="all" value="1" />
        {k.allMatching(props.total)}
      </label>
      <div class="row-form">
        <div class="field">
          <label for="import-entity">{k.importInto}</label>
          <select id="import-entity" name="entity">
            <option value="">{k.rulesChoose}</option>
            {props.entities.map((e) => (
              <option key={e.id} value={String(e.id)}>{e.completename}</option>
            ))}
          </select>
        </div>
        <button type="submit" formaction="/devices/import">{k.importSelected}</button>
        <button type="submit" formaction="/devices/retry" class="secondary">
          {k.retrySelected}
        </button>
        <button type="submit" formaction="/devices/retry-all" class="secondary">
          {k.retryAll}
        </button>
      </div>
      <p class="hint">
        {k.actionsHint}
      </p>
    </fieldset>
  );
}

function InboxTable(props: { rows: InboxRow[]; selectable: boolean }) {
  const columns = props.selectable ? 8 : 7;
  const k = i18n().t.devices;
  const h = k.headers;
  return (
    <div class="table-wrap">
      <table class="inbox">
        <caption class="visually-hidden">{k.notInRegistry}</caption>
        <thead>
          <tr>
            {props.selectable
              ? (
                <th scope="col">
                  <span class="visually-hidden">{k.select}</span>
                </th>
              )
              : null}
            <th scope="col">{h[0]}</th>
            <th scope="col">{h[1]}</th>
            <th scope="col">{h[2]}</th>
            <th scope="col" class="optional">{h[3]}</th>
            <th scope="col" class="optional">{h[4]}</th>
            <th scope="col" class="optional">{h[5]}</th>
            <th scope="col">{h[6]}</th>
          </tr>
        </thead>
        {props.rows.map((row) => (
          <tbody key={row.device_id} class="inbox-row" data-deviceid={row.deviceid}>
            <tr>
              {props.selectable
                ? (
                  <td>
                    <input
                      type="checkbox"
                      name="device"
                      value={String(row.device_id)}
                      id={`select-${row.device_id}`}
                      aria-label={k.selectRow(row.name || row.deviceid)}
                    />
                  </td>
                )
                : null}
              <th scope="row">
                <span class="device-name">{row.name || k.noName}</span>
                <div class="muted small">
                  <code>{row.deviceid}</code>
                  {row.serial ? k.serial(row.serial) : null}
                  {row.tag ? k.tag(row.tag) : null}
                </div>
              </th>
              <td>
                <span class={`badge status-${row.status}`}>
                  {k.statuses[row.status] ?? row.status}
                </span>
              </td>
              <td class="inbox-reason">{row.reason}</td>
              <td class="optional">{row.rule_name || <span class="muted">—</span>}</td>
              <td class="optional">{row.attempts}</td>
              <td class="optional">{shortTime(row.last_date)}</td>
              <td>
                <a href={`/devices/${row.device_id}/link`}>{k.linkAction}</a>
              </td>
            </tr>
            <tr class="trace-row">
              <td colspan={columns}>
                <details>
                  <summary>{k.traceOf(row.name || row.deviceid)}</summary>
                  <RuleTraces
                    traces={row.trace}
                    idPrefix={`d${row.device_id}`}
                    empty={k.noRuleEvaluated}
                  />
                </details>
              </td>
            </tr>
          </tbody>
        ))}
      </table>
    </div>
  );
}

function UploadForm(props: { csrfToken: string; limit: number }) {
  const k = i18n().t.devices;
  return (
    <section class="panel upload" aria-labelledby="upload-title">
      <h2 id="upload-title">{k.uploadTitle}</h2>
      <p class="muted">
        {k.uploadIntro1}
        <code>.ocs</code>
        {k.uploadIntro2}
        <code>.xml</code>
        {k.uploadIntro3(formatBytes(props.limit))}
      </p>
      <form
        method="post"
        action="/devices/upload"
        enctype="multipart/form-data"
        class="row-form"
        aria-label={k.uploadTitle}
      >
        <CsrfField token={props.csrfToken} />
        <div class="field">
          <label for="upload-files">{k.inventoryFiles}</label>
          <input
            type="file"
            id="upload-files"
            name="files"
            multiple
            accept=".ocs,.xml,application/xml,text/xml"
            required
          />
        </div>
        <button type="submit">{k.upload}</button>
      </form>
    </section>
  );
}

function UploadResults(props: { uploads: UploadOutcome[] }) {
  const stored = props.uploads.filter((u) => u.ok).length;
  const k = i18n().t.devices;
  const h = k.uploadHeaders;
  return (
    <section class="panel upload-results" aria-labelledby="upload-results-title">
      <h2 id="upload-results-title">
        {k.uploaded(stored, props.uploads.length)}
      </h2>
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">{k.perFile}</caption>
          <thead>
            <tr>
              <th scope="col">{h[0]}</th>
              <th scope="col">{h[1]}</th>
              <th scope="col" class="optional">{h[2]}</th>
              <th scope="col">{h[3]}</th>
            </tr>
          </thead>
          <tbody>
            {props.uploads.map((u, i) => (
              <tr key={i} class={u.ok ? "ok" : "refused"} data-file={u.file}>
                <th scope="row">{u.file}</th>
                <td>
                  <span class={`badge ${u.ok ? "on" : "off"}`}>
                    {u.ok ? (u.created ? k.newDevice : k.stored) : k.refusedStatus(u.status)}
                  </span>{" "}
                  {u.ok ? null : u.message}
                </td>
                <td class="optional">{u.deviceid ? <code>{u.deviceid}</code> : "—"}</td>
                <td>
                  {u.computerId !== undefined
                    ? <a href={`/computers/${u.computerId}`}>{u.registry}</a>
                    : (u.registry ?? "—")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** An ISO time or an OCS date (`2026-11-21 08:00:00`) in the reader's language; "—" when absent. */
export function shortTime(value: string | null): string {
  if (!value) return "—";
  return i18n().dateTime(value.includes("T") ? value : value.replace(" ", "T")) ||
    value.slice(0, 16).replace("T", " ");
}

/** Bytes for people, in the reader's units: `16 MB`, `16 Mo`. */
export function formatBytes(bytes: number): string {
  return i18n().bytes(bytes);
}
