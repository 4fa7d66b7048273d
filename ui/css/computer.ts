/**
 * Styles of the computer page(s), appended to the console stylesheet (ui/styles.ts).
 *
 * @module
 */

/** The computer page styles. */
export const COMPUTER_CSS = `
.breadcrumb { font-size: .9rem; color: var(--muted); margin-bottom: .5rem; }
.computer-head h1 { display: flex; flex-wrap: wrap; align-items: baseline; gap: .25rem .6rem; margin-bottom: .25rem; }
.computer-head h1 .id { font-size: 1rem; font-weight: 400; }
.computer-head .subtitle { margin: 0 0 .75rem; }
.badge.trashed { font-size: .85rem; align-self: center; }
.computer-actions { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; margin-bottom: 1rem; }
.computer-actions form { margin: 0; }
.button.secondary { background: #fff; color: var(--accent); }
.button.danger { background: #fff; color: var(--danger); border-color: var(--danger); }

.tabs { position: sticky; top: 0; z-index: 2; background: var(--bg); padding: .4rem 0; margin-bottom: 1rem;
  border-bottom: 1px solid var(--line); }
.tabs ul { display: flex; flex-wrap: wrap; gap: .3rem; list-style: none; margin: 0; padding: 0; }
.tabs a { display: inline-block; padding: .3rem .65rem; border: 1px solid var(--line); border-radius: 999px;
  background: var(--panel); text-decoration: none; font-size: .9rem; }
.tabs a:hover { border-color: var(--accent); }
.tabs .count { margin-left: .35rem; padding: 0 .4rem; border-radius: 999px; background: #e7ecf3; color: var(--muted);
  font-size: .8rem; }
.computer-section { scroll-margin-top: 6rem; }
.computer-section:target { border-color: var(--accent); box-shadow: 0 0 0 2px rgb(31 95 191 / .2); }
.computer-section h2 { display: flex; justify-content: space-between; align-items: baseline; gap: 1rem; }
.to-top { font-size: .8rem; font-weight: 400; }

.summary-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); gap: .75rem 1.5rem; margin: 0; }
.summary-item dt { font-size: .8rem; text-transform: uppercase; letter-spacing: .03em; color: var(--muted); }
.summary-item dd { margin: .1rem 0 0; overflow-wrap: anywhere; }
.lock-badge { display: inline-block; margin-left: .35rem; padding: 0 .45rem; border-radius: 999px; font-size: .78rem;
  font-weight: 600; color: var(--warn); background: #fdf6e6; border: 1px solid #ecd9a6; white-space: nowrap; }
.lock-icon { vertical-align: -1px; }

table.parts { font-size: .92rem; }
table.parts .small { font-size: .85rem; color: var(--muted); }
table.parts td.value { overflow-wrap: anywhere; max-width: 20rem; }
.usage { display: inline-flex; align-items: center; gap: .35rem; white-space: nowrap; }
.usage meter { width: 5rem; }
.software-filter { margin-bottom: .5rem; }

.edit-form fieldset { border: 0; padding: 0; margin: 0 0 1rem; }
.edit-form legend { font-weight: 700; font-size: 1.05rem; margin-bottom: .5rem; }
.edit-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); gap: 0 1.25rem; }
.edit-grid .field.wide { grid-column: 1 / -1; }
.edit-form textarea { font: inherit; padding: .5rem .6rem; border: 1px solid #a9b3c1; border-radius: var(--radius); }
.edit-form [aria-invalid="true"] { border-color: var(--danger); outline: 1px solid var(--danger); }
.field-error { color: var(--danger); font-size: .88rem; font-weight: 600; }
#edit-errors ul { margin: .25rem 0 0; }
.purge-confirm p { margin: .5rem 0 1rem; }

@media (max-width: 40rem) {
  .tabs { position: static; }
  .summary-grid { grid-template-columns: 1fr; }
}
`;
