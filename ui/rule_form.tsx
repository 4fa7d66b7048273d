/**
 * The rule editor's form, usable without JavaScript: name, description, active, AND/OR, then
 * criteria rows (field, operator, pattern) and action rows (field, kind, value) as selects and
 * text boxes. "Add a criterion" and "Add an action" are submit buttons that re-render the form
 * with one more blank row; a row whose field is cleared is dropped on save. Validation problems
 * are shown on their row (aria-invalid, aria-describedby) and in a summary at the top.
 *
 * @module
 */

import type { ComponentChildren } from "preact";
import { ACTION_TYPES, COLLECTIONS, OPERATORS, operatorsFor } from "../rules/mod.ts";
import type { ActionType, CollectionName, Operator } from "../rules/types.ts";
import { Field, PostForm } from "./components.tsx";
import { i18n } from "./i18n/format.ts";
import type { PlacedProblems, RuleDraft } from "./rule_draft.ts";
import {
  actionTypeLabel,
  actionWords,
  collectionLabel,
  inputWords,
  operatorLabel,
  valueLabel,
} from "./rule_words.ts";

/** The operators some input field of `collection` accepts, in the console's order. */
export function collectionOperators(collection: CollectionName): Operator[] {
  const used = new Set(COLLECTIONS[collection].inputs.flatMap((f) => operatorsFor(f)));
  return OPERATORS.filter((o) => used.has(o));
}

/** The action types some action field of `collection` accepts. */
export function collectionActionTypes(collection: CollectionName): ActionType[] {
  const used = new Set(COLLECTIONS[collection].actions.flatMap((f) => f.types));
  return ACTION_TYPES.filter((t) => used.has(t));
}

/** The editor form. */
export function RuleForm(
  props: {
    action: string;
    csrfToken: string;
    draft: RuleDraft;
    problems?: PlacedProblems | null;
    submitLabel: string;
  },
) {
  const { draft, problems } = props;
  const spec = COLLECTIONS[draft.collection];
  const operators = collectionOperators(draft.collection);
  const types = collectionActionTypes(draft.collection);
  const fixedValues = spec.actions.flatMap((a) => a.values ?? []);
  const k = i18n().t.rules;
  const inputs = spec.inputs.map((f) => ({
    name: f.name,
    label: inputWords(draft.collection, f)[0],
  }));
  const actions = spec.actions.map((f) => ({ name: f.name, label: actionWords(f)[0] }));
  return (
    <PostForm
      action={props.action}
      csrfToken={props.csrfToken}
      class="rule-form"
      label={k.formLabel(collectionLabel(draft.collection))}
    >
      <input type="hidden" name="criteria_rows" value={String(draft.criteria.length)} />
      <input type="hidden" name="action_rows" value={String(draft.actions.length)} />
      {/* Enter in a text box presses the form's first submit button: make it "save". */}
      <button
        type="submit"
        name="intent"
        value="save"
        class="visually-hidden"
        tabindex={-1}
        aria-hidden="true"
      >
        {props.submitLabel}
      </button>
      {problems?.general.length
        ? (
          <ul class="field-errors" id="rule-errors">
            {problems.general.map((p, i) => <li key={i}>{p}</li>)}
          </ul>
        )
        : null}
      <div class="rule-top">
        <Field id="rule-name" name="name" label={k.name} value={draft.name} required />
        <Field
          id="rule-description"
          name="description"
          label={k.description}
          value={draft.description}
        />
        <div class="field">
          <label for="rule-match">{k.criteriaMust}</label>
          <select id="rule-match" name="match">
            <option value="AND" selected={draft.match !== "OR"}>{k.allMatch}</option>
            <option value="OR" selected={draft.match === "OR"}>{k.anyMatch}</option>
          </select>
        </div>
        <div class="check">
          <input type="checkbox" id="rule-active" name="active" value="1" checked={draft.active} />
          <label for="rule-active">{k.activeLabel}</label>
        </div>
      </div>

      <fieldset class="rule-rows">
        <legend>{k.criteria}</legend>
        <p class="hint">
          {k.regexHint1}
          <code>/…/</code>
          {k.regexHint2}
          <code>#0</code>…<code>#9</code>
          {k.regexHint3}
        </p>
        <RowsTable caption={k.criteria} headers={k.criteriaHeaders}>
          {draft.criteria.map((row, i) => (
            <RuleRow
              key={i}
              noun="Criterion"
              list="criteria"
              index={i}
              errors={problems?.criteria.get(i)}
              cells={[
                fieldCell(row.field, inputs),
                {
                  key: "operator",
                  label: "operator",
                  value: row.operator,
                  choices: operators.map((o) => ({ value: o, label: operatorLabel(o) })),
                },
                { key: "pattern", label: "pattern", value: row.pattern },
              ]}
            />
          ))}
        </RowsTable>
        <button
          type="submit"
          name="intent"
          value="add-criterion"
          class="secondary"
          formnovalidate
        >
          {k.addCriterion}
        </button>
      </fieldset>

      <fieldset class="rule-rows">
        <legend>{k.actions}</legend>
        <RowsTable caption={k.actions} headers={k.actionsHeaders}>
          {draft.actions.map((row, i) => (
            <RuleRow
              key={i}
              noun="Action"
              list="actions"
              index={i}
              errors={problems?.actions.get(i)}
              cells={[
                fieldCell(row.field, actions),
                {
                  key: "type",
                  label: "type",
                  value: row.type,
                  choices: types.map((t) => ({ value: t, label: actionTypeLabel(t) })),
                },
                { key: "value", label: "value", value: row.value, datalist: "action-values" },
              ]}
            />
          ))}
        </RowsTable>
        {fixedValues.length
          ? (
            <datalist id="action-values">
              {fixedValues.map((v) => (
                <option key={v.value} value={v.value}>{valueLabel(v.value, v.label)}</option>
              ))}
            </datalist>
          )
          : null}
        <button type="submit" name="intent" value="add-action" class="secondary" formnovalidate>
          {k.addAction}
        </button>
      </fieldset>

      <div class="form-actions">
        <button type="submit" name="intent" value="save">{props.submitLabel}</button>
        <a href="/rules" class="cancel">{k.cancel}</a>
      </div>
    </PostForm>
  );
}

function RowErrors(props: { id: string; errors: string[] | undefined }) {
  if (!props.errors?.length) return null;
  return (
    <ul class="field-errors" id={props.id}>
      {props.errors.map((e, i) => <li key={i}>{e}</li>)}
    </ul>
  );
}

/** The table of criteria or actions: a row number, the field, then `headers`. */
function RowsTable(props: { caption: string; headers: string[]; children: ComponentChildren }) {
  const k = i18n().t.rules;
  return (
    <div class="table-wrap">
      <table class="rows-table">
        <caption class="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            {["#", k.field, ...props.headers].map((h) => <th key={h} scope="col">{h}</th>)}
          </tr>
        </thead>
        <tbody>{props.children}</tbody>
      </table>
    </div>
  );
}

/** A select (with `choices`) or a text box of a rule row. */
interface RowCell {
  /** Its part of the posted name: `criteria[0][operator]`. */
  key: string;
  /** Its part of the label read out: "Criterion 1 operator". */
  label: string;
  value: string;
  choices?: { value: string; label: string }[];
  /** The select offers "—" (a row cleared to be dropped). */
  blank?: boolean;
  /** A text box's suggestions. */
  datalist?: string;
}

/** The row's field: one of the collection's, or "—" to drop the row. */
function fieldCell(value: string, fields: readonly { name: string; label: string }[]): RowCell {
  return {
    key: "field",
    label: "field",
    value,
    blank: true,
    choices: fields.map((f) => ({ value: f.name, label: `${f.label} (${f.name})` })),
  };
}

/**
 * One criterion or action row. A stored value the console does not offer (an imported rule's)
 * stays selected as its own option, so saving the form keeps it.
 */
function RuleRow(
  props: {
    noun: "Criterion" | "Action";
    list: "criteria" | "actions";
    index: number;
    cells: RowCell[];
    errors: string[] | undefined;
  },
) {
  const { index: i, noun } = props;
  const idPrefix = `${noun[0]!.toLowerCase()}${i}`;
  const errorId = props.errors?.length ? `${noun.toLowerCase()}-${i}-errors` : undefined;
  const invalid = errorId ? "true" as const : undefined;
  const k = i18n().t.rules;
  const cellLabel = (row: number, cell: string) =>
    (noun === "Criterion" ? k.criterionCell : k.actionCell)(row, k.cells[cell] ?? cell);
  const last = props.cells.length - 1;
  return (
    <tr class={errorId ? "invalid" : undefined}>
      <th scope="row">{i + 1}</th>
      {props.cells.map((cell, n) => {
        const id = `${idPrefix}-${cell.key}`;
        const common = {
          id,
          name: `${props.list}[${i}][${cell.key}]`,
          "aria-invalid": invalid,
          "aria-describedby": errorId,
        };
        const offered = (cell.blank && cell.value === "") ||
          cell.choices?.some((c) => c.value === cell.value);
        return (
          <td key={cell.key}>
            <label class="visually-hidden" for={id}>{cellLabel(i + 1, cell.key)}</label>
            {cell.choices
              ? (
                <select {...common}>
                  {cell.blank ? <option value="" selected={cell.value === ""}>—</option> : null}
                  {cell.choices.map((c) => (
                    <option key={c.value} value={c.value} selected={c.value === cell.value}>
                      {c.label}
                    </option>
                  ))}
                  {offered ? null : <option value={cell.value} selected>{cell.value}</option>}
                </select>
              )
              : <input type="text" {...common} value={cell.value} list={cell.datalist} />}
            {n === last ? <RowErrors id={errorId ?? ""} errors={props.errors} /> : null}
          </td>
        );
      })}
    </tr>
  );
}

/** What each field of a collection means, with the operators and values it accepts. */
export function CollectionHelp(props: { collection: CollectionName }) {
  const spec = COLLECTIONS[props.collection];
  const k = i18n().t.rules;
  return (
    <details class="collection-help">
      <summary>{k.fieldsOf(collectionLabel(props.collection))}</summary>
      <h3>{k.criteriaFields}</h3>
      <dl>
        {spec.inputs.map((f) => (
          <div key={f.name}>
            <dt>
              {inputWords(props.collection, f)[0]} <code>{f.name}</code>
            </dt>
            <dd>
              {inputWords(props.collection, f)[1]}
              {f.multiple ? k.severalValues : ""}.{" "}
              <span class="muted">
                {k.operatorsList(operatorsFor(f).map(operatorLabel).join(", "))}
              </span>
            </dd>
          </div>
        ))}
      </dl>
      <h3>{k.actionFields}</h3>
      <dl>
        {spec.actions.map((f) => (
          <div key={f.name}>
            <dt>
              {actionWords(f)[0]} <code>{f.name}</code>
            </dt>
            <dd>
              {actionWords(f)[1]}. {k.value(actionWords(f)[2])}{" "}
              <span class="muted">
                {k.actionsList(f.types.map(actionTypeLabel).join(", "))}
              </span>
            </dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
