/**
 * The rule tester: pick a collection, then test its rules against values typed in a form of the
 * collection's input fields, or replay a stored device through every collection (a dry run
 * that changes nothing). The decision comes first, then the full trace.
 *
 * @module
 */

import type { Principal } from "../../server/auth/rights.ts";
import { COLLECTION_NAMES, COLLECTIONS } from "../../rules/mod.ts";
import type { CollectionName, CollectionResult } from "../../rules/types.ts";
import { i18n } from "../i18n/format.ts";
import { Layout } from "../layout.tsx";
import { collectionLabel, inputWords } from "../rule_words.ts";
import { RuleTraces } from "../trace.tsx";

/** A test's result, ready to show. */
export interface RuleTestOutcome {
  /** What was tested, e.g. `typed values` or `device pc-1-2026…`. */
  subject: string;
  /** The decision in one line. */
  decision: string;
  /** True when the decision lets the device in (or a rule matched, for one collection). */
  positive: boolean;
  /** Further facts: entity, location, computer found, software summary. */
  details: { label: string; value: string }[];
  traces: CollectionResult[];
}

/** What the tester shows. */
export interface RuleTestPageProps {
  principal: Principal;
  csrfToken: string;
  collection: CollectionName;
  /** Typed values, echoed into the form. */
  values: Record<string, string>;
  /** The device reference typed (id or DEVICEID). */
  device: string;
  outcome?: RuleTestOutcome | null;
  /** Why the test could not run (unknown device…). */
  error?: string | null;
}

/** The tester page. */
export function RuleTestPage(props: RuleTestPageProps) {
  const spec = COLLECTIONS[props.collection];
  const { t } = i18n();
  const k = t.rules;
  const label = collectionLabel(props.collection);
  return (
    <Layout
      title={k.testTitle(label)}
      principal={props.principal}
      csrfToken={props.csrfToken}
      current="rules"
      notice={props.error ? { kind: "error", text: props.error } : null}
    >
      <div class="rules">
        <nav class="breadcrumb" aria-label={t.common.breadcrumb}>
          <a href="/rules">{k.title}</a>
        </nav>
        <h1>{k.testHeading}</h1>
        <form method="get" action="/rules/test" class="row-form" aria-label={k.chooseCollection}>
          <div class="field">
            <label for="test-collection">{k.collection}</label>
            <select id="test-collection" name="collection">
              {COLLECTION_NAMES.map((name) => (
                <option key={name} value={name} selected={name === props.collection}>
                  {collectionLabel(name)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" class="secondary">{k.showFields}</button>
        </form>

        <div class="test-forms">
          <section class="panel" aria-labelledby="typed-title">
            <h2 id="typed-title">{k.typedValues(label)}</h2>
            <form method="get" action="/rules/test" aria-label={k.testTyped}>
              <input type="hidden" name="collection" value={props.collection} />
              <input type="hidden" name="mode" value="values" />
              <div class="value-grid">
                {spec.inputs.map((f) => (
                  <div class="field" key={f.name}>
                    <label for={`in-${f.name}`}>
                      {inputWords(props.collection, f)[0]} <code>{f.name}</code>
                    </label>
                    <input
                      type="text"
                      id={`in-${f.name}`}
                      name={`in_${f.name}`}
                      value={props.values[f.name] ?? ""}
                      aria-describedby={`in-${f.name}-hint`}
                    />
                    <span class="hint" id={`in-${f.name}-hint`}>
                      {inputWords(props.collection, f)[1]}
                      {f.multiple ? k.separateValues : ""}
                    </span>
                  </div>
                ))}
              </div>
              <button type="submit">{k.testValues}</button>
            </form>
          </section>
          <section class="panel" aria-labelledby="device-title">
            <h2 id="device-title">{k.storedDevice}</h2>
            <p class="muted">
              {k.replayNote}
            </p>
            <form method="get" action="/rules/test" class="row-form" aria-label={k.testDevice}>
              <input type="hidden" name="collection" value={props.collection} />
              <input type="hidden" name="mode" value="device" />
              <div class="field">
                <label for="test-device">{k.deviceRef}</label>
                <input type="text" id="test-device" name="device" value={props.device} required />
              </div>
              <button type="submit">{k.testThisDevice}</button>
            </form>
          </section>
        </div>

        {props.outcome ? <Outcome outcome={props.outcome} /> : null}
      </div>
    </Layout>
  );
}

function Outcome(props: { outcome: RuleTestOutcome }) {
  const { outcome } = props;
  const k = i18n().t.rules;
  return (
    <section class="panel test-result" aria-labelledby="result-title">
      <h2 id="result-title">{k.resultFor(outcome.subject)}</h2>
      <p class={`decision ${outcome.positive ? "positive" : "negative"}`} role="status">
        <strong>{k.decision}</strong> {outcome.decision}
      </p>
      {outcome.details.length
        ? (
          <dl class="trace-outcome">
            {outcome.details.map((d, i) => (
              <div key={i} class="detail">
                <dt>{d.label}</dt>
                <dd>{d.value}</dd>
              </div>
            ))}
          </dl>
        )
        : null}
      <h3 class="trace-heading">{k.fullTrace}</h3>
      <RuleTraces traces={outcome.traces} idPrefix="test" />
    </section>
  );
}
