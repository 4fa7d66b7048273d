/** The French catalogue, checked key by key against the English one. */

import type { en } from "../en/mod.ts";
import { tokens, users } from "./accounts.ts";
import { charts, common, units } from "./common.ts";
import { computer } from "./computer.ts";
import { devices } from "./devices.ts";
import { devicePages } from "./device_pages.ts";
import { events } from "./events.ts";
import { history } from "./history.ts";
import { columns, computersList, savedSearches } from "./computers.ts";
import { auth, dashboard, nav, preferences } from "./pages.ts";
import { rules, ruleSpecs } from "./rules.ts";
import { settings } from "./settings.ts";
import { software } from "./software.ts";
import { tasks } from "./tasks.ts";
import { trees } from "./trees.ts";

export const fr: typeof en = {
  common,
  units,
  charts,
  nav,
  auth,
  preferences,
  dashboard,
  tasks,
  columns,
  computersList,
  computer,
  rules,
  ruleSpecs,
  devices,
  devicePages,
  software,
  settings,
  users,
  tokens,
  events,
  history,
  trees,
  savedSearches,
};
