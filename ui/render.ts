/**
 * Rendering a page to an HTML5 document.
 *
 * @module
 */

import type { VNode } from "preact";
import { renderToString } from "preact-render-to-string";

/** The page as an HTML document. */
export function renderDocument(page: VNode): string {
  return `<!DOCTYPE html>\n${renderToString(page)}`;
}
