/**
 * Rendering a page to an HTML5 document.
 *
 * @module
 */

import type { VNode } from "preact";
import { renderToString } from "preact-render-to-string";
import { stripBidiControls } from "./bidi.ts";

/** The page as an HTML document (without bidi controls: see bidi.ts). */
export function renderDocument(page: VNode): string {
  return `<!DOCTYPE html>\n${stripBidiControls(renderToString(page))}`;
}
