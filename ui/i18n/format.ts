/**
 * A request's language at work: its messages, and numbers, dates and CSV cells written the way
 * its readers expect (Intl, in the user's time zone). Built once per request; views reach the
 * one being rendered through {@link i18n}.
 *
 * @module
 */

import { type Locale, systemTimeZone } from "./locale.ts";
import { MESSAGES, type Messages } from "./messages.ts";

/** CSV separator choices: by the language (`auto`), or one fixed. */
export const CSV_SEPARATORS = ["auto", ",", ";", "\t"] as const;

/** A user's CSV separator choice. */
export type CsvSeparatorChoice = typeof CSV_SEPARATORS[number];

/** How a CSV file is written: field separator and decimal mark. */
export interface CsvFormat {
  separator: string;
  decimal: "." | ",";
}

/** What a user chose (null: not chosen, the request decides). */
export interface Preferences {
  locale: Locale | null;
  timeZone: string | null;
  csvSeparator: CsvSeparatorChoice;
}

/** A language at work. */
export interface I18n {
  locale: Locale;
  /** An IANA time zone. */
  timeZone: string;
  /** The messages. */
  t: Messages;
  csv: CsvFormat;
  /** 12 345 (fr) / 12,345 (en). */
  number(n: number, fractionDigits?: number): string;
  /** 12,5 % / 12.5%. */
  percent(ratio: number): string;
  /** "8 déc. 2026, 04:15" in the user's zone; "" for none. */
  dateTime(value: string | Date | null | undefined): string;
  /** "8 déc. 2026"; "" for none. */
  date(value: string | Date | null | undefined): string;
  /** "04:15 UTC+1" (with the zone, for "as of" notes). */
  clock(value: string | Date): string;
  /** A byte size: "512 Mo" / "512 MB". */
  bytes(n: number): string;
  /** A size given in mebibytes (how agents report memory and disks). */
  megabytes(mb: number): string;
}

/** CSV format for `locale` and a user's choice: French Excel wants `;` and a decimal comma. */
export function csvFormat(locale: Locale, choice: CsvSeparatorChoice = "auto"): CsvFormat {
  const localeDecimal = locale === "fr" ? "," : ".";
  if (choice === "auto") return { separator: locale === "fr" ? ";" : ",", decimal: localeDecimal };
  // A comma separator forbids the decimal comma (every number would be quoted).
  return { separator: choice, decimal: choice === "," ? "." : localeDecimal };
}

const cache = new Map<string, I18n>();

/** The language at work for `locale` in `timeZone` (cached: formatters are costly to build). */
export function makeI18n(
  locale: Locale,
  timeZone: string = systemTimeZone(),
  csvSeparator: CsvSeparatorChoice = "auto",
): I18n {
  const key = `${locale}|${timeZone}|${csvSeparator}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const numbers = new Intl.NumberFormat(locale);
  const dateTimes = new Intl.DateTimeFormat(locale, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone,
  });
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone });
  const clocks = new Intl.DateTimeFormat(locale, {
    hour: "2-digit",
    minute: "2-digit",
    timeZone,
    timeZoneName: "short",
  });
  const percents = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
  const t = MESSAGES[locale];
  const asDate = (value: string | Date) => value instanceof Date ? value : new Date(value);
  const valid = (value: string | Date | null | undefined): Date | null => {
    if (value === null || value === undefined || value === "") return null;
    const d = asDate(value);
    return Number.isNaN(d.getTime()) ? null : d;
  };
  const unit = (n: number, units: readonly string[]) => {
    let value = n;
    let i = 0;
    while (Math.abs(value) >= 1024 && i < units.length - 1) {
      value /= 1024;
      i++;
    }
    const digits = i === 0 || value >= 100 ? 0 : 1;
    return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value)} ${
      units[i]
    }`;
  };
  const i18n: I18n = {
    locale,
    timeZone,
    t,
    csv: csvFormat(locale, csvSeparator),
    number: (n, fractionDigits) =>
      fractionDigits === undefined ? numbers.format(n) : new Intl.NumberFormat(locale, {
        minimumFractionDigits: fractionDigits,
        maximumFractionDigits: fractionDigits,
      }).format(n),
    percent: (ratio) => percents.format(ratio),
    dateTime: (value) => {
      const d = valid(value);
      return d ? dateTimes.format(d) : "";
    },
    date: (value) => {
      const d = valid(value);
      return d ? dates.format(d) : "";
    },
    clock: (value) => clocks.format(asDate(value)),
    bytes: (n) => unit(n, t.units.bytes),
    megabytes: (mb) => unit(mb, t.units.bytes.slice(2)),
  };
  if (cache.size < 256) cache.set(key, i18n);
  return i18n;
}

let rendering: I18n | null = null;

/**
 * The language of the page being rendered (English outside a render). Rendering to a string is
 * synchronous, so one page's language cannot leak into another's.
 */
export function i18n(): I18n {
  return rendering ?? makeI18n("en", "UTC");
}

/** Runs `render` (synchronous) with `language` as the page's language. */
export function renderingIn<T>(language: I18n, render: () => T): T {
  const previous = rendering;
  rendering = language;
  try {
    return render();
  } finally {
    rendering = previous;
  }
}
