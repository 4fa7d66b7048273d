/**
 * The `sep` option of CSV exports (`?sep=semicolon`, `comma`, `tab`): one export with another
 * separator than the user's preference or language gives.
 *
 * @module
 */

import { type CsvSeparatorChoice, type I18n, makeI18n } from "../../ui/i18n/format.ts";

const SEPARATORS: Readonly<Record<string, CsvSeparatorChoice>> = {
  comma: ",",
  semicolon: ";",
  tab: "\t",
};

/** `language`, with the separator `sep` names (unknown or absent: unchanged). */
export function csvLanguage(language: I18n, sep: string | undefined): I18n {
  const choice = SEPARATORS[sep ?? ""];
  return choice ? makeI18n(language.locale, language.timeZone, choice) : language;
}
