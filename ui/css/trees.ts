/**
 * Styles of the entity and location pages, appended to the console stylesheet (ui/styles.ts).
 *
 * @module
 */

/** The tree pages' styles: each level indented (no inline styles: the CSP forbids them). */
export const TREES_CSS = `
table.tree .num { text-align: right; white-space: nowrap; }
table.tree .tree-name { font-weight: normal; overflow-wrap: break-word; min-width: 9rem; }
${
  Array.from({ length: 8 }, (_, i) =>
    `table.tree .depth-${i + 1} { padding-inline-start: ${(0.6 + i * 1.1).toFixed(1)}rem; }`)
    .join("\n")
}
table.tree .depth-1 a { font-weight: 600; }
`;
