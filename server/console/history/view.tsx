/**
 * The fleet history page: the filter form, every matching change newest first (each linking to
 * its computer), paged, with the CSV of the filtered list.
 *
 * @module
 */

import type { Principal } from "../../auth/rights.ts";
import type { ReferenceNames } from "../../registry/computer_detail.ts";
import type { FleetHistoryRow } from "../../registry/history_queries.ts";
import { displayValue, fieldLabel } from "../../../ui/computer_fields.ts";
import { i18n } from "../../../ui/i18n/format.ts";
import { Layout } from "../../../ui/layout.tsx";
import { listHref, Pagination } from "../../../ui/list.tsx";
import {
  HISTORY_FIELDS,
  HISTORY_KINDS,
  HISTORY_PATH,
  HISTORY_SOURCES,
  type HistoryFilter,
} from "./form.ts";

/** What the history page shows. */
export interface HistoryPageProps {
  principal: Principal;
  csrfToken: string;
  filter: HistoryFilter;
  rows: FleetHistoryRow[];
  names: ReferenceNames;
  total: number;
  /** More rows match than `total`. */
  capped: boolean;
  page: number;
  perPage: number;
  problems: string[];
}

/** The fleet history page. */
export function HistoryPage(props: HistoryPageProps) {
  const language = i18n();
  const { t, dateTime } = language;
  const k = t.history;
  const c = t.computer;
  const { filter } = props;
  return (
    <Layout
      title={k.title}
      principal={props.principal}
      csrfToken={props.csrfToken}
      current="history"
    >
      <h1>{k.title}</h1>
      <p class="muted">{k.intro}</p>
      {props.problems.map((problem) => (
        <p class="notice error" role="alert" key={problem}>{problem}</p>
      ))}
      <form
        method="get"
        action={HISTORY_PATH}
        class="row-form history-filter"
        role="search"
        aria-label={k.filterLabel}
      >
        <div class="field">
          <label for="history-computer">{k.computer}</label>
          <input
            id="history-computer"
            type="search"
            name="computer"
            value={filter.computer}
            placeholder={k.computerHint}
          />
        </div>
        <div class="field">
          <label for="history-kind">{k.kind}</label>
          <select id="history-kind" name="kind">
            <option value="">{k.allKinds}</option>
            {HISTORY_KINDS.map((kind) => (
              <option key={kind} value={kind} selected={kind === filter.kind}>
                {c.historyKinds[kind] ?? kind}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="history-field">{k.field}</label>
          <input
            id="history-field"
            type="text"
            name="field"
            value={filter.field}
            placeholder={k.fieldHint}
            list="history-fields"
          />
          <datalist id="history-fields">
            {HISTORY_FIELDS.map((field) => (
              <option key={field} value={field} label={fieldLabel(field)} />
            ))}
          </datalist>
        </div>
        <div class="field">
          <label for="history-source">{k.source}</label>
          <select id="history-source" name="source">
            <option value="">{k.allSources}</option>
            {HISTORY_SOURCES.map((source) => (
              <option key={source} value={source} selected={source === filter.source}>
                {c.sources[source] ?? source}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="history-actor">{k.actor}</label>
          <input id="history-actor" type="text" name="actor" value={filter.actor} />
        </div>
        <div class="field">
          <label for="history-from">{k.from}</label>
          <input id="history-from" type="date" name="from" value={filter.from} />
        </div>
        <div class="field">
          <label for="history-to">{k.to}</label>
          <input id="history-to" type="date" name="to" value={filter.to} />
        </div>
        <button type="submit" class="secondary">{k.filter}</button>
        <a class="button secondary" href={HISTORY_PATH}>{k.clear}</a>
        <a class="button secondary" href={listHref(`${HISTORY_PATH}.csv`, filter)}>{k.csv}</a>
      </form>
      {props.rows.length === 0 ? <p class="panel empty">{k.none}</p> : (
        <div class="table-wrap">
          <table class="parts history fleet-history">
            <caption class="visually-hidden">{k.caption}</caption>
            <thead>
              <tr>
                {k.headers.map((h, i) => (
                  // Who made a change matters less than what changed on a narrow screen.
                  <th scope="col" key={h} class={i >= 6 ? "optional" : undefined}>{h}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {props.rows.map((row) => (
                <tr key={row.id} data-kind={row.kind}>
                  <td>
                    <time datetime={row.at}>{dateTime(row.at)}</time>
                  </td>
                  <td>
                    <a href={`/computers/${row.computer_id}`}>{row.computer_name}</a>
                    {row.computer_deleted ? <span class="muted">{` (${k.trashed})`}</span> : null}
                  </td>
                  <td>{c.historyKinds[row.kind] ?? row.kind}</td>
                  <td>{row.field ? fieldLabel(row.field) : ""}</td>
                  <td class="value">{displayValue(row.field, row.old_value, props.names)}</td>
                  <td class="value">{displayValue(row.field, row.new_value, props.names)}</td>
                  <td class="optional">{c.sources[row.source] ?? row.source}</td>
                  <td class="optional">{row.actor}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {props.capped ? <CappedPagination {...props} /> : (
        <Pagination
          path={HISTORY_PATH}
          query={filter}
          page={props.page}
          perPage={props.perPage}
          total={props.total}
        />
      )}
    </Layout>
  );
}

/**
 * Paging when more rows match than were counted: "1–50 of more than 10,000" and the next page
 * as long as this one is full (no last page: it is not known).
 */
function CappedPagination(props: HistoryPageProps) {
  const { t } = i18n();
  const { page, perPage } = props;
  const first = props.rows.length === 0 ? 0 : (page - 1) * perPage + 1;
  const last = (page - 1) * perPage + props.rows.length;
  const link = (target: number) => listHref(HISTORY_PATH, props.filter, { page: String(target) });
  return (
    <nav class="pagination" aria-label={t.common.pages}>
      <span class="range" aria-live="polite">{t.history.moreThan(first, last, props.total)}</span>
      {page > 1 ? <a href={link(1)} rel="first">{t.common.first}</a> : null}
      {page > 1 ? <a href={link(page - 1)} rel="prev">{t.common.previous}</a> : null}
      {props.rows.length === perPage
        ? <a href={link(page + 1)} rel="next">{t.common.next}</a>
        : null}
    </nav>
  );
}
