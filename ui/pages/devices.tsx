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
  return (
    <Layout
      title="Devices inbox"
      principal={props.principal}
      csrfToken={props.csrfToken}
      current="devices"
      notice={props.notice}
    >
      <div class="devices">
        <h1>Devices inbox</h1>
        <p class="muted">
          Devices that reported an inventory but are not in the registry, with the reason. Open a
          row to read the rule trace that decided it.
        </p>
        {props.uploads ? <UploadResults uploads={props.uploads} /> : null}
        <nav class="status-filter" aria-label="Filter by status">
          <ul>
            <li>
              <a href="/devices" aria-current={props.status === "" ? "page" : undefined}>
                All <span class="count">{all}</span>
              </a>
            </li>
            {INBOX_STATUSES.map((s) => (
              <li key={s}>
                <a
                  href={listHref("/devices", { status: s })}
                  aria-current={props.status === s ? "page" : undefined}
                >
                  {STATUS_LABELS[s]} <span class="count">{props.counts[s] ?? 0}</span>
                </a>
              </li>
            ))}
          </ul>
        </nav>
        {props.rows.length === 0
          ? (
            <p class="panel empty">
              {props.status
                ? `No device with the status “${STATUS_LABELS[props.status]}”.`
                : "The inbox is empty: every device that reported is in the registry."}
            </p>
          )
          : props.canEdit
          ? (
            <form method="post" action="/devices/import" aria-label="Inbox actions">
              <CsrfField token={props.csrfToken} />
              <input type="hidden" name="status" value={props.status} />
              <InboxActions entities={props.entities} />
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

function InboxActions(props: { entities: EntityChoice[] }) {
  return (
    <fieldset class="inbox-actions panel">
      <legend>With the selected devices</legend>
      <div class="row-form">
        <div class="field">
          <label for="import-entity">Import into</label>
          <select id="import-entity" name="entity">
            <option value="">the entity the rules choose</option>
            {props.entities.map((e) => (
              <option key={e.id} value={String(e.id)}>{e.completename}</option>
            ))}
          </select>
        </div>
        <button type="submit" formaction="/devices/import">Import selected</button>
        <button type="submit" formaction="/devices/retry" class="secondary">
          Retry selected
        </button>
        <button type="submit" formaction="/devices/retry-all" class="secondary">
          Retry all refused, unmatched and failed
        </button>
      </div>
      <p class="hint">
        Import approves the devices (also in manual approval mode) and skips the TAG lists; with an
        entity chosen, the entity rules are skipped too. Retry replays the rules, e.g. after a rule
        change.
      </p>
    </fieldset>
  );
}

function InboxTable(props: { rows: InboxRow[]; selectable: boolean }) {
  const columns = props.selectable ? 8 : 7;
  return (
    <div class="table-wrap">
      <table class="inbox">
        <caption class="visually-hidden">Devices not in the registry</caption>
        <thead>
          <tr>
            {props.selectable
              ? (
                <th scope="col">
                  <span class="visually-hidden">Select</span>
                </th>
              )
              : null}
            <th scope="col">Device</th>
            <th scope="col">Status</th>
            <th scope="col">Reason</th>
            <th scope="col" class="optional">Rule</th>
            <th scope="col" class="optional">Attempts</th>
            <th scope="col" class="optional">Last inventory</th>
            <th scope="col">Link</th>
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
                      aria-label={`Select ${row.name || row.deviceid}`}
                    />
                  </td>
                )
                : null}
              <th scope="row">
                <span class="device-name">{row.name || "(no name)"}</span>
                <div class="muted small">
                  <code>{row.deviceid}</code>
                  {row.serial ? ` · serial ${row.serial}` : null}
                  {row.tag ? ` · TAG ${row.tag}` : null}
                </div>
              </th>
              <td>
                <span class={`badge status-${row.status}`}>{row.status}</span>
              </td>
              <td>{row.reason}</td>
              <td class="optional">{row.rule_name || <span class="muted">—</span>}</td>
              <td class="optional">{row.attempts}</td>
              <td class="optional">{shortTime(row.last_date)}</td>
              <td>
                <a href={`/devices/${row.device_id}/link`}>Link…</a>
              </td>
            </tr>
            <tr class="trace-row">
              <td colspan={columns}>
                <details>
                  <summary>Rule trace of {row.name || row.deviceid}</summary>
                  <RuleTraces
                    traces={row.trace}
                    idPrefix={`d${row.device_id}`}
                    empty="No rule was evaluated: the decision came before the rules (approval mode or TAG lists)."
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
  return (
    <section class="panel upload" aria-labelledby="upload-title">
      <h2 id="upload-title">Upload offline inventories</h2>
      <p class="muted">
        Files written by agents in local mode (<code>.ocs</code> or <code>.xml</code>), at most{" "}
        {formatBytes(props.limit)}{" "}
        each. They are stored as if the agent had sent them, then synchronised into the registry.
      </p>
      <form
        method="post"
        action="/devices/upload"
        enctype="multipart/form-data"
        class="row-form"
        aria-label="Upload offline inventories"
      >
        <CsrfField token={props.csrfToken} />
        <div class="field">
          <label for="upload-files">Inventory files</label>
          <input
            type="file"
            id="upload-files"
            name="files"
            multiple
            accept=".ocs,.xml,application/xml,text/xml"
            required
          />
        </div>
        <button type="submit">Upload</button>
      </form>
    </section>
  );
}

function UploadResults(props: { uploads: UploadOutcome[] }) {
  const stored = props.uploads.filter((u) => u.ok).length;
  return (
    <section class="panel upload-results" aria-labelledby="upload-results-title">
      <h2 id="upload-results-title">
        Upload: {stored} of {props.uploads.length} file{props.uploads.length === 1 ? "" : "s"}{" "}
        stored
      </h2>
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">Result per uploaded file</caption>
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col">Result</th>
              <th scope="col" class="optional">Device</th>
              <th scope="col">Registry</th>
            </tr>
          </thead>
          <tbody>
            {props.uploads.map((u, i) => (
              <tr key={i} class={u.ok ? "ok" : "refused"} data-file={u.file}>
                <th scope="row">{u.file}</th>
                <td>
                  <span class={`badge ${u.ok ? "on" : "off"}`}>
                    {u.ok ? (u.created ? "new device" : "stored") : `refused (${u.status})`}
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

/** `2026-11-21 08:00` from an ISO time or an OCS date; "—" when absent. */
export function shortTime(value: string | null): string {
  if (!value) return "—";
  return value.slice(0, 16).replace("T", " ");
}

/** Bytes for people: `16 MiB`. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round(bytes / 1024 / 1024)} MiB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KiB`;
  return `${bytes} bytes`;
}
