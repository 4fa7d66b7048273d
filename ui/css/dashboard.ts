/**
 * Styles of the dashboard page(s), appended to the console stylesheet (ui/styles.ts).
 *
 * @module
 */

/** The dashboard page styles. */
export const DASHBOARD_CSS = ``;
