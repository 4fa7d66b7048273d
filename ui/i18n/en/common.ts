/** Words every page uses, the layout, lists and charts (English). */

const n = (x: number) => x.toLocaleString("en");
const s = (x: number, one: string, many: string) => `${n(x)} ${x === 1 ? one : many}`;

export const common = {
  product: "inventory",
  skipToContent: "Skip to content",
  mainNav: "Main",
  accountMenuFor: "Account menu for",
  preferences: "Preferences",
  apiTokens: "API tokens",
  changePassword: "Change password",
  signOut: "Sign out",
  save: "Save",
  cancel: "Cancel",
  delete: "Delete",
  edit: "Edit",
  search: "Search",
  filter: "Filter",
  exportCsv: "Export CSV",
  apply: "Apply",
  clear: "Clear",
  back: "Back",
  yes: "Yes",
  no: "No",
  none: "None",
  unknown: "Unknown",
  all: "All",
  any: "Any",
  name: "Name",
  total: "Total",
  dash: "–",
  never: "never",
  breadcrumb: "Breadcrumb",
  downloadCsv: "Download CSV",
  separator: " · ",
  pages: "Pages",
  range: (first: number, last: number, total: number) => `${n(first)}–${n(last)} of ${n(total)}`,
  first: "« First",
  previous: "‹ Previous",
  next: "Next ›",
  last: "Last »",
  pageOf: (page: number, pages: number) => `Page ${n(page)} of ${n(pages)}`,
  computers: (x: number) => s(x, "computer", "computers"),
  items: (x: number) => s(x, "item", "items"),
  notFoundTitle: "Page not found",
  notFoundMessage: "There is no page at this address.",
  goToDashboard: "Go to the dashboard",
  backToDashboard: "Back to the dashboard",
  signInFirst: "Sign in first",
  notSignedIn: "You are not signed in.",
  signIn: "Sign in",
  formTooLarge: "Form too large",
  notAllowed: "Not allowed",
  badRequest: "Bad request",
  somethingWrong: "Something went wrong",
  formExpired: "This form has expired or came from another site. Reload the page and try again.",
  changePasswordFirst: "Change your password first",
  scopeTooNarrow: (right: string) =>
    `Your profile is limited to some entities; this needs "${right}" over every entity`,
  rightMissing: (right: string) => `Your profile does not allow this (needs "${right}")`,
};

export const units = {
  bytes: ["B", "KB", "MB", "GB", "TB", "PB"],
};

export const charts = {
  share: "Share",
  other: (count: number) => `Other (${n(count)})`,
  noValues: (unit: string) => `No ${unit}.`,
  valueOf: (label: string, value: number, unit: string, share: string) =>
    `${label}: ${n(value)} ${unit} (${share})`,
  showAsTable: "Show as a table",
  none: "(none)",
};
