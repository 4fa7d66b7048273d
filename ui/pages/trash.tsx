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
import { Layout } from "../layout.tsx";
import { ComputerListBody, type ComputerListProps } from "./computers.tsx";

/** The trash page. */
export function TrashPage(props: ComputerListProps) {
  return (
    <Layout
      title="Trash"
      principal={props.principal}
      csrfToken={props.csrfToken}
      current="trash"
      notice={props.notice}
    >
      <div class="page-head">
        <h1>Trash</h1>
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
        Computers here keep their links: a device that reports again restores its computer. Purging
        deletes a computer and everything it owns for good.
      </p>
      <ComputerListBody {...props} view="trash" path="/trash" bulkAction="/trash/bulk" />
    </Layout>
  );
}
