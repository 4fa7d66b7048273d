/**
 * Styles of the devices page(s), appended to the console stylesheet (ui/styles.ts).
 *
 * @module
 */

/** The devices page styles. */
export const DEVICES_CSS = ``;
