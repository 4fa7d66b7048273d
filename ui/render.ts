/**
 * Rendering a page to an HTML5 document.
 *
 * @module
 */

import type { VNode } from "preact";
import { renderToString } from "preact-render-to-string";
import { stripBidiControls } from "./bidi.ts";
import { type I18n, i18n, renderingIn } from "./i18n/format.ts";

/**
 * The page as an HTML document, in `language` (English when none is given), without bidi
 * controls (see bidi.ts).
 */
export function renderDocument(page: VNode, language: I18n = i18n()): string {
  return `<!DOCTYPE html>\n${stripBidiControls(renderingIn(language, () => renderToString(page)))}`;
}
