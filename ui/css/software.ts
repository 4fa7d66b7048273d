/**
 * Styles of the software page(s), appended to the console stylesheet (ui/styles.ts).
 *
 * @module
 */

/** The software page styles. */
export const SOFTWARE_CSS = ``;
