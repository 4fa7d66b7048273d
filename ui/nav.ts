/**
 * The console's main navigation as data: label, address, the right that shows it, and whether
 * its page exists yet (placeholders are shown greyed out, not linked).
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
  /** False until the page is built. */
  ready: boolean;
}

/** The navigation, in order. */
export const NAV_ITEMS: readonly NavItem[] = [
  { key: "dashboard", label: "Dashboard", href: "/", right: "read", ready: true },
  { key: "computers", label: "Computers", href: "/computers", right: "read", ready: true },
  { key: "devices", label: "Devices", href: "/devices", right: "read", ready: true },
  { key: "software", label: "Software", href: "/software", right: "read", ready: true },
  { key: "rules", label: "Rules", href: "/rules", right: "rules", ready: true },
  { key: "tasks", label: "Tasks", href: "/tasks", right: "tasks", ready: true },
  { key: "trash", label: "Trash", href: "/trash", right: "trash", ready: true },
  { key: "settings", label: "Settings", href: "/settings", right: "settings", ready: true },
  { key: "users", label: "Users", href: "/users", right: "users", ready: true },
];
