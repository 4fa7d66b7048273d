/**
 * Styles of the computer page(s), appended to the console stylesheet (ui/styles.ts).
 *
 * @module
 */

/** The computer page styles. */
export const COMPUTER_CSS = ``;
