/**
 * The computers table with its bulk-action form, shared by the computers list and the trash.
 * Row checkboxes belong to the bulk form through their `form` attribute (forms cannot nest and
 * the table sits outside it), so selecting and acting need no JavaScript.
 *
 * @module
 */

import type { ComputerColumn } from "../server/http/computers_columns.ts";
import type { ComputerSummary } from "../server/registry/queries.ts";
import { CsrfField } from "./components.tsx";
import { type ComputerChoices, HiddenParams } from "./computers_filters.tsx";
import { type ListQuery, SortHeader } from "./list.tsx";

/** The id of the bulk form (row checkboxes point at it). */
export const BULK_FORM_ID = "bulk";

/** What the principal may do in bulk on this list. */
export interface BulkRights {
  trash: boolean;
  purge: boolean;
  edit: boolean;
}

/** The table of computers. */
export function ComputerTable(
  props: {
    path: string;
    query: ListQuery;
    columns: readonly ComputerColumn[];
    rows: readonly ComputerSummary[];
    caption: string;
    selectable: boolean;
  },
) {
  const { columns, rows } = props;
  return (
    <div class="table-wrap">
      <table class="computers">
        <caption class="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            {props.selectable
              ? (
                <th scope="col" class="select">
                  <span class="visually-hidden">Select</span>
                </th>
              )
              : null}
            {columns.map((c) => (
              <SortHeader
                key={c.key}
                path={props.path}
                query={props.query}
                column={c.key}
                label={c.label}
                class={c.optional ? "optional" : undefined}
              />
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0
            ? (
              <tr>
                <td class="empty" colSpan={columns.length + (props.selectable ? 1 : 0)}>
                  No computers match.
                </td>
              </tr>
            )
            : rows.map((row) => (
              <tr key={row.id} data-id={row.id}>
                {props.selectable
                  ? (
                    <td class="select">
                      <input
                        type="checkbox"
                        name="id"
                        value={String(row.id)}
                        form={BULK_FORM_ID}
                        aria-label={`Select ${row.name || `computer ${row.id}`}`}
                      />
                    </td>
                  )
                  : null}
                {columns.map((c) =>
                  c.key === "name"
                    ? (
                      <th key={c.key} scope="row">
                        <a href={`/computers/${row.id}`}>{c.text(row)}</a>
                      </th>
                    )
                    : (
                      <td key={c.key} class={c.optional ? "optional" : undefined}>
                        {c.text(row)}
                      </td>
                    )
                )}
              </tr>
            ))}
        </tbody>
      </table>
    </div>
  );
}

function SetRow(
  props: {
    id: string;
    name: string;
    label: string;
    action: string;
    button: string;
    none?: string;
    options: readonly { id: number; label: string }[];
  },
) {
  return (
    <div class="row-form set-row">
      <div class="field">
        <label for={props.id}>{props.label}</label>
        <select id={props.id} name={props.name}>
          <option value="">Choose…</option>
          {props.none ? <option value="none">{props.none}</option> : null}
          {props.options.map((o) => <option key={o.id} value={String(o.id)}>{o.label}</option>)}
        </select>
      </div>
      <button type="submit" name="action" value={props.action} class="secondary">
        {props.button}
      </button>
    </div>
  );
}

/**
 * The bulk form: the checked rows, or every computer matching the filter (its parameters travel
 * as hidden fields), and one button per action the principal may take.
 */
export function BulkForm(
  props: {
    action: string;
    view: "computers" | "trash";
    csrfToken: string;
    /** The list's parameters: the filter, columns and page size, to act on and come back to. */
    query: ListQuery;
    total: number;
    rights: BulkRights;
    choices: ComputerChoices;
  },
) {
  const { rights, choices } = props;
  const matching = `${props.total.toLocaleString("en")} computer${props.total === 1 ? "" : "s"}`;
  return (
    <form
      id={BULK_FORM_ID}
      method="post"
      action={props.action}
      class="bulk panel"
      aria-label="Bulk actions"
    >
      <CsrfField token={props.csrfToken} />
      <HiddenParams query={props.query} skip={["page"]} />
      <fieldset>
        <legend>With the selected computers</legend>
        <label class="check">
          <input type="checkbox" name="all" value="1" />
          Or all {matching} matching this filter (not only the checked rows)
        </label>
        <div class="bulk-buttons">
          {props.view === "computers" && rights.trash
            ? <button type="submit" name="action" value="trash">Move to the trash</button>
            : null}
          {props.view === "trash" && rights.trash
            ? <button type="submit" name="action" value="restore">Restore</button>
            : null}
          {props.view === "computers" && rights.edit
            ? (
              <>
                <button type="submit" name="action" value="lock" class="secondary">
                  Lock all fields
                </button>
                <button type="submit" name="action" value="unlock" class="secondary">
                  Unlock all fields
                </button>
              </>
            )
            : null}
          {rights.purge
            ? (
              <button type="submit" name="action" value="purge" class="danger">
                Purge…
              </button>
            )
            : null}
        </div>
        {props.view === "computers" && rights.edit
          ? (
            <div class="bulk-sets">
              <SetRow
                id="to-location"
                name="to_location"
                label="Location"
                action="set_location"
                button="Set location"
                none="(no location)"
                options={choices.locations}
              />
              <SetRow
                id="to-state"
                name="to_state"
                label="State"
                action="set_state"
                button="Set state"
                none="(no state)"
                options={choices.states}
              />
              <SetRow
                id="to-entity"
                name="to_entity"
                label="Entity"
                action="set_entity"
                button="Set entity"
                options={choices.entities}
              />
            </div>
          )
          : null}
      </fieldset>
    </form>
  );
}

/** "Empty the trash": purge every computer the trash filter matches (confirmation follows). */
export function EmptyTrashForm(
  props: { csrfToken: string; query: ListQuery; total: number; filtering: boolean },
) {
  if (props.total === 0) return null;
  const count = props.total.toLocaleString("en");
  return (
    <form method="post" action="/trash/bulk" class="empty-trash" aria-label="Empty the trash">
      <CsrfField token={props.csrfToken} />
      <HiddenParams query={props.query} skip={["page"]} />
      <input type="hidden" name="all" value="1" />
      <button type="submit" name="action" value="purge" class="danger">
        {props.filtering ? `Purge all ${count} matching…` : `Empty the trash (${count})…`}
      </button>
    </form>
  );
}
