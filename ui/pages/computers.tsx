/**
 * The computers list: search, filters, sortable columns the user chooses, pages, bulk actions
 * and the CSV export of the current filter. The trash page shows the same list (`trash.tsx`).
 *
 * @module
 */

import { can, type Principal } from "../../server/auth/rights.ts";
import type { ComputerColumn } from "../../server/http/computers_columns.ts";
import { type ComputerFilter, isFiltering } from "../../server/http/computers_filter.ts";
import type { Paging } from "../../server/http/list_params.ts";
import type { ComputerSummary } from "../../server/registry/queries.ts";
import type { Notice } from "../components.tsx";
import { ColumnsForm, type ComputerChoices, FilterForm } from "../computers_filters.tsx";
import { BulkForm, type BulkRights, ComputerTable } from "../computers_list.tsx";
import { i18n } from "../i18n/format.ts";
import { Layout } from "../layout.tsx";
import type { SavedSearch } from "../../server/auth/saved_searches.ts";
import { SavedSearches } from "../../server/console/saved_searches/view.tsx";
import { listHref, type ListQuery, Pagination } from "../list.tsx";

/** What a computer list page shows. */
export interface ComputerListProps {
  principal: Principal;
  csrfToken: string;
  filter: ComputerFilter;
  /** The list's parameters (filter, columns, page size), without the page. */
  query: ListQuery;
  columns: readonly ComputerColumn[];
  rows: readonly ComputerSummary[];
  total: number;
  paging: Paging;
  choices: ComputerChoices;
  notice?: Notice | null;
  /** The searches the user saved or sees shared (the computers list only). */
  saved?: readonly SavedSearch[];
}

/** What `principal` may do in bulk. */
export function bulkRights(principal: Principal): BulkRights {
  return {
    trash: can(principal, "trash"),
    purge: can(principal, "purge"),
    edit: can(principal, "edit"),
  };
}

/** The list itself, as both pages show it. */
export function ComputerListBody(
  props: ComputerListProps & {
    view: "computers" | "trash";
    path: string;
    bulkAction: string;
    csvHref?: string;
  },
) {
  const rights = bulkRights(props.principal);
  const selectable = props.view === "computers"
    ? rights.trash || rights.edit || rights.purge
    : rights.trash || rights.purge;
  const keep = {
    sort: props.query.sort,
    dir: props.query.dir,
    cols: props.query.cols,
    per_page: props.query.per_page,
  };
  const k = i18n().t.computersList;
  const pagination = (
    <Pagination
      path={props.path}
      query={props.query}
      page={props.paging.page}
      perPage={props.paging.perPage}
      total={props.total}
    />
  );
  return (
    <>
      <FilterForm
        path={props.path}
        filter={props.filter}
        keep={keep}
        choices={props.choices}
        csvHref={props.csvHref}
      />
      <div class="list-tools">
        <p class="count" data-testid="computer-count">
          <strong>{i18n().number(props.total)}</strong> {k.count(props.total)}
          {isFiltering(props.filter) ? k.match(props.total) : ""}
          {isFiltering(props.filter)
            ? (
              <>
                {" "}(<a href={props.path}>{k.showAll}</a>)
              </>
            )
            : null}
        </p>
        <ColumnsForm path={props.path} query={props.query} columns={props.columns} />
      </div>
      {pagination}
      <ComputerTable
        path={props.path}
        query={{ ...props.query, sort: props.filter.sort }}
        columns={props.columns}
        rows={props.rows}
        caption={props.view === "trash"
          ? k.trashCaption(props.paging.page)
          : k.caption(props.paging.page)}
        selectable={selectable}
      />
      {pagination}
      {selectable
        ? (
          <BulkForm
            action={props.bulkAction}
            view={props.view}
            csrfToken={props.csrfToken}
            query={props.query}
            total={props.total}
            rights={rights}
            choices={props.choices}
          />
        )
        : null}
    </>
  );
}

/** The computers page. */
export function ComputersPage(props: ComputerListProps) {
  const k = i18n().t.computersList;
  return (
    <Layout
      title={k.title}
      principal={props.principal}
      csrfToken={props.csrfToken}
      current="computers"
      notice={props.notice}
    >
      <h1>{k.title}</h1>
      <SavedSearches
        searches={props.saved ?? []}
        csrfToken={props.csrfToken}
        currentQuery={new URLSearchParams(
          Object.entries(props.query).filter((e): e is [string, string] => !!e[1]),
        ).toString()}
      />
      <ComputerListBody
        {...props}
        view="computers"
        path="/computers"
        bulkAction="/computers/bulk"
        csvHref={listHref("/computers.csv", props.query, { per_page: undefined })}
      />
    </Layout>
  );
}
