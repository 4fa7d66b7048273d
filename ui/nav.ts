/**
 * The console's main navigation as data: label, address, and the right that shows it.
 *
 * @module
 */

import type { Right } from "../server/auth/rights.ts";

/** One navigation entry. */
export interface NavItem {
  key: string;
  label: string;
  href: string;
  /** Hidden from principals without this right. */
  right: Right;
}

/** The navigation, in order. */
export const NAV_ITEMS: readonly NavItem[] = [
  { key: "dashboard", label: "Dashboard", href: "/", right: "read" },
  { key: "computers", label: "Computers", href: "/computers", right: "read" },
  { key: "devices", label: "Devices", href: "/devices", right: "read" },
  { key: "software", label: "Software", href: "/software", right: "read" },
  { key: "history", label: "History", href: "/history", right: "read" },
  { key: "entities", label: "Entities", href: "/entities", right: "read" },
  { key: "locations", label: "Locations", href: "/locations", right: "read" },
  { key: "rules", label: "Rules", href: "/rules", right: "rules" },
  { key: "tasks", label: "Tasks", href: "/tasks", right: "tasks" },
  { key: "sources", label: "Sources", href: "/sources", right: "settings" },
  { key: "trash", label: "Trash", href: "/trash", right: "trash" },
  { key: "settings", label: "Settings", href: "/settings", right: "settings" },
  { key: "users", label: "Users", href: "/users", right: "users" },
];
