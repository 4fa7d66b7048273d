/**
 * The preferences form: the posted fields checked into preferences to store, or the reason they
 * are refused (in the reader's language). No HTTP here: the routes read the form, the view shows it.
 *
 * @module
 */

import type { UserPreferences } from "../../auth/rights.ts";
import { CSV_SEPARATORS } from "../../../ui/i18n/format.ts";
import { isLocale, isTimeZone } from "../../../ui/i18n/locale.ts";
import type { Messages } from "../../../ui/i18n/messages.ts";

/** The form's fields as typed (and as shown again when refused). */
export interface PreferencesForm {
  locale: string;
  timeZone: string;
  csvSeparator: string;
}

/** The form showing stored preferences ("" and "auto": not chosen). */
export function formOfPreferences(preferences: UserPreferences | undefined): PreferencesForm {
  return {
    locale: preferences?.locale ?? "",
    timeZone: preferences?.timeZone ?? "",
    csvSeparator: preferences?.csvSeparator ?? "auto",
  };
}

/** The posted form checked: preferences to store, or why not. */
export function checkPreferences(
  form: PreferencesForm,
  t: Messages,
): { ok: true; preferences: UserPreferences } | { ok: false; error: string } {
  const locale = form.locale.trim();
  const zone = form.timeZone.trim();
  const separator = form.csvSeparator === "tab" ? "\t" : form.csvSeparator;
  if (locale !== "" && !isLocale(locale)) return { ok: false, error: t.preferences.badChoice };
  if (!(CSV_SEPARATORS as readonly string[]).includes(separator)) {
    return { ok: false, error: t.preferences.badChoice };
  }
  if (zone !== "" && !isTimeZone(zone)) {
    return { ok: false, error: t.preferences.badTimeZone(zone) };
  }
  return {
    ok: true,
    preferences: {
      locale: locale === "" ? null : locale,
      timeZone: zone === "" ? null : zone,
      csvSeparator: separator === "auto" ? null : separator,
    },
  };
}
