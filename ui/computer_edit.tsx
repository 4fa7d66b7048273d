/**
 * The computer edit form: every editable field with its label, a lock badge on locked fields,
 * entity/location/status as selects, and errors next to the fields they concern (plus a summary
 * announced at once). Hidden `was_…` fields carry the values as shown, so only what the person
 * changed is saved, and locked.
 *
 * @module
 */

import type { Principal } from "../server/auth/rights.ts";
import {
  EDIT_SELECT_FIELDS,
  EDIT_TEXT_FIELDS,
  ORIGINAL_PREFIX,
} from "../server/http/computer_form.ts";
import type { ComputerDetail, EditChoices } from "../server/registry/computer_detail.ts";
import { PostForm } from "./components.tsx";
import { FIELD_LABELS, fieldLabel } from "./computer_fields.ts";
import { LockIcon } from "./computer_summary.tsx";
import { i18n } from "./i18n/format.ts";
import { Layout } from "./layout.tsx";
import { computerTitle } from "./pages/computer.tsx";

/** What the edit page shows. */
export interface ComputerEditPageProps {
  principal: Principal;
  csrfToken: string;
  computer: ComputerDetail["computer"];
  locks: ComputerDetail["locks"];
  choices: EditChoices;
  /** Field → value in the inputs. */
  values: Record<string, string>;
  /** Field → value as first shown (the `was_` fields). */
  originals: Record<string, string>;
  errors?: Record<string, string>;
}

/** The edit page. */
export function ComputerEditPage(props: ComputerEditPageProps) {
  const c = props.computer;
  const title = computerTitle(c);
  const errors = props.errors ?? {};
  const locked = new Set(props.locks.map((l) => l.field));
  const errorList = Object.entries(errors);
  const describedBy = (name: string) => errors[name] ? `${name}-error` : undefined;
  const { t } = i18n();
  const k = t.computer;
  const label = (name: string, text: string) => (
    <label for={`edit-${name}`}>
      {text}
      {locked.has(name)
        ? (
          <span class="lock-badge" data-field={name}>
            <LockIcon /> {k.locked}
          </span>
        )
        : null}
    </label>
  );
  const error = (name: string) =>
    errors[name] ? <span class="field-error" id={`${name}-error`}>{errors[name]}</span> : null;
  return (
    <Layout
      title={k.editTitle(title)}
      principal={props.principal}
      csrfToken={props.csrfToken}
      current="computers"
    >
      <nav class="breadcrumb" aria-label={t.common.breadcrumb}>
        <a href="/computers">{t.nav.computers}</a> <span aria-hidden="true">›</span>{" "}
        <a href={`/computers/${c.id}`}>{title}</a> <span aria-hidden="true">›</span>{" "}
        <span aria-current="page">{k.edit}</span>
      </nav>
      <h1>{k.editTitle(title)}</h1>
      {errorList.length > 0
        ? (
          <div class="notice error" role="alert" id="edit-errors">
            <p>{k.nothingSaved}</p>
            <ul>
              {errorList.map(([name, message]) => (
                <li key={name}>
                  {name in FIELD_LABELS
                    ? (
                      <>
                        <a href={`#edit-${name}`}>{fieldLabel(name)}</a>:{" "}
                      </>
                    )
                    : null}
                  {message}
                </li>
              ))}
            </ul>
          </div>
        )
        : null}
      {c.is_dynamic
        ? (
          <p class="muted">
            {k.dynamicNote}
          </p>
        )
        : null}
      <PostForm
        action={`/computers/${c.id}`}
        csrfToken={props.csrfToken}
        class="panel edit-form"
        label={k.editLabel}
      >
        {Object.entries(props.originals).map(([name, value]) => (
          <input type="hidden" name={`${ORIGINAL_PREFIX}${name}`} value={value} key={name} />
        ))}
        <fieldset>
          <legend>{k.placement}</legend>
          <div class="edit-grid">
            {EDIT_SELECT_FIELDS.map((spec) => (
              <div class="field" key={spec.name}>
                {label(spec.name, fieldLabel(spec.name))}
                <select
                  id={`edit-${spec.name}`}
                  name={spec.name}
                  aria-invalid={errors[spec.name] ? "true" : undefined}
                  aria-describedby={describedBy(spec.name)}
                >
                  {spec.required ? null : <option value="">{k.none}</option>}
                  {props.choices[spec.choices].map((choice) => (
                    <option
                      value={String(choice.id)}
                      selected={props.values[spec.name] === String(choice.id)}
                      key={choice.id}
                    >
                      {choice.label}
                    </option>
                  ))}
                </select>
                {error(spec.name)}
              </div>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend>{k.identity}</legend>
          <div class="edit-grid">
            {EDIT_TEXT_FIELDS.map((spec) => (
              <div class={`field${spec.multiline ? " wide" : ""}`} key={spec.name}>
                {label(spec.name, fieldLabel(spec.name))}
                {spec.multiline
                  ? (
                    <textarea
                      id={`edit-${spec.name}`}
                      name={spec.name}
                      rows={4}
                      maxLength={spec.max}
                      aria-invalid={errors[spec.name] ? "true" : undefined}
                      aria-describedby={describedBy(spec.name)}
                    >
                      {props.values[spec.name] ?? ""}
                    </textarea>
                  )
                  : (
                    <input
                      type="text"
                      id={`edit-${spec.name}`}
                      name={spec.name}
                      value={props.values[spec.name] ?? ""}
                      aria-invalid={errors[spec.name] ? "true" : undefined}
                      aria-describedby={describedBy(spec.name)}
                    />
                  )}
                {error(spec.name)}
              </div>
            ))}
          </div>
        </fieldset>
        <div class="row-form">
          <button type="submit">{k.save}</button>
          <a href={`/computers/${c.id}`}>{k.cancel}</a>
        </div>
      </PostForm>
    </Layout>
  );
}
