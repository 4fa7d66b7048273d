/**
 * The rule editor's form, usable without JavaScript: name, description, active, AND/OR, then
 * criteria rows (field, operator, pattern) and action rows (field, kind, value) as selects and
 * text boxes. "Add a criterion" and "Add an action" are submit buttons that re-render the form
 * with one more blank row; a row whose field is cleared is dropped on save. Validation problems
 * are shown on their row (aria-invalid, aria-describedby) and in a summary at the top.
 *
 * @module
 */

import {
  ACTION_TYPE_LABELS,
  ACTION_TYPES,
  COLLECTIONS,
  OPERATOR_LABELS,
  OPERATORS,
  operatorsFor,
} from "../rules/mod.ts";
import type { ActionType, CollectionName, Operator } from "../rules/types.ts";
import { PostForm } from "./components.tsx";
import type { ActionRow, CriterionRow, PlacedProblems, RuleDraft } from "./rule_draft.ts";

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
  return (
    <PostForm
      action={props.action}
      csrfToken={props.csrfToken}
      class="rule-form"
      label={`${spec.label} rule`}
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
        <div class="field">
          <label for="rule-name">Name</label>
          <input type="text" id="rule-name" name="name" value={draft.name} required />
        </div>
        <div class="field">
          <label for="rule-description">Description</label>
          <input
            type="text"
            id="rule-description"
            name="description"
            value={draft.description}
          />
        </div>
        <div class="field">
          <label for="rule-match">Criteria must</label>
          <select id="rule-match" name="match">
            <option value="AND" selected={draft.match !== "OR"}>all match (AND)</option>
            <option value="OR" selected={draft.match === "OR"}>any match (OR)</option>
          </select>
        </div>
        <div class="check">
          <input type="checkbox" id="rule-active" name="active" value="1" checked={draft.active} />
          <label for="rule-active">Active</label>
        </div>
      </div>

      <fieldset class="rule-rows">
        <legend>Criteria</legend>
        <p class="hint">
          Regex patterns are written <code>/…/</code>; their captures are <code>#0</code>…
          <code>#9</code> in the actions. To remove a row, clear its field.
        </p>
        <div class="table-wrap">
          <table class="rows-table">
            <caption class="visually-hidden">Criteria</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Field</th>
                <th scope="col">Operator</th>
                <th scope="col">Pattern</th>
              </tr>
            </thead>
            <tbody>
              {draft.criteria.map((row, i) => (
                <CriterionRowView
                  key={i}
                  index={i}
                  row={row}
                  collection={draft.collection}
                  operators={operators}
                  errors={problems?.criteria.get(i)}
                />
              ))}
            </tbody>
          </table>
        </div>
        <button
          type="submit"
          name="intent"
          value="add-criterion"
          class="secondary"
          formnovalidate
        >
          Add a criterion
        </button>
      </fieldset>

      <fieldset class="rule-rows">
        <legend>Actions</legend>
        <div class="table-wrap">
          <table class="rows-table">
            <caption class="visually-hidden">Actions</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Field</th>
                <th scope="col">Action</th>
                <th scope="col">Value</th>
              </tr>
            </thead>
            <tbody>
              {draft.actions.map((row, i) => (
                <ActionRowView
                  key={i}
                  index={i}
                  row={row}
                  collection={draft.collection}
                  types={types}
                  errors={problems?.actions.get(i)}
                />
              ))}
            </tbody>
          </table>
        </div>
        {fixedValues.length
          ? (
            <datalist id="action-values">
              {fixedValues.map((v) => <option key={v.value} value={v.value}>{v.label}</option>)}
            </datalist>
          )
          : null}
        <button type="submit" name="intent" value="add-action" class="secondary" formnovalidate>
          Add an action
        </button>
      </fieldset>

      <div class="form-actions">
        <button type="submit" name="intent" value="save">{props.submitLabel}</button>
        <a href="/rules" class="cancel">Cancel</a>
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

function CriterionRowView(
  props: {
    index: number;
    row: CriterionRow;
    collection: CollectionName;
    operators: Operator[];
    errors: string[] | undefined;
  },
) {
  const { index: i, row } = props;
  const prefix = `criteria[${i}]`;
  const errorId = props.errors?.length ? `criterion-${i}-errors` : undefined;
  const invalid = errorId ? "true" : undefined;
  const inputs = COLLECTIONS[props.collection].inputs;
  const known = row.field === "" || inputs.some((f) => f.name === row.field);
  const knownOperator = OPERATORS.includes(row.operator as Operator);
  return (
    <tr class={errorId ? "invalid" : undefined}>
      <th scope="row">{i + 1}</th>
      <td>
        <label class="visually-hidden" for={`c${i}-field`}>Criterion {i + 1} field</label>
        <select
          id={`c${i}-field`}
          name={`${prefix}[field]`}
          aria-invalid={invalid}
          aria-describedby={errorId}
        >
          <option value="" selected={row.field === ""}>—</option>
          {inputs.map((f) => (
            <option key={f.name} value={f.name} selected={f.name === row.field}>
              {f.label} ({f.name})
            </option>
          ))}
          {known ? null : <option value={row.field} selected>{row.field}</option>}
        </select>
      </td>
      <td>
        <label class="visually-hidden" for={`c${i}-operator`}>Criterion {i + 1} operator</label>
        <select
          id={`c${i}-operator`}
          name={`${prefix}[operator]`}
          aria-invalid={invalid}
          aria-describedby={errorId}
        >
          {props.operators.map((o) => (
            <option key={o} value={o} selected={o === row.operator}>{OPERATOR_LABELS[o]}</option>
          ))}
          {knownOperator && props.operators.includes(row.operator as Operator)
            ? null
            : <option value={row.operator} selected>{row.operator}</option>}
        </select>
      </td>
      <td>
        <label class="visually-hidden" for={`c${i}-pattern`}>Criterion {i + 1} pattern</label>
        <input
          type="text"
          id={`c${i}-pattern`}
          name={`${prefix}[pattern]`}
          value={row.pattern}
          aria-invalid={invalid}
          aria-describedby={errorId}
        />
        <RowErrors id={errorId ?? ""} errors={props.errors} />
      </td>
    </tr>
  );
}

function ActionRowView(
  props: {
    index: number;
    row: ActionRow;
    collection: CollectionName;
    types: ActionType[];
    errors: string[] | undefined;
  },
) {
  const { index: i, row } = props;
  const prefix = `actions[${i}]`;
  const errorId = props.errors?.length ? `action-${i}-errors` : undefined;
  const invalid = errorId ? "true" : undefined;
  const fields = COLLECTIONS[props.collection].actions;
  const known = row.field === "" || fields.some((f) => f.name === row.field);
  return (
    <tr class={errorId ? "invalid" : undefined}>
      <th scope="row">{i + 1}</th>
      <td>
        <label class="visually-hidden" for={`a${i}-field`}>Action {i + 1} field</label>
        <select
          id={`a${i}-field`}
          name={`${prefix}[field]`}
          aria-invalid={invalid}
          aria-describedby={errorId}
        >
          <option value="" selected={row.field === ""}>—</option>
          {fields.map((f) => (
            <option key={f.name} value={f.name} selected={f.name === row.field}>
              {f.label} ({f.name})
            </option>
          ))}
          {known ? null : <option value={row.field} selected>{row.field}</option>}
        </select>
      </td>
      <td>
        <label class="visually-hidden" for={`a${i}-type`}>Action {i + 1} kind</label>
        <select
          id={`a${i}-type`}
          name={`${prefix}[type]`}
          aria-invalid={invalid}
          aria-describedby={errorId}
        >
          {props.types.map((t) => (
            <option key={t} value={t} selected={t === row.type}>{ACTION_TYPE_LABELS[t]}</option>
          ))}
          {props.types.includes(row.type as ActionType)
            ? null
            : <option value={row.type} selected>{row.type}</option>}
        </select>
      </td>
      <td>
        <label class="visually-hidden" for={`a${i}-value`}>Action {i + 1} value</label>
        <input
          type="text"
          id={`a${i}-value`}
          name={`${prefix}[value]`}
          value={row.value}
          list="action-values"
          aria-invalid={invalid}
          aria-describedby={errorId}
        />
        <RowErrors id={errorId ?? ""} errors={props.errors} />
      </td>
    </tr>
  );
}

/** What each field of a collection means, with the operators and values it accepts. */
export function CollectionHelp(props: { collection: CollectionName }) {
  const spec = COLLECTIONS[props.collection];
  return (
    <details class="collection-help">
      <summary>Fields and actions of the {spec.label.toLowerCase()} rules</summary>
      <h3>Criteria fields</h3>
      <dl>
        {spec.inputs.map((f) => (
          <div key={f.name}>
            <dt>
              {f.label} <code>{f.name}</code>
            </dt>
            <dd>
              {f.help}
              {f.multiple ? " (several values: a test passes if any value does)" : ""}.{" "}
              <span class="muted">
                Operators: {operatorsFor(f).map((o) => OPERATOR_LABELS[o]).join(", ")}.
              </span>
            </dd>
          </div>
        ))}
      </dl>
      <h3>Action fields</h3>
      <dl>
        {spec.actions.map((f) => (
          <div key={f.name}>
            <dt>
              {f.label} <code>{f.name}</code>
            </dt>
            <dd>
              {f.help}. Value: {f.valueHelp}.{" "}
              <span class="muted">
                Actions: {f.types.map((t) => ACTION_TYPE_LABELS[t]).join(", ")}.
              </span>
            </dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
