/**
 * Styles of the rules page(s), appended to the console stylesheet (ui/styles.ts).
 *
 * @module
 */

/** The rules page styles. */
export const RULES_CSS = ``;
