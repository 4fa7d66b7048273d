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
import { i18n } from "./i18n/format.ts";
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
  const { t } = i18n();
  const k = t.computersList;
  return (
    <div class="table-wrap">
      <table class="computers">
        <caption class="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            {props.selectable
              ? (
                <th scope="col" class="select">
                  <span class="visually-hidden">{k.select}</span>
                </th>
              )
              : null}
            {columns.map((c) => (
              <SortHeader
                key={c.key}
                path={props.path}
                query={props.query}
                column={c.key}
                label={t.columns[c.key] ?? c.label}
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
                  {k.noMatch}
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
                        aria-label={k.selectRow(row.name || k.computerNumber(row.id))}
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
          <option value="">{i18n().t.computersList.choose}</option>
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
  const k = i18n().t.computersList;
  return (
    <form
      id={BULK_FORM_ID}
      method="post"
      action={props.action}
      class="bulk panel"
      aria-label={k.bulkActions}
    >
      <CsrfField token={props.csrfToken} />
      <HiddenParams query={props.query} skip={["page"]} />
      <fieldset>
        <legend>{k.withSelected}</legend>
        <label class="check">
          <input type="checkbox" name="all" value="1" />
          {k.allMatching(props.total)}
        </label>
        <div class="bulk-buttons">
          {props.view === "computers" && rights.trash
            ? <button type="submit" name="action" value="trash">{k.moveToTrash}</button>
            : null}
          {props.view === "trash" && rights.trash
            ? <button type="submit" name="action" value="restore">{k.restore}</button>
            : null}
          {props.view === "computers" && rights.edit
            ? (
              <>
                <button type="submit" name="action" value="lock" class="secondary">
                  {k.lockAll}
                </button>
                <button type="submit" name="action" value="unlock" class="secondary">
                  {k.unlockAll}
                </button>
              </>
            )
            : null}
          {rights.purge
            ? (
              <button type="submit" name="action" value="purge" class="danger">
                {k.purge}
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
                label={k.location}
                action="set_location"
                button={k.setLocation}
                none={k.noLocation}
                options={choices.locations}
              />
              <SetRow
                id="to-state"
                name="to_state"
                label={k.state}
                action="set_state"
                button={k.setState}
                none={k.noState}
                options={choices.states}
              />
              <SetRow
                id="to-entity"
                name="to_entity"
                label={k.entity}
                action="set_entity"
                button={k.setEntity}
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
  const k = i18n().t.computersList;
  return (
    <form method="post" action="/trash/bulk" class="empty-trash" aria-label={k.emptyTrashLabel}>
      <CsrfField token={props.csrfToken} />
      <HiddenParams query={props.query} skip={["page"]} />
      <input type="hidden" name="all" value="1" />
      <button type="submit" name="action" value="purge" class="danger">
        {props.filtering ? k.purgeAllMatching(props.total) : k.emptyTrash(props.total)}
      </button>
    </form>
  );
}
