/**
 * Building blocks of every list page: page links that keep the current filter, sortable column
 * headers, and the query-string helper both use. Plain links, so lists work without JavaScript.
 *
 * @module
 */

import { i18n } from "./i18n/format.ts";

/** A list's current query: filter, sort and page, as URL parameters. */
export type ListQuery = Readonly<Record<string, string | undefined>>;

/** `path?query` with `changes` applied; empty and undefined values are left out. */
export function listHref(path: string, query: ListQuery, changes: ListQuery = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...query, ...changes })) {
    if (value !== undefined && value !== "") params.set(key, value);
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** Previous/next links and "x–y of N" for a list page (`page` is 1-based). */
export function Pagination(
  props: { path: string; query: ListQuery; page: number; perPage: number; total: number },
) {
  const { page, perPage, total } = props;
  const pages = Math.max(1, Math.ceil(total / perPage));
  const first = total === 0 ? 0 : (page - 1) * perPage + 1;
  const last = Math.min(total, page * perPage);
  const link = (target: number) => listHref(props.path, props.query, { page: String(target) });
  const { t } = i18n();
  return (
    <nav class="pagination" aria-label={t.common.pages}>
      <span class="range" aria-live="polite">
        {t.common.range(first, last, total)}
      </span>
      {page > 1 ? <a href={link(1)} rel="first">{t.common.first}</a> : null}
      {page > 1 ? <a href={link(page - 1)} rel="prev">{t.common.previous}</a> : null}
      <span class="page-of">{t.common.pageOf(page, pages)}</span>
      {page < pages ? <a href={link(page + 1)} rel="next">{t.common.next}</a> : null}
      {page < pages ? <a href={link(pages)} rel="last">{t.common.last}</a> : null}
    </nav>
  );
}

/**
 * A column header that sorts by `column` (`sort` and `dir` parameters); a second click reverses.
 * Announces the current order through aria-sort.
 */
export function SortHeader(
  props: { path: string; query: ListQuery; column: string; label: string; class?: string },
) {
  const active = props.query.sort === props.column;
  const descending = active && props.query.dir === "desc";
  const href = listHref(props.path, props.query, {
    sort: props.column,
    dir: active && !descending ? "desc" : undefined,
    page: undefined,
  });
  return (
    <th
      scope="col"
      class={props.class}
      aria-sort={active ? (descending ? "descending" : "ascending") : undefined}
    >
      <a href={href}>
        {props.label}
        {active ? <span aria-hidden="true">{descending ? " ▼" : " ▲"}</span> : null}
      </a>
    </th>
  );
}

/** Styles of the building blocks above. */
export const LIST_CSS = `
.pagination { display: flex; flex-wrap: wrap; gap: .4rem 1rem; align-items: center; margin: .75rem 0; }
.pagination .range { font-weight: 600; }
.pagination .page-of { color: var(--muted); }
th[aria-sort] a, th a { color: inherit; text-decoration: none; }
th a:hover { text-decoration: underline; }
`;
