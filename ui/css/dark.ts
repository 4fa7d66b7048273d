/**
 * Dark mode, by the reader's `prefers-color-scheme` (no switch, no JavaScript): the palette's
 * variables swapped, and the light tints the area stylesheets hard-code replaced by dark ones.
 * Appended last to the console stylesheet, so it overrides them.
 *
 * @module
 */

/** The dark mode rules. */
export const DARK_CSS = `
:root { color-scheme: light dark; }
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #10151c; --panel: #19202a; --text: #e2e7ee; --muted: #9ba7b7; --line: #2d3745;
    --accent: #7aa7ff; --accent-text: #0b1220; --danger: #ff8f85; --ok: #72d08f; --warn: #e9b852;
    --focus: #ffbf47;
  }
  input[type="text"], input[type="password"], input[type="number"], input[type="search"], select, textarea {
    background: #0e1319; color: var(--text); border-color: #3b4758; }
  button.secondary, button.danger, .button.secondary, .button.danger, .button.danger-link {
    background: transparent; }
  .topbar, .secret { background: #0b1018; }
  .notice.success, .badge.on, .decision.positive, .badge.state-scheduled, .badge.status-done,
  .badge.status-nothing, .badge.status-more { background: #13291c; border-color: #2d5b3c; }
  .notice.error, .badge.off, .badge.status-refused, .badge.status-failed, .badge.status-error,
  .badge.status-aborted, .decision.negative, .problem-summary, .task-health tr.failing,
  .rows-table tr.invalid td { background: #3a1a17; border-color: #6b2e29; }
  .notice.info, .badge.status-pending, .lock-badge { background: #2f2611; border-color: #5c4a1f; }
  .badge, .tabs .count, .badge.status-unmatched, .badge.state-disabled, .filters code,
  .settings input[readonly] { background: #27303d; color: var(--text); }
  .badge.state-running, .badge.status-running { background: #1a2a45; }
  table.computers tbody tr:hover, .stat > a:hover, table.versions tr.selected { background: #1f2a3a; }
  .trace-rule.matched { background: #13241a; }
  .trace-rule.failed { border-left-color: #6b2e29; }
  .chart-svg circle[stroke="#e7ecf3"] { stroke: #2d3745; }
}
`;
