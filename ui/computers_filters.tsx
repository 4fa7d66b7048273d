/**
 * The computers list's search and filter form and its column chooser: GET forms, so every
 * filtered list has a URL that can be shared or bookmarked, and both work without JavaScript.
 *
 * @module
 */

import { COMPUTER_COLUMNS, type ComputerColumn } from "../server/http/computers_columns.ts";
import type { ComputerFilter } from "../server/http/computers_filter.ts";
import type { EditChoices } from "../server/registry/computer_detail.ts";
import { i18n } from "./i18n/format.ts";
import { listHref, type ListQuery } from "./list.tsx";

/**
 * The choices of the filter's and the bulk form's pickers: those of the computer edit form, so a
 * user limited to some entities is offered their entities and the locations of those entities
 * and of the entities above them.
 */
export type ComputerChoices = EditChoices;

/** Hidden inputs for every non-empty parameter of `query`. */
export function HiddenParams(props: { query: ListQuery; skip?: readonly string[] }) {
  return (
    <>
      {Object.entries(props.query)
        .filter(([key, value]) => value !== undefined && value !== "" && !props.skip?.includes(key))
        .map(([key, value]) => <input key={key} type="hidden" name={key} value={value} />)}
    </>
  );
}

function Select(
  props: {
    id: string;
    name: string;
    label: string;
    any: string;
    value: number | undefined;
    options: readonly { id: number; label: string }[];
  },
) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <select id={props.id} name={props.name}>
        <option value="">{props.any}</option>
        {props.options.map((o) => (
          <option key={o.id} value={String(o.id)} selected={o.id === props.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function TextInput(
  props: { id: string; name: string; label: string; value: string; hint?: string },
) {
  const hintId = props.hint ? `${props.id}-hint` : undefined;
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <input
        type="text"
        id={props.id}
        name={props.name}
        value={props.value}
        aria-describedby={hintId}
      />
      {props.hint ? <span class="hint" id={hintId}>{props.hint}</span> : null}
    </div>
  );
}

/** The search box and filters. */
export function FilterForm(
  props: {
    path: string;
    filter: ComputerFilter;
    /** Parameters kept across a new search: sort, columns, page size. */
    keep: ListQuery;
    choices: ComputerChoices;
    /** The CSV export of this filter, when offered. */
    csvHref?: string;
  },
) {
  const { filter, choices } = props;
  const k = i18n().t.computersList;
  return (
    <form
      method="get"
      action={props.path}
      class="filters panel"
      role="search"
      aria-label={k.searchLabel}
    >
      <div class="search-row">
        <div class="field search">
          <label for="f-q">{k.search}</label>
          <input
            type="search"
            id="f-q"
            name="q"
            value={filter.q}
            aria-describedby="f-q-hint"
            placeholder={k.searchPlaceholder}
          />
          <span class="hint" id="f-q-hint">
            {k.searchHint1}
            <code>software:NAME</code>
            {k.searchHint2}
          </span>
        </div>
      </div>
      <div class="filter-grid">
        <Select
          id="f-entity"
          name="entity"
          label={k.entityFilter}
          any={k.allMyEntities}
          value={filter.entity}
          options={choices.entities}
        />
        <Select
          id="f-location"
          name="location"
          label={k.location}
          any={k.anyLocation}
          value={filter.location}
          options={choices.locations}
        />
        <Select
          id="f-state"
          name="state"
          label={k.state}
          any={k.anyState}
          value={filter.state}
          options={choices.states}
        />
        <TextInput id="f-os" name="os" label={k.osFilter} value={filter.os} />
        <TextInput id="f-tag" name="tag" label={k.tagFilter} value={filter.tag} />
        <div class="field">
          <label for="f-stale">{k.staleFilter}</label>
          <input
            type="number"
            id="f-stale"
            name="stale_days"
            min={0}
            max={99999}
            value={filter.staleDays === undefined ? "" : String(filter.staleDays)}
            aria-describedby="f-stale-hint"
          />
          <span class="hint" id="f-stale-hint">{k.staleHint}</span>
        </div>
      </div>
      <HiddenParams query={{ ...props.keep, os_is: filter.osIs || undefined }} />
      <div class="filter-actions">
        <button type="submit">{k.search}</button>
        <a class="button secondary" href={props.path}>{k.clear}</a>
        {props.csvHref
          ? (
            <a class="button secondary" href={props.csvHref} download>
              {k.exportCsv}
            </a>
          )
          : null}
      </div>
    </form>
  );
}

/** The column chooser: a `<details>` holding a GET form of checkboxes (`cols`). */
export function ColumnsForm(
  props: { path: string; query: ListQuery; columns: readonly ComputerColumn[] },
) {
  const shown = new Set(props.columns.map((c) => c.key));
  const { t } = i18n();
  const k = t.computersList;
  return (
    <details class="columns-choice">
      <summary>{k.columns}</summary>
      <form method="get" action={props.path} aria-label={k.chooseColumns}>
        <HiddenParams query={props.query} skip={["cols", "page"]} />
        <fieldset>
          <legend>{k.columnsToShow}</legend>
          <div class="column-checks">
            {COMPUTER_COLUMNS.map((c) => (
              <label key={c.key} class="check">
                <input
                  type="checkbox"
                  name="cols"
                  value={c.key}
                  checked={shown.has(c.key)}
                  disabled={c.key === "name"}
                />
                {t.columns[c.key] ?? c.label}
                {c.key === "name" ? <span class="muted">{k.always}</span> : null}
              </label>
            ))}
          </div>
        </fieldset>
        <button type="submit">{k.showColumns}</button>{" "}
        <a href={listHref(props.path, props.query, { cols: undefined, page: undefined })}>
          {k.defaultColumns}
        </a>
      </form>
    </details>
  );
}
