/**
 * Styles of the settings page(s), appended to the console stylesheet (ui/styles.ts).
 *
 * @module
 */

/** The settings page styles. */
export const SETTINGS_CSS = `
.settings fieldset { border: 1px solid var(--line); border-radius: var(--radius); padding: .75rem 1rem; margin: 0 0 1rem; }
.settings fieldset.checks { display: flex; flex-wrap: wrap; gap: .25rem 1.5rem; border-style: dashed; }
.settings fieldset.checks .check { margin-bottom: .25rem; }
.settings legend { font-weight: 600; padding: 0 .35rem; }
.settings-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); gap: 0 1.25rem; align-items: start; }
.settings textarea { font: inherit; font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .9rem;
  padding: .45rem .6rem; border: 1px solid #a9b3c1; border-radius: var(--radius); resize: vertical; width: 100%; }
.settings input[readonly] { background: #eef1f5; color: var(--muted); }
.settings .check .hint { color: var(--muted); font-size: .85rem; flex-basis: 100%; margin-left: 1.6rem; }
.settings .check { flex-wrap: wrap; }
.settings .check input { flex: none; }
.settings .check label { flex: 1 1 0; min-width: 0; }
.settings-grid > .check { margin-top: 1.9rem; }
.field.invalid input, .field.invalid select, .field.invalid textarea { border-color: var(--danger); border-width: 2px; }
.field-error { color: var(--danger); font-weight: 600; font-size: .9rem; }
.notice ul { margin: .4rem 0 0; padding-left: 1.2rem; }
.reset-form { margin-top: .75rem; }
`;
