/**
 * The language of a console request: the signed-in user's preferences, else the browser's
 * `Accept-Language`, else English; dates in the user's time zone, else the server's.
 *
 * @module
 */

import type { Context } from "hono";
import {
  CSV_SEPARATORS,
  type CsvSeparatorChoice,
  type I18n,
  makeI18n,
} from "../../ui/i18n/format.ts";
import { isLocale, isTimeZone, negotiateLocale, systemTimeZone } from "../../ui/i18n/locale.ts";
import type { AppEnv } from "./env.ts";

/** The request's language (the guard has resolved the principal when there is one). */
export function i18nOf(c: Context<AppEnv>): I18n {
  const preferences = c.get("auth")?.principal.preferences;
  const chosen = preferences?.locale;
  const locale = isLocale(chosen) ? chosen : negotiateLocale(c.req.header("accept-language")) ??
    "en";
  const zone = preferences?.timeZone;
  const separator = preferences?.csvSeparator;
  return makeI18n(
    locale,
    zone && isTimeZone(zone) ? zone : systemTimeZone(),
    (CSV_SEPARATORS as readonly unknown[]).includes(separator)
      ? separator as CsvSeparatorChoice
      : "auto",
  );
}
