/**
 * A computer's software: the count, a filter, and one page of the list at a time (a desktop has
 * hundreds of packages; the page stays small and fast). Plain links and a GET form.
 *
 * @module
 */

import type { ComputerDetail } from "../server/registry/computer_detail.ts";
import { i18n } from "./i18n/format.ts";
import { listHref, type ListQuery } from "./list.tsx";

/** Rows per software page. */
export const SOFTWARE_PER_PAGE = 50;

/** The software section's content. */
export function SoftwareList(
  props: {
    software: ComputerDetail["software"];
    /** The page's own address and query (kept by the links). */
    path: string;
    query: ListQuery;
    filter: string;
    page: number;
  },
) {
  const needle = props.filter.trim().toLowerCase();
  const matching = needle
    ? props.software.filter((s) =>
      s.name.toLowerCase().includes(needle) || s.publisher.toLowerCase().includes(needle)
    )
    : props.software;
  const pages = Math.max(1, Math.ceil(matching.length / SOFTWARE_PER_PAGE));
  const page = Math.min(Math.max(1, props.page), pages);
  const first = (page - 1) * SOFTWARE_PER_PAGE;
  const rows = matching.slice(first, first + SOFTWARE_PER_PAGE);
  const { t } = i18n();
  const k = t.computer;
  const link = (target: number) =>
    `${listHref(props.path, props.query, { software_page: String(target) })}#software`;
  return (
    <>
      <form method="get" action={`${props.path}#software`} class="row-form software-filter">
        {Object.entries(props.query).map(([key, value]) =>
          key === "software" || key === "software_page" || !value
            ? null
            : <input type="hidden" name={key} value={value} key={key} />
        )}
        <div class="field">
          <label for="software-filter">{k.softwareFilter}</label>
          <input type="text" id="software-filter" name="software" value={props.filter} />
        </div>
        <button type="submit" class="secondary">{k.filter}</button>
        {needle
          ? (
            <a
              href={`${
                listHref(props.path, props.query, { software: undefined, software_page: undefined })
              }#software`}
            >
              {k.showAll}
            </a>
          )
          : null}
      </form>
      <p class="muted" aria-live="polite">
        {needle
          ? k.softwareMatching(matching.length, props.software.length, props.filter.trim())
          : k.softwareInstalled(props.software.length)}
        {matching.length > SOFTWARE_PER_PAGE ? k.showing(first + 1, first + rows.length) : ""}
      </p>
      {rows.length > 0
        ? (
          <div class="table-wrap">
            <table class="parts software">
              <caption class="visually-hidden">{k.installedSoftware}</caption>
              <thead>
                <tr>
                  <th scope="col">{k.softwareHeaders[0]}</th>
                  <th scope="col">{k.softwareHeaders[1]}</th>
                  <th scope="col" class="optional">{k.softwareHeaders[2]}</th>
                  <th scope="col" class="optional">{k.softwareHeaders[3]}</th>
                  <th scope="col" class="optional">{k.softwareHeaders[4]}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((s) => (
                  <tr key={`${s.software_id}:${s.version}:${s.arch}`}>
                    <th scope="row">{s.name}</th>
                    <td>{s.version}</td>
                    <td class="optional">{s.publisher}</td>
                    <td class="optional">{s.arch}</td>
                    <td class="optional">{s.install_date}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
        : null}
      {pages > 1
        ? (
          <nav class="pagination" aria-label={k.softwarePages}>
            {page > 1 ? <a href={link(page - 1)} rel="prev">{t.common.previous}</a> : null}
            <span class="page-of">{t.common.pageOf(page, pages)}</span>
            {page < pages ? <a href={link(page + 1)} rel="next">{t.common.next}</a> : null}
          </nav>
        )
        : null}
    </>
  );
}
