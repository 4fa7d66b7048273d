/**
 * Styles of the rules page(s), appended to the console stylesheet (ui/styles.ts).
 *
 * @module
 */

/** The rules page styles. */
export const RULES_CSS = `
.collection-index ul { display: flex; flex-wrap: wrap; gap: .4rem 1rem; list-style: none; padding: 0; margin: 0 0 1rem; }
.collection-head { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: center; gap: .5rem; }
.collection-head h2 { margin: 0; }
.collection-links { display: flex; flex-wrap: wrap; gap: .5rem; }
.button.secondary { background: #fff; color: var(--accent); }
.button.danger-link { background: #fff; color: var(--danger); border-color: var(--danger); padding: .35rem .7rem; }
.rules-table tr.inactive > * { color: var(--muted); }
.rules-table td.manage { white-space: nowrap; }
.rules-table td.manage .inline-form { display: inline-flex; }
button.icon { padding: .35rem .6rem; }
button[disabled] { opacity: .45; cursor: not-allowed; }
.summary-list { list-style: none; margin: 0; padding: 0; }
.summary-list .joiner { color: var(--muted); font-size: .85em; }
.rules code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .9em; overflow-wrap: break-word; }
.rules-table th .muted { font-weight: 400; }
.rule-top { display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: 0 1rem; align-items: end; }
.rule-rows { border: 1px solid var(--line); border-radius: var(--radius); padding: .75rem 1rem 1rem; margin: 0 0 1rem;
  background: var(--panel); }
.rule-rows legend { font-weight: 700; padding: 0 .35rem; }
.rule-rows .hint { color: var(--muted); font-size: .85rem; margin-top: 0; }
.rows-table { margin-bottom: .6rem; }
.rows-table td select, .rows-table td input { width: 100%; }
.rows-table th[scope="row"] { width: 2rem; color: var(--muted); }
.rows-table tr.invalid td { background: #fcefee; }
.field-errors { color: var(--danger); margin: .3rem 0 0; padding-left: 1.1rem; font-size: .9rem; }
.problem-summary { color: var(--danger); background: #fcefee; border: 1px solid #f0c0bc; border-radius: var(--radius);
  padding: .6rem 1rem .6rem 2rem; }
input[aria-invalid="true"], select[aria-invalid="true"] { border-color: var(--danger); }
.form-actions { display: flex; gap: 1rem; align-items: center; margin: 1rem 0; }
.collection-help { margin-top: 1.5rem; }
.collection-help summary { cursor: pointer; color: var(--accent); }
.collection-help dl > div { margin-bottom: .5rem; }
.collection-help dt { font-weight: 600; }
.collection-help dd { margin: 0 0 0 1rem; }
.test-forms { display: grid; grid-template-columns: repeat(auto-fit, minmax(20rem, 1fr)); gap: 0 1.25rem; }
.value-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(13rem, 1fr)); gap: 0 1rem; }
.decision { font-size: 1.05rem; padding: .6rem .8rem; border-radius: var(--radius); }
.decision.positive { background: #edf7f0; color: var(--ok); }
.decision.negative { background: #fcefee; color: var(--danger); }
.trace-outcome .detail { display: contents; }
.narrow-wide { max-width: 44rem; }
input[type="file"] { font: inherit; }
`;
