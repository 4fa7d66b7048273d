/**
 * The rule editor page (a new rule or an existing one) and the confirmation page before a rule
 * is deleted.
 *
 * @module
 */

import type { Principal } from "../../server/auth/rights.ts";
import type { Rule } from "../../rules/types.ts";
import { type Notice, PostForm } from "../components.tsx";
import { i18n } from "../i18n/format.ts";
import { Layout } from "../layout.tsx";
import { collectionHelp, collectionLabel } from "../rule_words.ts";
import type { PlacedProblems, RuleDraft } from "../rule_draft.ts";
import { CollectionHelp, RuleForm } from "../rule_form.tsx";
import { actionText, criterionText } from "../rule_summary.ts";

/** What the editor shows. */
export interface RuleEditPageProps {
  principal: Principal;
  csrfToken: string;
  /** The rule's id when editing; absent for a new rule. */
  ruleId?: number;
  draft: RuleDraft;
  problems?: PlacedProblems | null;
}

/** The editor page. */
export function RuleEditPage(props: RuleEditPageProps) {
  const { draft, problems } = props;
  const { t } = i18n();
  const k = t.rules;
  const label = collectionLabel(draft.collection);
  const title = props.ruleId === undefined ? k.newRule(label) : k.editRule(draft.name);
  const notice: Notice | null = problems?.all.length
    ? { kind: "error", text: k.notSaved(problems.all.length) }
    : null;
  return (
    <Layout
      title={title}
      principal={props.principal}
      csrfToken={props.csrfToken}
      current="rules"
      notice={notice}
    >
      <div class="rules">
        <nav class="breadcrumb" aria-label={t.common.breadcrumb}>
          <a href="/rules">{k.title}</a> ›{" "}
          <a href={`/rules#collection-${draft.collection}`}>
            {label}
          </a>
        </nav>
        <h1>{title}</h1>
        {problems?.all.length
          ? (
            <ul class="problem-summary" aria-label={k.problems}>
              {problems.all.map((p, i) => <li key={i}>{p}</li>)}
            </ul>
          )
          : null}
        <p class="muted">{collectionHelp(draft.collection)}.</p>
        <RuleForm
          action={props.ruleId === undefined
            ? `/rules/new?collection=${draft.collection}`
            : `/rules/${props.ruleId}/edit`}
          csrfToken={props.csrfToken}
          draft={draft}
          problems={problems}
          submitLabel={props.ruleId === undefined ? k.createRule : k.saveRule}
        />
        <CollectionHelp collection={draft.collection} />
      </div>
    </Layout>
  );
}

/** The confirmation before deleting a rule. */
export function RuleDeletePage(props: { principal: Principal; csrfToken: string; rule: Rule }) {
  const { rule } = props;
  const k = i18n().t.rules;
  return (
    <Layout
      title={k.deleteTitle(rule.name)}
      principal={props.principal}
      csrfToken={props.csrfToken}
      current="rules"
    >
      <div class="rules narrow-wide">
        <h1>{k.deleteHeading(rule.name)}</h1>
        <p>{k.deleteExplain(collectionLabel(rule.collection))}</p>
        <ul class="summary-list">
          {rule.criteria.map((c, i) => (
            <li key={i}>
              <code>{criterionText(c)}</code>
            </li>
          ))}
          {rule.actions.map((a, i) => (
            <li key={`a${i}`}>
              → <code>{actionText(a)}</code>
            </li>
          ))}
        </ul>
        <PostForm
          action={`/rules/${rule.id}/delete`}
          csrfToken={props.csrfToken}
          class="row-form"
          label={k.confirmDeletion}
        >
          <button type="submit" class="danger">{k.deleteTheRule}</button>
          <a href={`/rules#rule-${rule.id}`}>{k.keepIt}</a>
        </PostForm>
      </div>
    </Layout>
  );
}
