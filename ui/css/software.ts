/**
 * Styles of the software page(s), appended to the console stylesheet (ui/styles.ts).
 *
 * @module
 */

/** The software page styles. */
export const SOFTWARE_CSS = `
.software-search { margin-bottom: 1rem; }
.software-search input[type="search"] { font: inherit; padding: .5rem .6rem; border: 1px solid #a9b3c1;
  border-radius: var(--radius); min-width: min(24rem, 70vw); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.software-detail { display: grid; grid-template-columns: minmax(14rem, 1fr) 3fr; gap: 0 1.5rem; align-items: start; }
.software-detail h2 { margin-top: .5rem; }
table.versions tr.selected { background: #eef3fb; }
table.versions tr.selected a { font-weight: 700; }
@media (max-width: 52rem) { .software-detail { grid-template-columns: 1fr; } }
`;
