/**
 * The trash: computers moved there by hand, by a bulk action or by the deletion and stale
 * behaviours. Restore or purge any number in one action; "empty the trash" purges all that the
 * filter matches (after a confirmation).
 *
 * @module
 */

import { can } from "../../server/auth/rights.ts";
import { isFiltering } from "../../server/http/computers_filter.ts";
import { EmptyTrashForm } from "../computers_list.tsx";
import { i18n } from "../i18n/format.ts";
import { Layout } from "../layout.tsx";
import { listHref } from "../list.tsx";
import { ComputerListBody, type ComputerListProps } from "./computers.tsx";

/** The trash page. */
export function TrashPage(props: ComputerListProps) {
  const k = i18n().t.computersList;
  return (
    <Layout
      title={k.trashTitle}
      principal={props.principal}
      csrfToken={props.csrfToken}
      current="trash"
      notice={props.notice}
    >
      <div class="page-head">
        <h1>{k.trashTitle}</h1>
        {can(props.principal, "purge")
          ? (
            <EmptyTrashForm
              csrfToken={props.csrfToken}
              query={props.query}
              total={props.total}
              filtering={isFiltering(props.filter)}
            />
          )
          : null}
      </div>
      <p class="muted">
        {k.trashIntro}
      </p>
      <ComputerListBody
        {...props}
        view="trash"
        path="/trash"
        bulkAction="/trash/bulk"
        csvHref={listHref("/trash.csv", props.query, { per_page: undefined })}
      />
    </Layout>
  );
}
