/**
 * The console's OCS sources pages: the list with each source's last synchronisation and totals
 * and an "add" form; one source with its options, totals and last errors (with the OCS id), and
 * "test" and "sync now" buttons. Passwords are typed in, never shown.
 *
 * @module
 */

import type { Principal } from "../../auth/rights.ts";
import type { SourceView } from "../../sources/store.ts";
import { type Notice, PostForm } from "../../../ui/components.tsx";
import { Layout } from "../../../ui/layout.tsx";
import { i18n } from "../../../ui/i18n/format.ts";

/** What the add form holds after a refusal (never the password). */
export interface SourceFormState {
  name: string;
  url: string;
  passwordEnv: string;
  entity: string;
  tagLocation: boolean;
}

export const EMPTY_FORM: SourceFormState = {
  name: "",
  url: "",
  passwordEnv: "",
  entity: "",
  tagLocation: false,
};

function Totals(props: { s: SourceView }) {
  const c = props.s.counts;
  return (
    <span>
      {c.imported} imported, {c.updated} updated, {c.trashed} deleted in OCS, {c.merged} merged,
      {" "}
      {c.refused} refused by rules, {c.errors} errors
    </span>
  );
}

/** The sources list with the add form. */
export function SourcesPage(props: {
  principal: Principal;
  csrfToken: string;
  notice?: Notice | null;
  sources: SourceView[];
  form: SourceFormState;
  formError?: string;
}) {
  return (
    <Layout
      title="OCS sources"
      principal={props.principal}
      csrfToken={props.csrfToken}
      current="sources"
      notice={props.notice}
    >
      <h1>OCS sources</h1>
      <p class="muted">
        Existing OCS Inventory servers read from their database (never written). The task
        sync-sources imports what changed every minute.
      </p>
      <p>
        <a class="button secondary" href="/sources.csv">{i18n().t.common.exportCsv}</a>
      </p>
      <div class="table-wrap">
        <table class="sources">
          <caption class="visually-hidden">OCS sources with their last synchronisation</caption>
          <thead>
            <tr>
              <th scope="col">Source</th>
              <th scope="col">Database</th>
              <th scope="col">Computers</th>
              <th scope="col">Last sync</th>
              <th scope="col" class="optional">Totals</th>
            </tr>
          </thead>
          <tbody>
            {props.sources.length === 0 && (
              <tr>
                <td colSpan={5}>No source yet.</td>
              </tr>
            )}
            {props.sources.map((s) => (
              <tr key={s.name} data-source={s.name}>
                <th scope="row">
                  <a href={`/sources/${encodeURIComponent(s.name)}`}>{s.name}</a>
                  {!s.enabled && <div class="muted">disabled</div>}
                </th>
                <td>{s.url}</td>
                <td>{s.counts.computers}</td>
                <td>
                  {s.lastSyncAt ?? "never"}
                  <div class={s.lastStatus === "error" ? "error" : "muted"}>
                    {s.lastMessage ?? ""}
                  </div>
                </td>
                <td class="optional">
                  <Totals s={s} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>Add a source</h2>
      <PostForm action="/sources" csrfToken={props.csrfToken} label="Add an OCS source">
        {props.formError && (
          <p class="notice error" role="alert" id="source-error">{props.formError}</p>
        )}
        <p>
          <label for="source-name">Name</label>
          <input id="source-name" name="name" required value={props.form.name} />
        </p>
        <p>
          <label for="source-url">Database URL</label>
          <input
            id="source-url"
            name="url"
            required
            placeholder="mysql://USER@HOST:3306/ocsweb"
            value={props.form.url}
          />
        </p>
        <p>
          <label for="source-password">Password</label>
          <input id="source-password" name="password" type="password" autocomplete="off" />
        </p>
        <p>
          <label for="source-password-env">or its environment variable</label>
          <input id="source-password-env" name="password_env" value={props.form.passwordEnv} />
        </p>
        <p>
          <label for="source-entity">Entity for every computer (empty: the entity rules)</label>
          <input id="source-entity" name="entity" value={props.form.entity} />
        </p>
        <p>
          <label>
            <input
              type="checkbox"
              name="tag_location"
              value="yes"
              checked={props.form.tagLocation}
            />{" "}
            The OCS TAG names the location
          </label>
        </p>
        <button type="submit">Test and add</button>
      </PostForm>
    </Layout>
  );
}

/** One source. */
export function SourcePage(props: {
  principal: Principal;
  csrfToken: string;
  notice?: Notice | null;
  source: SourceView;
  entityName: string | null;
  errors: { ocsId: number; at: string; message: string }[];
}) {
  const s = props.source;
  const path = `/sources/${encodeURIComponent(s.name)}`;
  return (
    <Layout
      title={`Source ${s.name}`}
      principal={props.principal}
      csrfToken={props.csrfToken}
      current="sources"
      notice={props.notice}
    >
      <h1>Source {s.name}</h1>
      <dl class="fields">
        <dt>Database</dt>
        <dd>{s.url}</dd>
        <dt>Password</dt>
        <dd>{s.password}</dd>
        <dt>State</dt>
        <dd>{s.enabled ? "enabled" : "disabled"}</dd>
        <dt>OCS schema</dt>
        <dd>{s.ocsVersion ?? "not checked yet"}</dd>
        <dt>Entity</dt>
        <dd>
          {props.entityName ?? "by the entity rules"}
          {s.options.tagEntity ? " (the TAG picks the entity)" : ""}
        </dd>
        <dt>TAG → location</dt>
        <dd>{s.options.tagLocation ? "yes" : "no"}</dd>
        <dt>Sections skipped</dt>
        <dd>{s.options.skip.join(", ") || "none"}</dd>
        <dt>Computers</dt>
        <dd>{s.counts.computers}</dd>
        <dt>Last sync</dt>
        <dd>
          {s.lastSyncAt ?? "never"} {s.lastStatus ?? ""} {s.lastMessage ?? ""}
        </dd>
        <dt>Totals</dt>
        <dd>
          <Totals s={s} />
        </dd>
      </dl>
      <div class="actions">
        <PostForm action={`${path}/test`} csrfToken={props.csrfToken} label="Test the source">
          <button type="submit">Test</button>
        </PostForm>
        <PostForm action={`${path}/sync`} csrfToken={props.csrfToken} label="Synchronise now">
          <button type="submit">Sync now</button>
        </PostForm>
      </div>
      <h2>Last errors</h2>
      {props.errors.length === 0 ? <p>None.</p> : (
        <table class="source-errors">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">OCS id</th>
              <th scope="col">Error</th>
            </tr>
          </thead>
          <tbody>
            {props.errors.map((e, i) => (
              <tr key={i}>
                <td>{e.at}</td>
                <td>{e.ocsId || "source"}</td>
                <td>{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        Each computer's rule trace is on its page (Computers), as for agents' devices.{" "}
        <a href="/sources">All sources</a>
      </p>
    </Layout>
  );
}
