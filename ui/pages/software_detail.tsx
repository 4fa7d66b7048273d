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
import { Layout } from "../layout.tsx";
import { Pagination } from "../list.tsx";

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
  return (
    <Layout
      title={software.name}
      principal={props.principal}
      csrfToken={props.csrfToken}
      current="software"
      notice={props.notice}
    >
      <p class="breadcrumb">
        <a href="/software">Software</a> ›
      </p>
      <h1>{software.name}</h1>
      <p>
        {software.publisher ? <>Published by {software.publisher}.</> : null}
        {software.category ? <>Category: {software.category}.</> : null}
        {props.versions.length === 0
          ? (props.scoped ? "No computer of your entities has it." : "No computer has it any more.")
          : `${props.versions.length} version${props.versions.length === 1 ? "" : "s"}, ${
            installations.toLocaleString("en")
          } installation${installations === 1 ? "" : "s"}${
            props.scoped ? " in your entities" : ""
          }.`}
      </p>
      {props.versions.length > 0
        ? (
          <div class="software-detail">
            <section aria-labelledby="versions-title">
              <h2 id="versions-title">Versions</h2>
              <div class="table-wrap">
                <table class="versions">
                  <caption class="visually-hidden">Versions of {software.name}</caption>
                  <thead>
                    <tr>
                      <th scope="col">Version</th>
                      <th scope="col" class="num">Computers</th>
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
                            {v.version || "(no version)"}
                          </a>
                        </th>
                        <td class="num">{v.computers.toLocaleString("en")}</td>
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
                    Computers with version {selected.version || "(no version)"}
                  </h2>
                  <div class="table-wrap">
                    <table class="version-computers">
                      <caption class="visually-hidden">
                        Computers that have {software.name} {selected.version}
                      </caption>
                      <thead>
                        <tr>
                          <th scope="col">Computer</th>
                          <th scope="col">Entity</th>
                          <th scope="col" class="optional">Installed</th>
                          <th scope="col" class="optional">Architecture</th>
                          <th scope="col" class="optional">Last inventory</th>
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
                              {c.lastInventoryAt?.slice(0, 16).replace("T", " ") ?? "–"}
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
                </section>
              )
              : null}
          </div>
        )
        : null}
    </Layout>
  );
}
