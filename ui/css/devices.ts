/**
 * Styles of the devices page(s), appended to the console stylesheet (ui/styles.ts). The rule
 * trace's styles come with it (ui/trace.tsx): the inbox is where traces are read most.
 *
 * @module
 */

import { TRACE_CSS } from "../trace.tsx";

/** The devices page styles. */
export const DEVICES_CSS = `${TRACE_CSS}
.breadcrumb { margin: 0 0 .25rem; color: var(--muted); font-size: .9rem; }
.status-filter ul { display: flex; flex-wrap: wrap; gap: .4rem; list-style: none; margin: 0 0 1rem; padding: 0; }
.status-filter a { display: inline-block; padding: .3rem .75rem; border: 1px solid var(--line); border-radius: 999px;
  background: var(--panel); text-decoration: none; color: var(--text); }
.status-filter a[aria-current="page"] { background: var(--accent); border-color: var(--accent); color: var(--accent-text); }
.status-filter .count { font-weight: 700; margin-left: .25rem; }
.inbox-actions { border: 1px solid var(--line); }
.inbox-actions legend { font-weight: 600; padding: 0 .35rem; }
.inbox-actions .hint { color: var(--muted); font-size: .85rem; margin: .6rem 0 0; }
table.inbox tbody.inbox-row + tbody.inbox-row tr:first-child > * { border-top: 2px solid var(--line); }
table.inbox .trace-row td { padding-top: 0; }
table.inbox details summary { cursor: pointer; color: var(--accent); padding: .2rem 0; }
table.inbox details[open] summary { margin-bottom: .4rem; }
.devices .small { font-size: .82rem; font-weight: 400; }
.devices .badge { white-space: nowrap; }
.badge.status-pending { background: #fdf6e6; color: var(--warn); }
.badge.status-refused, .badge.status-failed { background: #fcefee; color: var(--danger); }
.badge.status-unmatched { background: #eef1f6; color: var(--muted); }
.badge.on { background: #edf7f0; color: var(--ok); }
.device-facts { display: grid; grid-template-columns: max-content 1fr; gap: .3rem 1rem; margin: 0 0 1.25rem; }
.device-facts dt { font-weight: 600; }
.device-facts dd { margin: 0; }
.upload-results tr.refused th { color: var(--danger); }
.inline-form { display: inline-flex; gap: .25rem; margin: 0 .25rem .25rem 0; }
.empty { color: var(--muted); }
@media (max-width: 40rem) {
  .device-facts, .trace-outcome { grid-template-columns: 1fr; }
}
`;
