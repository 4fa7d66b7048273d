/**
 * Styles of the computers list, the trash and the purge confirmation, appended to the console
 * stylesheet (ui/styles.ts).
 *
 * @module
 */

/** The computers page styles. */
export const COMPUTERS_CSS = `
main:has(table.computers) { max-width: 96rem; }
.filters .search-row { display: flex; gap: .75rem; }
.filters .field.search { flex: 1 1 auto; }
input[type="search"] { font: inherit; padding: .5rem .6rem; border: 1px solid #a9b3c1; border-radius: var(--radius);
  background: #fff; color: var(--text); min-width: 0; width: 100%; }
.filters .filter-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr)); gap: 0 1rem; }
.filters .filter-actions { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; }
.filters code { background: #eef1f5; padding: 0 .25rem; border-radius: 3px; }
.list-tools { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; align-items: baseline; justify-content: space-between; }
.list-tools .count { margin: 0; }
.columns-choice summary { cursor: pointer; color: var(--accent); font-weight: 600; }
.columns-choice form { margin-top: .5rem; padding: .75rem; background: var(--panel); border: 1px solid var(--line);
  border-radius: var(--radius); }
.columns-choice fieldset, .bulk fieldset { border: 0; margin: 0; padding: 0; }
.columns-choice legend, .bulk legend { font-weight: 600; margin-bottom: .5rem; }
.column-checks { display: grid; grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr)); gap: 0 1rem; }
.column-checks .check { margin-bottom: .4rem; }
table.computers td.select, table.computers th.select { width: 2.2rem; text-align: center; }
table.computers td.select input { width: 1.1rem; height: 1.1rem; }
table.computers tbody tr:hover { background: #f0f4fa; }
table.computers tbody th { white-space: nowrap; }
table.computers tbody th a { color: var(--accent); }
table.computers tbody th a:hover { text-decoration: underline; }
table.computers td.empty { color: var(--muted); text-align: center; padding: 1.5rem; }
.bulk .bulk-buttons { display: flex; flex-wrap: wrap; gap: .5rem; margin-bottom: .75rem; }
.bulk .bulk-sets { display: flex; flex-wrap: wrap; gap: .75rem 2rem; }
.page-head { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; justify-content: space-between; }
.empty-trash { margin: 0; }
.confirm { max-width: 40rem; margin: 1rem auto; border-color: var(--danger); }
.confirm .sample { max-height: 16rem; overflow-y: auto; }
@media (max-width: 40rem) {
  .filters .filter-grid { grid-template-columns: 1fr 1fr; }
  .filters .field .hint { font-size: .8rem; }
}
.saved-searches summary { font-weight: 600; cursor: pointer; }
.saved-list { list-style: none; margin: .5rem 0 1rem; padding: 0; display: grid; gap: .35rem; }
.saved-list li { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; }
.saved-list form { margin: 0; }
`;
