/**
 * Styles of the dashboard page: count tiles, the chart grid, charts and their tables, task
 * health. Appended to the console stylesheet (ui/styles.ts).
 *
 * @module
 */

/** The dashboard page styles. */
export const DASHBOARD_CSS = `
.stat-tiles { display: grid; grid-template-columns: repeat(auto-fill, minmax(9.5rem, 1fr)); gap: .75rem;
  list-style: none; margin: 0; padding: 0; }
.stat > a, .stat > div { display: flex; flex-direction: column; gap: .15rem; height: 100%; padding: .75rem .9rem;
  border: 1px solid var(--line); border-radius: var(--radius); background: var(--bg); color: var(--text);
  text-decoration: none; }
.stat { position: relative; }
.stat > a:hover { border-color: var(--accent); background: #eef3fb; }
.stat > a:hover .stat-label { text-decoration: underline; }
.stat-value { font-size: 1.7rem; font-weight: 700; line-height: 1.1; font-variant-numeric: tabular-nums; }
.stat-label { color: var(--muted); font-size: .9rem; }
.stat.warn .stat-value { color: var(--warn); }
/* Below the label: beside a large count it would overlap the digits. */
.stat .sparkline { display: block; margin-top: .3rem; width: 100%; max-width: 7.5rem; height: 1.5rem; }

.dashboard-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(20rem, 1fr)); gap: 0 1.25rem; }
.chart { margin: 0; }
.chart-svg { display: block; width: 100%; height: auto; }
.bar-chart .chart-svg { max-width: 36rem; }
.chart-svg.donut { max-width: 11rem; margin: 0 auto .75rem; }
.chart-label { font-size: 13px; fill: var(--text); }
.chart-value { font-size: 12px; fill: var(--muted); font-variant-numeric: tabular-nums; }
.chart-link:hover rect { opacity: 0.8; }
.chart-link:hover .chart-label { text-decoration: underline; }
.donut-total { font-size: 22px; font-weight: 700; fill: var(--text); }
.donut-unit { font-size: 11px; fill: var(--muted); }
.chart-table th, .chart-table td { padding: .3rem .45rem; font-size: .9rem; }
.chart-table .num { text-align: right; font-variant-numeric: tabular-nums; }
.chart-table .swatch { width: .8rem; height: .8rem; margin-right: .45rem; vertical-align: -.05rem; }
.chart-data { margin-top: .5rem; }
.chart-data summary { cursor: pointer; color: var(--accent); }
.as-of { font-size: .85rem; margin-top: -.25rem; }

.task-summary { font-weight: 600; color: var(--ok); }
.task-summary.failing { color: var(--danger); }
.task-health tr.failing { background: #fcefee; }
.task-health tr.failing th { border-left: 4px solid var(--danger); }
.task-health .badge { margin-left: .5rem; }
.task-health .num { text-align: right; }
.task-message { font-size: .85rem; max-width: 28rem; overflow-wrap: anywhere; }
`;
