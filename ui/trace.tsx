/**
 * Rule traces for people: each collection's verdict, then rule by rule (in ranking order) and
 * criterion by criterion whether it matched and why, and the actions a matching rule applied.
 * The same data `inventory inbox show` prints (rules/explain.ts), as HTML. Used by the devices
 * inbox and the rule tester; any page showing a stored trace may import it.
 *
 * @module
 */

import { inputField, PATTERNLESS_OPERATORS } from "../rules/mod.ts";
import type { CollectionResult, CriterionTrace, RuleTrace } from "../rules/types.ts";
import { i18n } from "./i18n/format.ts";
import { actionTypeLabel, collectionLabel, inputWords, operatorLabel } from "./rule_words.ts";

/** Every collection of a trace, in evaluation order. */
export function RuleTraces(
  props: { traces: readonly CollectionResult[]; empty?: string; idPrefix?: string },
) {
  if (props.traces.length === 0) {
    return (
      <p class="muted trace-empty">
        {props.empty ?? i18n().t.rules.traceEmpty}
      </p>
    );
  }
  return (
    <div class="traces">
      {props.traces.map((result, i) => (
        <CollectionTrace
          key={`${result.collection}-${i}`}
          result={result}
          id={`${props.idPrefix ?? "trace"}-${result.collection}-${i}`}
        />
      ))}
    </div>
  );
}

/** One collection's verdict and its rules. */
export function CollectionTrace(props: { result: CollectionResult; id: string }) {
  const { result } = props;
  const label = collectionLabel(result.collection);
  const output = Object.entries(result.output);
  const k = i18n().t.rules;
  return (
    <section class="trace" aria-labelledby={props.id}>
      <h3 id={props.id} class="trace-title">
        <span class="trace-collection">{k.collectionRules(label)}</span> {result.matched &&
            result.failure
          ? (
            <span class="verdict failed">
              {k.ruleActionFailed(result.matched.name, result.failure)}
            </span>
          )
          : result.matched
          ? (
            <span class="verdict matched">
              {k.ruleMatched(result.matched.name)}
            </span>
          )
          : <span class="verdict unmatched">{k.noRuleMatched}</span>}
      </h3>
      {result.found.length || output.length
        ? (
          <dl class="trace-outcome">
            {result.found.length
              ? (
                <>
                  <dt>{k.foundInRegistry}</dt>
                  <dd>
                    {result.found.map((id, i) => (
                      <span key={id}>
                        {i ? ", " : ""}
                        <a href={`/computers/${id}`}>{k.computerNumber(id)}</a>
                      </span>
                    ))}
                  </dd>
                </>
              )
              : null}
            {output.length
              ? (
                <>
                  <dt>{k.output}</dt>
                  <dd>
                    {output.map(([field, value], i) => (
                      <span key={field}>
                        {i ? ", " : ""}
                        <code>{field}</code> = “{value}”
                      </span>
                    ))}
                  </dd>
                </>
              )
              : null}
          </dl>
        )
        : null}
      {result.trace.length === 0 ? <p class="muted">{k.noRules}</p> : (
        <ol class="trace-rules">
          {result.trace.map((rule, i) => (
            <RuleTraceItem
              key={`${rule.uuid}-${i}`}
              rule={rule}
              collection={result.collection}
              failure={result.failure}
            />
          ))}
          {(result.notReached ?? []).map((rule) => (
            <li key={rule.uuid} class="trace-rule skipped not-reached">
              <div class="trace-rule-head">
                <span class="badge" title={k.ranking}>#{rule.ranking}</span>{" "}
                <strong>{rule.name}</strong> <span class="verdict skipped">{k.notReached}</span>
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function ruleState(rule: RuleTrace): "skipped" | "matched" | "failed" {
  return !rule.active ? "skipped" : rule.matched ? "matched" : "failed";
}

function RuleTraceItem(
  props: { rule: RuleTrace; collection: CollectionResult["collection"]; failure?: string },
) {
  const { rule } = props;
  // A matching rule whose action failed is a failure, not a success.
  const state = rule.matched && props.failure ? "failed" : ruleState(rule);
  const k = i18n().t.rules;
  return (
    <li class={`trace-rule ${state}`}>
      <div class="trace-rule-head">
        <span class="badge" title={k.ranking}>#{rule.ranking}</span> <strong>{rule.name}</strong>
        {" "}
        <span class={`verdict ${state}`}>
          {state === "skipped"
            ? k.skipped
            : state === "matched"
            ? k.matched
            : rule.matched
            ? k.actionFailed(props.failure ?? "")
            : k.noMatch}
        </span>
        {rule.reason && state !== "skipped"
          ? <span class="trace-reason">: {rule.reason}</span>
          : null}
      </div>
      {state !== "skipped" && rule.criteria.length
        ? (
          <div class="table-wrap">
            <table class="trace-criteria">
              <caption class="visually-hidden">{k.criteriaOf(rule.name)}</caption>
              <thead>
                <tr>
                  <th scope="col">{k.traceHeaders[0]}</th>
                  <th scope="col">{k.traceHeaders[1]}</th>
                  <th scope="col" class="optional">{k.traceHeaders[2]}</th>
                  <th scope="col">{k.traceHeaders[3]}</th>
                </tr>
              </thead>
              <tbody>
                {rule.criteria.map((c, i) => (
                  <CriterionRow key={i} criterion={c} collection={props.collection} />
                ))}
              </tbody>
            </table>
          </div>
        )
        : null}
      {rule.actions.length
        ? (
          <ul class="trace-actions" aria-label={k.actionsOf(rule.name)}>
            {rule.actions.map((a, i) => (
              <li key={i}>
                <span aria-hidden="true">→</span> <code>{a.field}</code>: {actionTypeLabel(a.type)}
                {" "}
                “{a.value}”
              </li>
            ))}
          </ul>
        )
        : null}
    </li>
  );
}

function CriterionRow(
  props: { criterion: CriterionTrace; collection: CollectionResult["collection"] },
) {
  const c = props.criterion;
  const spec = inputField(props.collection, c.field);
  const k = i18n().t.rules;
  const test = PATTERNLESS_OPERATORS.has(c.operator)
    ? operatorLabel(c.operator)
    : `${operatorLabel(c.operator)} “${c.pattern}”`;
  return (
    <tr class={c.matched ? "yes" : "no"}>
      <td class="mark">
        <span aria-hidden="true">{c.matched ? "✓" : "✗"}</span>
        <span class="visually-hidden">{c.matched ? k.matched : k.notMatched}</span>
      </td>
      <td>
        <code title={spec ? inputWords(props.collection, spec)[0] : undefined}>{c.field}</code>{" "}
        {test}
      </td>
      <td class="optional">
        {c.value === "" ? <span class="muted">{k.empty}</span> : <code>{c.value}</code>}
      </td>
      <td class="trace-why">{c.reason}</td>
    </tr>
  );
}

/** Styles of the trace, included in the devices and rules stylesheets' neighbour. */
export const TRACE_CSS = `
.traces { display: grid; gap: .75rem; margin: .5rem 0; }
.trace { border: 1px solid var(--line); border-radius: var(--radius); padding: .75rem 1rem; background: var(--panel); }
.trace-title { font-size: 1rem; margin: 0 0 .5rem; }
.trace-collection { color: var(--muted); font-weight: 600; }
.verdict.matched { color: var(--ok); }
.verdict.unmatched, .verdict.failed { color: var(--danger); }
.verdict.skipped { color: var(--muted); }
.trace-outcome { display: grid; grid-template-columns: max-content 1fr; gap: .2rem .75rem; margin: 0 0 .5rem; }
.trace-outcome dt { font-weight: 600; }
.trace-outcome dd { margin: 0; }
.trace-rules { list-style: none; margin: 0; padding: 0; display: grid; gap: .5rem; }
.trace-rule { border-left: 4px solid var(--line); padding: .35rem .6rem; }
.trace-rule.matched { border-left-color: var(--ok); background: #f3faf5; }
.trace-rule.failed { border-left-color: #e3b7b3; }
.trace-rule.skipped { color: var(--muted); }
.trace-reason { color: var(--muted); }
.trace-criteria { margin-top: .35rem; font-size: .92rem; }
.trace-criteria th, .trace-criteria td { padding: .3rem .45rem; }
.trace-criteria .mark { width: 2.2rem; font-weight: 700; }
.trace-criteria tr.yes .mark { color: var(--ok); }
.trace-criteria tr.no .mark { color: var(--danger); }
.trace-actions { margin: .35rem 0 0; padding-left: 1rem; list-style: none; }
code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .9em; overflow-wrap: anywhere; }
`;
