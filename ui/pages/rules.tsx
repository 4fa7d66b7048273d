/**
 * The rules page: every collection (entity, import and link, location, software) with its rules
 * in ranking order — active or not, criteria and actions in words — and per rule: edit, move
 * up/down, enable/disable, delete. Export as a JSON download and import of a rules file.
 *
 * @module
 */

import type { Principal } from "../../server/auth/rights.ts";
import type { CollectionName, Rule } from "../../rules/types.ts";
import { CsrfField, type Notice, PostForm } from "../components.tsx";
import { i18n } from "../i18n/format.ts";
import { Layout } from "../layout.tsx";
import { collectionHelp, collectionLabel } from "../rule_words.ts";
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
      title={i18n().t.rules.title}
      principal={props.principal}
      csrfToken={props.csrfToken}
      current="rules"
      notice={props.notice}
    >
      <div class="rules">
        <h1>{i18n().t.rules.title}</h1>
        <p class="muted">
          {i18n().t.rules.intro}
        </p>
        <nav class="collection-index" aria-label={i18n().t.rules.collections}>
          <ul>
            {props.collections.map((c) => (
              <li key={c.name}>
                <a href={`#collection-${c.name}`}>
                  {collectionLabel(c.name)} <span class="muted">({c.rules.length})</span>
                </a>
              </li>
            ))}
            <li>
              <a href="#transfer">{i18n().t.rules.exportImport}</a>
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
  const label = collectionLabel(props.name);
  const titleId = `collection-${props.name}`;
  const k = i18n().t.rules;
  return (
    <section class="panel collection" aria-labelledby={titleId}>
      <div class="collection-head">
        <h2 id={titleId}>{label}</h2>
        <div class="collection-links">
          <a class="button" href={`/rules/new?collection=${props.name}`}>
            {k.newRule(label)}
          </a>
          <a class="button secondary" href={`/rules/test?collection=${props.name}`}>
            {k.testRules}
          </a>
        </div>
      </div>
      <p class="muted">{collectionHelp(props.name)}.</p>
      {props.rules.length === 0 ? <p class="muted">{k.noRules}</p> : (
        <div class="table-wrap">
          <table class="rules-table">
            <caption class="visually-hidden">{k.rulesCaption(label)}</caption>
            <thead>
              <tr>
                <th scope="col">{k.headers[0]}</th>
                <th scope="col">{k.headers[1]}</th>
                <th scope="col">{k.headers[2]}</th>
                <th scope="col" class="optional">{k.headers[3]}</th>
                <th scope="col">{k.headers[4]}</th>
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
  const k = i18n().t.rules;
  return (
    <tr id={`rule-${id}`} class={rule.active ? undefined : "inactive"} data-rule={rule.name}>
      <td>{rule.ranking}</td>
      <th scope="row">
        <a href={`/rules/${id}/edit`}>{rule.name}</a> {rule.active
          ? <span class="badge on">{k.active}</span>
          : <span class="badge off">{k.inactive}</span>}
        {rule.description ? <div class="muted">{rule.description}</div> : null}
      </th>
      <td>
        <ul class="summary-list">
          {rule.criteria.map((c, i) => (
            <li key={i}>
              {i > 0 ? <span class="joiner">{rule.match === "OR" ? k.or : k.and}</span> : null}
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
          label={k.move(rule.name)}
        >
          <button
            type="submit"
            name="direction"
            value="up"
            class="secondary icon"
            disabled={props.first}
            aria-label={k.moveUp(rule.name)}
          >
            ↑
          </button>
          <button
            type="submit"
            name="direction"
            value="down"
            class="secondary icon"
            disabled={props.last}
            aria-label={k.moveDown(rule.name)}
          >
            ↓
          </button>
        </PostForm>
        <PostForm
          action={`/rules/${id}/active`}
          csrfToken={csrfToken}
          class="inline-form"
          label={rule.active ? k.disableRule(rule.name) : k.enableRule(rule.name)}
        >
          <input type="hidden" name="active" value={rule.active ? "0" : "1"} />
          <button
            type="submit"
            class="secondary"
            aria-label={rule.active ? k.disableRule(rule.name) : k.enableRule(rule.name)}
          >
            {rule.active ? k.disable : k.enable}
          </button>
        </PostForm>
        <a
          class="button danger-link"
          href={`/rules/${id}/delete`}
          aria-label={k.deleteRule(rule.name)}
        >
          {k.delete}
        </a>
      </td>
    </tr>
  );
}

function Transfer(props: { csrfToken: string; problems?: string[] | null }) {
  const k = i18n().t.rules;
  return (
    <section class="panel" id="transfer" aria-labelledby="transfer-title">
      <h2 id="transfer-title">{k.exportImport}</h2>
      <p>
        <a class="button secondary" href="/rules/export.json" download="rules.json">
          {k.exportAll}
        </a>
      </p>
      <form
        method="post"
        action="/rules/import"
        enctype="multipart/form-data"
        class="row-form"
        aria-label={k.importRules}
      >
        <CsrfField token={props.csrfToken} />
        <div class="field">
          <label for="rules-file">{k.rulesFile}</label>
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
          <label for="rules-mode">{k.mode}</label>
          <select id="rules-mode" name="mode">
            <option value="merge">{k.merge}</option>
            <option value="replace">{k.replace}</option>
          </select>
        </div>
        <button type="submit">{k.import}</button>
      </form>
      {props.problems?.length
        ? (
          <div class="notice error" role="alert" id="import-problems">
            <p>{k.importProblems}</p>
            <ul>
              {props.problems.map((p, i) => <li key={i}>{p}</li>)}
            </ul>
          </div>
        )
        : null}
    </section>
  );
}
