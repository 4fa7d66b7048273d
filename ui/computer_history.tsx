/**
 * A computer's history, newest first, one page at a time ("Older changes" pages backwards).
 *
 * @module
 */

import type { HistoryPage, ReferenceNames } from "../server/registry/computer_detail.ts";
import { displayValue, fieldLabel, shortTime } from "./computer_fields.ts";
import { i18n } from "./i18n/format.ts";
import { listHref, type ListQuery } from "./list.tsx";

/** The history section's content. */
export function HistoryTable(
  props: {
    history: HistoryPage;
    names: ReferenceNames;
    path: string;
    query: ListQuery;
  },
) {
  const { rows, olderBefore } = props.history;
  const paged = props.query.history_before !== undefined;
  const k = i18n().t.computer;
  const h = k.historyHeaders;
  return (
    <>
      {rows.length === 0
        ? <p class="muted">{paged ? k.noOlderChanges : k.noChanges}</p>
        : (
          <div class="table-wrap">
            <table class="parts history">
              <caption class="visually-hidden">{k.changesCaption}</caption>
              <thead>
                <tr>
                  <th scope="col">{h[0]}</th>
                  <th scope="col">{h[1]}</th>
                  <th scope="col">{h[2]}</th>
                  <th scope="col">{h[3]}</th>
                  <th scope="col">{h[4]}</th>
                  <th scope="col" class="optional">{h[5]}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.id}>
                    <td>
                      <time datetime={row.at}>{shortTime(row.at)}</time>
                    </td>
                    <td>{k.historyKinds[row.kind] ?? row.kind}</td>
                    <td>{row.field ? fieldLabel(row.field) : ""}</td>
                    <td class="value">{displayValue(row.field, row.old_value, props.names)}</td>
                    <td class="value">{displayValue(row.field, row.new_value, props.names)}</td>
                    <td class="optional">
                      {k.sources[row.source] ?? row.source}
                      {row.actor ? ` (${row.actor})` : ""}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      {paged || olderBefore !== null
        ? (
          <nav class="pagination" aria-label={k.historyPages}>
            {paged
              ? (
                <a
                  href={`${
                    listHref(props.path, props.query, { history_before: undefined })
                  }#history`}
                >
                  {k.newestChanges}
                </a>
              )
              : null}
            {olderBefore !== null
              ? (
                <a
                  href={`${
                    listHref(props.path, props.query, { history_before: String(olderBefore) })
                  }#history`}
                  rel="next"
                >
                  {k.olderChanges}
                </a>
              )
              : null}
          </nav>
        )
        : null}
    </>
  );
}
