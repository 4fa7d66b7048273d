/**
 * The console's one stylesheet, as a string compiled into the program (no file read at run time;
 * `deno bundle` carries it). Served at `/assets/console.css`.
 *
 * @module
 */

import { COMPUTER_CSS } from "./css/computer.ts";
import { COMPUTERS_CSS } from "./css/computers.ts";
import { DARK_CSS } from "./css/dark.ts";
import { DASHBOARD_CSS } from "./css/dashboard.ts";
import { DEVICES_CSS } from "./css/devices.ts";
import { RULES_CSS } from "./css/rules.ts";
import { SETTINGS_CSS } from "./css/settings.ts";
import { SOFTWARE_CSS } from "./css/software.ts";
import { TASKS_CSS } from "./css/tasks.ts";
import { TREES_CSS } from "./css/trees.ts";
import { LIST_CSS } from "./list.tsx";

const BASE_CSS = `
:root {
  --bg: #f5f6f8; --panel: #fff; --text: #1c2430; --muted: #5a6575; --line: #d8dde4;
  --accent: #1f5fbf; --accent-text: #fff; --danger: #b3261e; --ok: #1e7a3c; --warn: #8a5a00;
  --focus: #ffbf47; --radius: 6px;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  font-size: 16px; line-height: 1.45; color: var(--text); background: var(--bg);
}
* { box-sizing: border-box; }
body { margin: 0; min-height: 100vh; display: flex; flex-direction: column; }
a { color: var(--accent); }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.skip-link { position: absolute; left: -9999px; top: 0; padding: .5rem 1rem; background: var(--panel); z-index: 10; }
.skip-link:focus { left: .5rem; top: .5rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }

.topbar { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1.5rem; padding: .5rem 1.25rem;
  background: #17263d; color: #fff; }
.brand { color: #fff; font-weight: 700; font-size: 1.15rem; text-decoration: none; letter-spacing: .02em; }
.topbar nav { flex: 1 1 auto; }
.topbar nav ul { display: flex; flex-wrap: wrap; gap: .25rem; list-style: none; margin: 0; padding: 0; }
.topbar nav a { display: inline-block; padding: .35rem .6rem; border-radius: var(--radius);
  color: #dfe7f3; text-decoration: none; }
.topbar nav a:hover { background: #24385a; color: #fff; }
.topbar nav a[aria-current="page"] { background: #2f4a75; color: #fff; font-weight: 600; }
.user-menu { position: relative; }
.user-menu summary { cursor: pointer; padding: .35rem .6rem; border-radius: var(--radius); list-style: none; }
.user-menu summary::-webkit-details-marker { display: none; }
.user-menu summary::after { content: " ▾"; }
.user-menu summary:hover { background: #24385a; }
.user-menu .profile { color: #b7c4d8; font-size: .85em; }
.user-menu ul { position: absolute; right: 0; top: 2.4rem; min-width: 13rem; margin: 0; padding: .4rem;
  list-style: none; background: var(--panel); color: var(--text); border: 1px solid var(--line);
  border-radius: var(--radius); box-shadow: 0 6px 24px rgb(0 0 0 / .15); z-index: 5; }
.user-menu li a, .user-menu li button { display: block; width: 100%; padding: .45rem .6rem; text-align: left;
  color: var(--text); background: none; border: 0; font: inherit; text-decoration: none; cursor: pointer;
  border-radius: 4px; }
.user-menu li a:hover, .user-menu li button:hover { background: var(--bg); }

main { flex: 1; width: 100%; max-width: 72rem; margin: 0 auto; padding: 1.25rem; }
main:focus { outline: none; }
footer { padding: .75rem 1.25rem; color: var(--muted); font-size: .85rem; text-align: center; }
h1 { font-size: 1.6rem; margin: .25rem 0 1rem; }
h2 { font-size: 1.2rem; margin: 1.5rem 0 .75rem; }

.panel { background: var(--panel); border: 1px solid var(--line); border-radius: var(--radius); padding: 1.25rem;
  margin-bottom: 1.25rem; }
.panel > h2:first-child { margin-top: 0; }
.table-wrap + .panel { margin-top: 1.5rem; }
.narrow { max-width: 26rem; margin: 2rem auto; }
.field { display: flex; flex-direction: column; gap: .3rem; margin-bottom: .9rem; }
.field label { font-weight: 600; }
.field .hint { color: var(--muted); font-size: .85rem; }
.check { display: flex; gap: .5rem; align-items: center; margin-bottom: .9rem; }
input[type="text"], input[type="password"], input[type="number"], select {
  font: inherit; padding: .5rem .6rem; border: 1px solid #a9b3c1; border-radius: var(--radius);
  background: #fff; color: var(--text); min-width: 0; }
button, .button { font: inherit; padding: .5rem 1rem; border-radius: var(--radius); border: 1px solid var(--accent);
  background: var(--accent); color: var(--accent-text); cursor: pointer; text-decoration: none; display: inline-block; }
button.secondary { background: #fff; color: var(--accent); }
button.danger { background: #fff; color: var(--danger); border-color: var(--danger); }
.row-form { display: flex; flex-wrap: wrap; gap: .5rem; align-items: end; }
.row-form .field { margin-bottom: 0; }

.notice { padding: .75rem 1rem; border-radius: var(--radius); margin-bottom: 1rem; border: 1px solid; }
.notice.success { color: var(--ok); background: #edf7f0; border-color: #b6dcc2; }
.notice.error { color: var(--danger); background: #fcefee; border-color: #f0c0bc; }
.notice.info { color: var(--warn); background: #fdf6e6; border-color: #ecd9a6; }
.secret { display: block; padding: .6rem; margin: .5rem 0; background: #17263d; color: #fff; border-radius: var(--radius);
  font-family: ui-monospace, Menlo, Consolas, monospace; word-break: break-all; user-select: all; }

.table-wrap { overflow-x: auto; }
table { width: 100%; border-collapse: collapse; background: var(--panel); }
th, td { text-align: left; padding: .55rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
thead th { font-size: .85rem; text-transform: uppercase; letter-spacing: .03em; color: var(--muted); }
tbody th { font-weight: 600; }
td .row-form { margin-top: .35rem; }
.badge { display: inline-block; padding: .05rem .45rem; border-radius: 999px; font-size: .8rem; background: #e7ecf3; }
.badge.off { background: #fcefee; color: var(--danger); }
.muted { color: var(--muted); }

/* Nothing wider than the screen: long options, codes and names wrap or scroll in place. */
main { min-width: 0; }
.field, .row-form > * { min-width: 0; max-width: 100%; }
select, input, textarea { max-width: 100%; }
/* Positioned: a visually hidden header inside scrolls with the table, not the page. */
.table-wrap { max-width: 100%; position: relative; }
.trace, .breadcrumb, h1, h2, h3 { overflow-wrap: anywhere; }

@media (max-width: 40rem) {
  .topbar { padding: .5rem .75rem; }
  .topbar nav { order: 3; flex-basis: 100%; }
  main { padding: .75rem; }
  .user-menu { margin-left: auto; }
  th.optional, td.optional { display: none; }
}
@media (prefers-reduced-motion: no-preference) { a, button { transition: background-color .12s; } }
`;

/** The stylesheet: the base, then each area's own rules. */
export const CONSOLE_CSS = [
  BASE_CSS,
  LIST_CSS,
  DASHBOARD_CSS,
  COMPUTERS_CSS,
  COMPUTER_CSS,
  DEVICES_CSS,
  SOFTWARE_CSS,
  RULES_CSS,
  TASKS_CSS,
  TREES_CSS,
  SETTINGS_CSS,
  // Last: dark mode overrides the tints above.
  DARK_CSS,
].join("\n");
