/** The fleet-wide history page (English). */

const n = (x: number) => x.toLocaleString("en");

export const history = {
  title: "History",
  intro:
    "Every recorded change of every computer: created, linked, fields, components and software, locks, trash and restore, newest first.",
  filterLabel: "Filter the history",
  computer: "Computer",
  computerHint: "Part of its name",
  kind: "Change",
  allKinds: "All changes",
  field: "Field or item",
  fieldHint: "A field, a software or component name",
  source: "Made by",
  allSources: "Anyone",
  actor: "User login",
  from: "From",
  to: "To",
  filter: "Filter",
  clear: "Clear filters",
  csv: "Export CSV",
  caption: "Changes of every computer, newest first",
  headers: ["When", "Computer", "Change", "What", "Before", "After", "Made by", "User"],
  none: "No change matches.",
  trashed: "in the trash",
  moreThan: (first: number, last: number, total: number) =>
    `${n(first)}–${n(last)} of more than ${n(total)}`,
  badKind: (value: string) => `Unknown kind of change \u201c${value}\u201d: every kind is shown.`,
  badSource: (value: string) => `Unknown author \u201c${value}\u201d: every author is shown.`,
  badDate: (value: string) => `\u201c${value}\u201d is not a date (YYYY-MM-DD): it is ignored.`,
  backwards: "The start date comes after the end date: nothing can match.",
  link: "Fleet history",
};
