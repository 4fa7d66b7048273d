/**
 * One software: its versions with how many computers (in the viewer's entities) have each, and
 * the computers of the selected version, paged, each linking to its page.
 *
 * @module
 */

import type { Principal } from "../../server/auth/rights.ts";
import type {
  SoftwareComputer,
  SoftwareVersionCount,
} from "../../server/registry/software_queries.ts";
import type { Notice } from "../components.tsx";
import { i18n } from "../i18n/format.ts";
import { Layout } from "../layout.tsx";
import { listHref, Pagination } from "../list.tsx";

/** What the software page shows. */
export interface SoftwareDetailPageProps {
  principal: Principal;
  csrfToken: string;
  notice?: Notice | null;
  software: { id: number; name: string; publisher: string; category: string };
  versions: SoftwareVersionCount[];
  selected: SoftwareVersionCount | null;
  computers: SoftwareComputer[];
  page: number;
  perPage: number;
  scoped: boolean;
}

/** The software page. */
export function SoftwareDetailPage(props: SoftwareDetailPageProps) {
  const { software, selected } = props;
  const path = `/software/${software.id}`;
  const installations = props.versions.reduce((n, v) => n + v.computers, 0);
  const { t, number, dateTime } = i18n();
  const k = t.software;
  return (
    <Layout
      title={software.name}
      principal={props.principal}
      csrfToken={props.csrfToken}
      current="software"
      notice={props.notice}
    >
      <nav class="breadcrumb" aria-label={t.common.breadcrumb}>
        <a href="/software">{k.title}</a>
      </nav>
      <h1>{software.name}</h1>
      <p class="software-facts">
        {[
          software.publisher ? k.publishedBy(software.publisher) : null,
          software.category ? k.category(software.category) : null,
          props.versions.length === 0
            ? (props.scoped ? k.noneInEntities : k.noneAnyMore)
            : k.counts(props.versions.length, installations, props.scoped),
        ].filter(Boolean).join(" ")}
      </p>
      {props.versions.length > 0
        ? (
          <div class="software-detail">
            <section aria-labelledby="versions-title">
              <h2 id="versions-title">{k.versions}</h2>
              <div class="table-wrap">
                <table class="versions">
                  <caption class="visually-hidden">{k.versionsOf(software.name)}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{k.versionHeaders[0]}</th>
                      <th scope="col" class="num">{k.versionHeaders[1]}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {props.versions.map((v) => (
                      <tr
                        key={v.id}
                        data-version={v.id}
                        class={v.id === selected?.id ? "selected" : undefined}
                      >
                        <th scope="row">
                          <a
                            href={`${path}?version=${v.id}`}
                            aria-current={v.id === selected?.id ? "true" : undefined}
                          >
                            {v.version || k.noVersion}
                          </a>
                        </th>
                        <td class="num">{number(v.computers)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
            {selected
              ? (
                <section aria-labelledby="computers-title">
                  <h2 id="computers-title">
                    {k.computersWith(selected.version || k.noVersion)}
                  </h2>
                  <div class="table-wrap">
                    <table class="version-computers">
                      <caption class="visually-hidden">
                        {k.computersThatHave(software.name, selected.version)}
                      </caption>
                      <thead>
                        <tr>
                          <th scope="col">{k.computerHeaders[0]}</th>
                          <th scope="col">{k.computerHeaders[1]}</th>
                          <th scope="col" class="optional">{k.computerHeaders[2]}</th>
                          <th scope="col" class="optional">{k.computerHeaders[3]}</th>
                          <th scope="col" class="optional">{k.computerHeaders[4]}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {props.computers.map((c) => (
                          <tr key={c.id} data-computer={c.id}>
                            <th scope="row">
                              <a href={`/computers/${c.id}`}>{c.name || `#${c.id}`}</a>
                            </th>
                            <td>{c.entity}</td>
                            <td class="optional">{c.installDate || "–"}</td>
                            <td class="optional">{c.arch || "–"}</td>
                            <td class="optional">
                              {dateTime(c.lastInventoryAt) || "–"}
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                  <Pagination
                    path={path}
                    query={{ version: String(selected.id) }}
                    page={props.page}
                    perPage={props.perPage}
                    total={selected.computers}
                  />
                  <p>
                    <a
                      class="button secondary"
                      href={listHref(`${path}/computers.csv`, { version: String(selected.id) })}
                    >
                      {t.common.exportCsv}
                    </a>
                  </p>
                </section>
              )
              : null}
          </div>
        )
        : null}
    </Layout>
  );
}
