/**
 * The rule editor page (a new rule or an existing one) and the confirmation page before a rule
 * is deleted.
 *
 * @module
 */

import type { Principal } from "../../server/auth/rights.ts";
import { COLLECTIONS } from "../../rules/mod.ts";
import type { Rule } from "../../rules/types.ts";
import { type Notice, PostForm } from "../components.tsx";
import { Layout } from "../layout.tsx";
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
  const spec = COLLECTIONS[draft.collection];
  const title = props.ruleId === undefined
    ? `New ${spec.label.toLowerCase()} rule`
    : `Edit rule “${draft.name}”`;
  const notice: Notice | null = problems?.all.length
    ? {
      kind: "error",
      text: `The rule was not saved: ${problems.all.length} problem${
        problems.all.length === 1 ? "" : "s"
      } to fix (shown below).`,
    }
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
        <p class="breadcrumb">
          <a href="/rules">Rules</a> ›{" "}
          <a href={`/rules#collection-${draft.collection}`}>
            {spec.label}
          </a>
        </p>
        <h1>{title}</h1>
        {problems?.all.length
          ? (
            <ul class="problem-summary" aria-label="Problems">
              {problems.all.map((p, i) => <li key={i}>{p}</li>)}
            </ul>
          )
          : null}
        <p class="muted">{spec.help}.</p>
        <RuleForm
          action={props.ruleId === undefined
            ? `/rules/new?collection=${draft.collection}`
            : `/rules/${props.ruleId}/edit`}
          csrfToken={props.csrfToken}
          draft={draft}
          problems={problems}
          submitLabel={props.ruleId === undefined ? "Create rule" : "Save rule"}
        />
        <CollectionHelp collection={draft.collection} />
      </div>
    </Layout>
  );
}

/** The confirmation before deleting a rule. */
export function RuleDeletePage(props: { principal: Principal; csrfToken: string; rule: Rule }) {
  const { rule } = props;
  const spec = COLLECTIONS[rule.collection];
  return (
    <Layout
      title={`Delete rule “${rule.name}”`}
      principal={props.principal}
      csrfToken={props.csrfToken}
      current="rules"
    >
      <div class="rules narrow-wide">
        <h1>Delete rule “{rule.name}”?</h1>
        <p>
          This removes the rule from the {spec.label.toLowerCase()}{" "}
          collection. Devices already imported stay as they are; the rule no longer applies to the
          next ones.
        </p>
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
          label="Confirm deletion"
        >
          <button type="submit" class="danger">Delete the rule</button>
          <a href={`/rules#rule-${rule.id}`}>Keep it</a>
        </PostForm>
      </div>
    </Layout>
  );
}
