/**
 * Styles of the computers page(s), appended to the console stylesheet (ui/styles.ts).
 *
 * @module
 */

/** The computers page styles. */
export const COMPUTERS_CSS = ``;
