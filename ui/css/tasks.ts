/**
 * Styles of the tasks page(s), appended to the console stylesheet (ui/styles.ts).
 *
 * @module
 */

/** The tasks page styles. */
export const TASKS_CSS = `
.breadcrumb { margin: 0 0 .25rem; color: var(--muted); font-size: .9rem; }
.task-description { font-weight: normal; font-size: .85rem; max-width: 22rem; }
table.tasks td form { margin: 0; }
.badge.state-scheduled { background: #e3f1e7; color: var(--ok); }
.badge.state-running { background: #e4edfb; color: var(--accent); }
.badge.state-disabled { background: #eceef1; color: var(--muted); }
.badge.status-done, .badge.status-nothing, .badge.status-more { background: #e3f1e7; color: var(--ok); }
.badge.status-running { background: #e4edfb; color: var(--accent); }
.badge.status-error, .badge.status-aborted { background: #fcefee; color: var(--danger); font-weight: 600; }
.status-error { color: var(--danger); }
.task-actions { margin: 0 0 1.25rem; align-items: center; }
.task-actions form { margin: 0; }
.task-panels { display: grid; grid-template-columns: repeat(auto-fit, minmax(20rem, 1fr)); gap: 0 1.25rem; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: .35rem 1rem; margin: 0; }
.facts dt { font-weight: 600; color: var(--muted); }
.facts dd { margin: 0; }
.task-settings .field { min-width: 10rem; }
.run-lines .line-message { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .88rem; white-space: pre-wrap; word-break: break-word; }
@media (max-width: 40rem) { .facts { grid-template-columns: 1fr; } .facts dd { margin-bottom: .4rem; } }
`;
