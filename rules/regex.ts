/**
 * PCRE-style rule patterns (`/^(.*)-PC$/i`, as GLPI stores them) turned into JS RegExps.
 * As in GLPI, the `i` and `s` flags are always added; delimiters are required.
 *
 * @module
 */

import { RulePatternError } from "./errors.ts";

/** PCRE bracket delimiters close with their partner; any other delimiter closes with itself. */
const CLOSING: Readonly<Record<string, string>> = { "(": ")", "[": "]", "{": "}", "<": ">" };

/** PCRE modifiers that mean the same in JS. `x`, `U`, `D`, `A` have no JS equivalent. */
const SUPPORTED_FLAGS = "imsu";

/** PCRE named groups `(?P<name>…)` and back-references `(?P=name)`, unless escaped. */
const PCRE_NAMED_GROUP = /(?<!\\)\(\?P</g;
const PCRE_NAMED_BACKREF = /(?<!\\)\(\?P=(\w+)\)/g;

/**
 * Parses `pattern` (delimiter, body, delimiter, modifiers) into a RegExp with `i` and `s` added.
 * Throws {@linkcode RulePatternError} naming the pattern when it cannot be used.
 */
export function parseRegexPattern(pattern: string): RegExp {
  const text = pattern.trim();
  const open = text[0];
  if (open === undefined || /[A-Za-z0-9\\\s]/.test(open)) {
    throw new RulePatternError(`regex ${JSON.stringify(pattern)} needs delimiters, like /…/i`);
  }
  const close = CLOSING[open] ?? open;
  const end = text.lastIndexOf(close);
  if (end <= 0) {
    throw new RulePatternError(
      `regex ${JSON.stringify(pattern)} has no closing ${JSON.stringify(close)} ` +
        `(write the pattern between delimiters, like /…/i)`,
    );
  }
  const modifiers = text.slice(end + 1);
  let flags = "is";
  for (const flag of modifiers) {
    if (!SUPPORTED_FLAGS.includes(flag)) {
      throw new RulePatternError(
        `regex ${JSON.stringify(pattern)}: modifier ${JSON.stringify(flag)} is not supported ` +
          `(use i, m, s or u)`,
      );
    }
    if (!flags.includes(flag)) flags += flag;
  }
  const body = text.slice(1, end)
    .replace(PCRE_NAMED_GROUP, "(?<")
    .replace(PCRE_NAMED_BACKREF, "\\k<$1>");
  try {
    return new RegExp(body, flags);
  } catch (error) {
    throw new RulePatternError(
      `regex ${JSON.stringify(pattern)} is invalid: ${(error as Error).message}`,
    );
  }
}
