/**
 * Styles of the tasks page(s), appended to the console stylesheet (ui/styles.ts).
 *
 * @module
 */

/** The tasks page styles. */
export const TASKS_CSS = ``;
