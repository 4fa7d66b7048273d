/**
 * The preferences page: language, time zone and CSV separator of the signed-in user.
 *
 * @module
 */

import type { Principal } from "../../auth/rights.ts";
import { PostForm } from "../../../ui/components.tsx";
import type { Notice } from "../../../ui/components.tsx";
import { i18n } from "../../../ui/i18n/format.ts";
import { LOCALES, systemTimeZone } from "../../../ui/i18n/locale.ts";
import { Layout } from "../../../ui/layout.tsx";
import type { PreferencesForm } from "./form.ts";

/** What the preferences page shows. */
export interface PreferencesPageProps {
  principal: Principal;
  csrfToken: string;
  form: PreferencesForm;
  notice?: Notice | null;
}

/** The preferences page. */
export function PreferencesPage(props: PreferencesPageProps) {
  const { t } = i18n();
  const p = t.preferences;
  const { form } = props;
  const separators: [string, string][] = [
    ["auto", p.csvAuto],
    [",", p.csvComma],
    [";", p.csvSemicolon],
    ["tab", p.csvTab],
  ];
  const separator = form.csvSeparator === "\t" ? "tab" : form.csvSeparator;
  return (
    <Layout
      title={p.title}
      principal={props.principal}
      csrfToken={props.csrfToken}
      notice={props.notice}
    >
      <section class="panel narrow" aria-labelledby="preferences-title">
        <h1 id="preferences-title">{p.title}</h1>
        <p class="muted">{p.intro}</p>
        <PostForm action="/preferences" csrfToken={props.csrfToken}>
          <div class="field">
            <label for="pref-locale">{p.language}</label>
            <select id="pref-locale" name="locale">
              <option value="" selected={form.locale === ""}>{p.languageAuto}</option>
              {LOCALES.map((locale) => (
                <option key={locale} value={locale} selected={form.locale === locale} lang={locale}>
                  {p.languages[locale]}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="pref-zone">{p.timeZone}</label>
            <input
              type="text"
              id="pref-zone"
              name="time_zone"
              value={form.timeZone}
              aria-describedby="pref-zone-hint"
              autocomplete="off"
            />
            <span class="hint" id="pref-zone-hint">{p.timeZoneHint(systemTimeZone())}</span>
          </div>
          <fieldset>
            <legend>{p.csvSeparator}</legend>
            {separators.map(([value, label]) => (
              <label key={value} class="check">
                <input
                  type="radio"
                  name="csv_separator"
                  value={value}
                  checked={separator === value}
                />
                {label}
              </label>
            ))}
          </fieldset>
          <button type="submit">{t.common.save}</button>
        </PostForm>
      </section>
    </Layout>
  );
}
