/**
 * The computers list's search and filter form and its column chooser: GET forms, so every
 * filtered list has a URL that can be shared or bookmarked, and both work without JavaScript.
 *
 * @module
 */

import { COMPUTER_COLUMNS, type ComputerColumn } from "../server/http/computers_columns.ts";
import type { ComputerFilter } from "../server/http/computers_filter.ts";
import type { EditChoices } from "../server/registry/computer_detail.ts";
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
  return (
    <form
      method="get"
      action={props.path}
      class="filters panel"
      role="search"
      aria-label="Search and filter computers"
    >
      <div class="search-row">
        <div class="field search">
          <label for="f-q">Search</label>
          <input
            type="search"
            id="f-q"
            name="q"
            value={filter.q}
            aria-describedby="f-q-hint"
            placeholder="name, serial, MAC, IP, user… or software:firefox"
          />
          <span class="hint" id="f-q-hint">
            Name, serial, UUID, MAC (any notation), IP address, user or inventory number. Type{" "}
            <code>software:NAME</code> to find computers with that software installed.
          </span>
        </div>
      </div>
      <div class="filter-grid">
        <Select
          id="f-entity"
          name="entity"
          label="Entity (and sub-entities)"
          any="All my entities"
          value={filter.entity}
          options={choices.entities}
        />
        <Select
          id="f-location"
          name="location"
          label="Location"
          any="Any location"
          value={filter.location}
          options={choices.locations}
        />
        <Select
          id="f-state"
          name="state"
          label="State"
          any="Any state"
          value={filter.state}
          options={choices.states}
        />
        <TextInput id="f-os" name="os" label="Operating system contains" value={filter.os} />
        <TextInput id="f-tag" name="tag" label="TAG (exact)" value={filter.tag} />
        <div class="field">
          <label for="f-stale">Not seen for (days)</label>
          <input
            type="number"
            id="f-stale"
            name="stale_days"
            min={0}
            max={99999}
            value={filter.staleDays === undefined ? "" : String(filter.staleDays)}
            aria-describedby="f-stale-hint"
          />
          <span class="hint" id="f-stale-hint">No inventory for at least this many days.</span>
        </div>
      </div>
      <HiddenParams query={props.keep} />
      <div class="filter-actions">
        <button type="submit">Search</button>
        <a class="button secondary" href={props.path}>Clear</a>
        {props.csvHref
          ? (
            <a class="button secondary" href={props.csvHref} download>
              Export CSV
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
  return (
    <details class="columns-choice">
      <summary>Columns</summary>
      <form method="get" action={props.path} aria-label="Choose columns">
        <HiddenParams query={props.query} skip={["cols", "page"]} />
        <fieldset>
          <legend>Columns to show</legend>
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
                {c.label}
                {c.key === "name" ? <span class="muted">(always)</span> : null}
              </label>
            ))}
          </div>
        </fieldset>
        <button type="submit">Show these columns</button>{" "}
        <a href={listHref(props.path, props.query, { cols: undefined, page: undefined })}>
          Default columns
        </a>
      </form>
    </details>
  );
}
