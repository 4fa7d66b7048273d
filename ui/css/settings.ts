/**
 * Styles of the settings page(s), appended to the console stylesheet (ui/styles.ts).
 *
 * @module
 */

/** The settings page styles. */
export const SETTINGS_CSS = ``;
