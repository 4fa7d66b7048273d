/**
 * The rules page: every collection (entity, import and link, location, software) with its rules
 * in ranking order — active or not, criteria and actions in words — and per rule: edit, move
 * up/down, enable/disable, delete. Export as a JSON download and import of a rules file.
 *
 * @module
 */

import type { Principal } from "../../server/auth/rights.ts";
import { COLLECTIONS } from "../../rules/mod.ts";
import type { CollectionName, Rule } from "../../rules/types.ts";
import { CsrfField, type Notice, PostForm } from "../components.tsx";
import { Layout } from "../layout.tsx";
import { actionText, criterionText } from "../rule_summary.ts";

/** What the rules page shows. */
export interface RulesPageProps {
  principal: Principal;
  csrfToken: string;
  /** The collections in evaluation order, each with its rules by ranking. */
  collections: { name: CollectionName; rules: Rule[] }[];
  notice?: Notice | null;
  /** Problems of a refused import, `path: message`. */
  importProblems?: string[] | null;
}

/** The rules page. */
export function RulesPage(props: RulesPageProps) {
  return (
    <Layout
      title="Rules"
      principal={props.principal}
      csrfToken={props.csrfToken}
      current="rules"
      notice={props.notice}
    >
      <div class="rules">
        <h1>Rules</h1>
        <p class="muted">
          Each collection runs its active rules in ranking order and stops at the first rule that
          matches. New devices go through the entity rules, then the import and link rules, then the
          location rules; software goes through the dictionary as it is imported.
        </p>
        <nav class="collection-index" aria-label="Collections">
          <ul>
            {props.collections.map((c) => (
              <li key={c.name}>
                <a href={`#collection-${c.name}`}>
                  {COLLECTIONS[c.name].label} <span class="muted">({c.rules.length})</span>
                </a>
              </li>
            ))}
            <li>
              <a href="#transfer">Export and import</a>
            </li>
          </ul>
        </nav>
        {props.collections.map((c) => (
          <CollectionSection
            key={c.name}
            name={c.name}
            rules={c.rules}
            csrfToken={props.csrfToken}
          />
        ))}
        <Transfer csrfToken={props.csrfToken} problems={props.importProblems} />
      </div>
    </Layout>
  );
}

function CollectionSection(
  props: { name: CollectionName; rules: Rule[]; csrfToken: string },
) {
  const spec = COLLECTIONS[props.name];
  const titleId = `collection-${props.name}`;
  return (
    <section class="panel collection" aria-labelledby={titleId}>
      <div class="collection-head">
        <h2 id={titleId}>{spec.label}</h2>
        <div class="collection-links">
          <a class="button" href={`/rules/new?collection=${props.name}`}>
            New {spec.label.toLowerCase()} rule
          </a>
          <a class="button secondary" href={`/rules/test?collection=${props.name}`}>
            Test these rules
          </a>
        </div>
      </div>
      <p class="muted">{spec.help}.</p>
      {props.rules.length === 0
        ? <p class="muted">No rules in this collection.</p>
        : (
          <div class="table-wrap">
            <table class="rules-table">
              <caption class="visually-hidden">{spec.label} rules, in ranking order</caption>
              <thead>
                <tr>
                  <th scope="col">Rank</th>
                  <th scope="col">Rule</th>
                  <th scope="col">Criteria</th>
                  <th scope="col" class="optional">Actions</th>
                  <th scope="col">Manage</th>
                </tr>
              </thead>
              <tbody>
                {props.rules.map((rule, i) => (
                  <RuleRow
                    key={rule.id}
                    rule={rule}
                    first={i === 0}
                    last={i === props.rules.length - 1}
                    csrfToken={props.csrfToken}
                  />
                ))}
              </tbody>
            </table>
          </div>
        )}
    </section>
  );
}

function RuleRow(props: { rule: Rule; first: boolean; last: boolean; csrfToken: string }) {
  const { rule, csrfToken } = props;
  const id = rule.id!;
  return (
    <tr id={`rule-${id}`} class={rule.active ? undefined : "inactive"} data-rule={rule.name}>
      <td>{rule.ranking}</td>
      <th scope="row">
        <a href={`/rules/${id}/edit`}>{rule.name}</a>{" "}
        {rule.active
          ? <span class="badge on">active</span>
          : <span class="badge off">inactive</span>}
        {rule.description ? <div class="muted">{rule.description}</div> : null}
      </th>
      <td>
        <ul class="summary-list">
          {rule.criteria.map((c, i) => (
            <li key={i}>
              {i > 0 ? <span class="joiner">{rule.match === "OR" ? "or " : "and "}</span> : null}
              <code>{criterionText(c)}</code>
            </li>
          ))}
        </ul>
      </td>
      <td class="optional">
        <ul class="summary-list">
          {rule.actions.map((a, i) => (
            <li key={i}>
              <code>{actionText(a)}</code>
            </li>
          ))}
        </ul>
      </td>
      <td class="manage">
        <PostForm
          action={`/rules/${id}/move`}
          csrfToken={csrfToken}
          class="inline-form"
          label={`Move ${rule.name}`}
        >
          <button
            type="submit"
            name="direction"
            value="up"
            class="secondary icon"
            disabled={props.first}
            aria-label={`Move “${rule.name}” up`}
          >
            ↑
          </button>
          <button
            type="submit"
            name="direction"
            value="down"
            class="secondary icon"
            disabled={props.last}
            aria-label={`Move “${rule.name}” down`}
          >
            ↓
          </button>
        </PostForm>
        <PostForm
          action={`/rules/${id}/active`}
          csrfToken={csrfToken}
          class="inline-form"
          label={`${rule.active ? "Disable" : "Enable"} ${rule.name}`}
        >
          <input type="hidden" name="active" value={rule.active ? "0" : "1"} />
          <button
            type="submit"
            class="secondary"
            aria-label={`${rule.active ? "Disable" : "Enable"} “${rule.name}”`}
          >
            {rule.active ? "Disable" : "Enable"}
          </button>
        </PostForm>
        <a
          class="button danger-link"
          href={`/rules/${id}/delete`}
          aria-label={`Delete “${rule.name}”`}
        >
          Delete
        </a>
      </td>
    </tr>
  );
}

function Transfer(props: { csrfToken: string; problems?: string[] | null }) {
  return (
    <section class="panel" id="transfer" aria-labelledby="transfer-title">
      <h2 id="transfer-title">Export and import</h2>
      <p>
        <a class="button secondary" href="/rules/export.json" download="rules.json">
          Export every rule (JSON)
        </a>
      </p>
      <form
        method="post"
        action="/rules/import"
        enctype="multipart/form-data"
        class="row-form"
        aria-label="Import rules"
      >
        <CsrfField token={props.csrfToken} />
        <div class="field">
          <label for="rules-file">Rules file (JSON, as exported)</label>
          <input
            type="file"
            id="rules-file"
            name="file"
            accept=".json,application/json"
            required
            aria-invalid={props.problems?.length ? "true" : undefined}
            aria-describedby={props.problems?.length ? "import-problems" : undefined}
          />
        </div>
        <div class="field">
          <label for="rules-mode">Mode</label>
          <select id="rules-mode" name="mode">
            <option value="merge">Merge: add new rules, replace those with the same uuid</option>
            <option value="replace">Replace the collections present in the file</option>
          </select>
        </div>
        <button type="submit">Import</button>
      </form>
      {props.problems?.length
        ? (
          <div class="notice error" role="alert" id="import-problems">
            <p>Nothing was imported. The file has these problems:</p>
            <ul>
              {props.problems.map((p, i) => <li key={i}>{p}</li>)}
            </ul>
          </div>
        )
        : null}
    </section>
  );
}
