/**
 * The software catalogue: a search by name or publisher (a plain GET form), and one page of
 * software with their publisher, versions and installations in the viewer's entities.
 *
 * @module
 */

import type { Principal } from "../../server/auth/rights.ts";
import type { SoftwareSummary } from "../../server/registry/software_queries.ts";
import type { Notice } from "../components.tsx";
import { i18n } from "../i18n/format.ts";
import { Layout } from "../layout.tsx";
import { listHref, Pagination } from "../list.tsx";

/** What the catalogue page shows. */
export interface SoftwarePageProps {
  principal: Principal;
  csrfToken: string;
  notice?: Notice | null;
  search: string;
  software: SoftwareSummary[];
  total: number;
  page: number;
  perPage: number;
  /** The viewer is limited to some entities (counts are theirs). */
  scoped: boolean;
}

/** The catalogue page. */
export function SoftwarePage(props: SoftwarePageProps) {
  const query = { search: props.search || undefined };
  const { t, number } = i18n();
  const k = t.software;
  return (
    <Layout
      title={k.title}
      principal={props.principal}
      csrfToken={props.csrfToken}
      current="software"
      notice={props.notice}
    >
      <h1>{k.title}</h1>
      <form method="get" action="/software" class="row-form software-search" role="search">
        <div class="field">
          <label for="software-search">{k.nameOrPublisher}</label>
          <input
            type="search"
            id="software-search"
            name="search"
            value={props.search}
            autocomplete="off"
          />
        </div>
        <button type="submit">{k.search}</button>
        {props.search ? <a href="/software">{k.clear}</a> : null}
        <a
          class="button secondary"
          href={listHref("/software.csv", props.search ? { search: props.search } : {})}
        >
          {t.common.exportCsv}
        </a>
      </form>
      {props.scoped ? <p class="muted">{k.scoped}</p> : null}
      {props.total === 0 ? <p class="muted">{props.search ? k.noMatch : k.noneYet}</p> : (
        <>
          <div class="table-wrap">
            <table class="software">
              <caption class="visually-hidden">
                {k.caption(props.search)}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{k.headers[0]}</th>
                  <th scope="col">{k.headers[1]}</th>
                  <th scope="col" class="num">{k.headers[2]}</th>
                  <th scope="col" class="num">
                    <abbr title={k.installationsHint}>{k.headers[3]}</abbr>
                  </th>
                </tr>
              </thead>
              <tbody>
                {props.software.map((s) => (
                  <tr key={s.id} data-software={s.id}>
                    <th scope="row">
                      <a href={`/software/${s.id}`}>{s.name}</a>
                      {s.category ? <span class="muted">{` · ${s.category}`}</span> : null}
                    </th>
                    <td>{s.publisher || <span class="muted">–</span>}</td>
                    <td class="num">{number(s.versions)}</td>
                    <td class="num">{number(s.installations)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination
            path="/software"
            query={query}
            page={props.page}
            perPage={props.perPage}
            total={props.total}
          />
        </>
      )}
    </Layout>
  );
}
