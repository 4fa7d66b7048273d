/**
 * The computers search box's criteria: `software:firefox version<128 model:latitude ram>=8
 * added>=2026-01-01 mozilla` parsed into terms, and version numbers compared the way people read
 * them (128.0.1 > 128.0 > 99.5; "115.3esr" after "115.3"). Pure: no database here.
 *
 * @module
 */

/** A comparison of a criterion. */
export type Comparison = "<" | "<=" | ">" | ">=" | "=";

/** Computer columns a `key:text` criterion searches (contains). */
export const TEXT_CRITERIA = {
  model: "model",
  manufacturer: "manufacturer",
  cpu: "cpu",
  domain: "domain",
  os: "os_name",
  serial: "serial",
  user: "user",
} as const;

/** A `key:text` criterion's key. */
export type TextCriterion = keyof typeof TEXT_CRITERIA;

/** The search, parsed. */
export interface SearchTerms {
  /** What is left: free text searched in names, serials, users… */
  text: string;
  /** Software whose name contains this (lower case). */
  software?: string;
  /** Versions of that software compared to a version. */
  version?: { op: Comparison; value: string };
  /** `key:text` criteria (contains, case-insensitive). */
  fields: { key: TextCriterion; text: string }[];
  /** Memory compared, in MiB (`ram>=8` reads gigabytes, `ram>=512mb` megabytes). */
  memoryMb?: { op: Comparison; value: number };
  /** The day the computer was added compared (`added>=2026-01-01`), ISO date. */
  added?: { op: Comparison; day: string };
}

/** A criterion the search box cannot read (answered with 400). */
export class SearchTermError extends Error {
  override name = "SearchTermError";
}

const TERM = /(?<key>[a-z]+)(?<op>:|<=|>=|<|>|=)(?:"(?<quoted>[^"]*)"|(?<bare>[^\s"]+))/gi;

/** Parses `search`. @throws {SearchTermError} on a criterion with a bad value */
export function parseSearchTerms(search: string): SearchTerms {
  const terms: SearchTerms = { text: "", fields: [] };
  let rest = "";
  let last = 0;
  for (const m of search.matchAll(TERM)) {
    const key = m.groups!.key!.toLowerCase();
    const op = m.groups!.op!;
    const value = (m.groups!.quoted ?? m.groups!.bare ?? "").trim();
    if (!applyTerm(terms, key, op, value)) continue; // Not a criterion: stays text.
    rest += search.slice(last, m.index);
    last = m.index! + m[0].length;
  }
  rest += search.slice(last);
  terms.text = rest.replace(/\s+/g, " ").trim();
  if (terms.version && terms.software === undefined) {
    throw new SearchTermError(
      'A version criterion needs a software one: software:"name" version<128',
    );
  }
  return terms;
}

function comparison(op: string): Comparison {
  return op === ":" ? "=" : op as Comparison;
}

function applyTerm(terms: SearchTerms, key: string, op: string, value: string): boolean {
  if (key === "software" && op === ":") {
    if (value === "") throw new SearchTermError("software: needs a name");
    terms.software = value.replace(/\s+/g, " ").toLowerCase();
    return true;
  }
  if (key === "version") {
    if (value === "") throw new SearchTermError("version needs a number, e.g. version<128");
    terms.version = { op: comparison(op), value };
    return true;
  }
  if (key in TEXT_CRITERIA && op === ":") {
    if (value === "") throw new SearchTermError(`${key}: needs a text`);
    terms.fields.push({ key: key as TextCriterion, text: value });
    return true;
  }
  if (key === "ram" || key === "memory") {
    const m = /^(\d+(?:[.,]\d+)?)\s*(gb|go|g|mb|mo|m)?$/i.exec(value);
    if (!m) throw new SearchTermError(`${key} needs a size, e.g. ${key}>=8 (GB) or ${key}>=512mb`);
    const amount = Number(m[1]!.replace(",", "."));
    const megabytes = /^m/i.test(m[2] ?? "") ? amount : amount * 1024;
    terms.memoryMb = { op: comparison(op), value: Math.round(megabytes) };
    return true;
  }
  if (key === "added") {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) {
      throw new SearchTermError("added needs a date, e.g. added>=2026-01-01");
    }
    terms.added = { op: comparison(op), day: value };
    return true;
  }
  return false;
}

/** True when the search has any criterion (not only free text). */
export function hasCriteria(terms: SearchTerms): boolean {
  return terms.software !== undefined || terms.fields.length > 0 ||
    terms.memoryMb !== undefined || terms.added !== undefined;
}

/**
 * Compares two versions segment by segment: numbers as numbers, other text as text, a missing
 * segment first ("128" < "128.0.1"), a number before text at the same place ("115.3" <
 * "115.3esr").
 */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string) => v.trim().toLowerCase().match(/\d+|[a-z]+/g) ?? [];
  const x = parts(a);
  const y = parts(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const p = x[i];
    const q = y[i];
    if (p === undefined) return -1;
    if (q === undefined) return 1;
    const pn = /^\d+$/.test(p);
    const qn = /^\d+$/.test(q);
    if (pn && qn) {
      const d = Number(p) - Number(q);
      if (d !== 0) return Math.sign(d);
    } else if (pn !== qn) {
      return pn ? -1 : 1;
    } else if (p !== q) {
      return p < q ? -1 : 1;
    }
  }
  return 0;
}

/** True when `version` stands in `op` to `value`. */
export function versionMatches(version: string, op: Comparison, value: string): boolean {
  const c = compareVersions(version, value);
  switch (op) {
    case "<":
      return c < 0;
    case "<=":
      return c <= 0;
    case ">":
      return c > 0;
    case ">=":
      return c >= 0;
    case "=":
      return c === 0;
  }
}
