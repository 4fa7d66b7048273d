/**
 * Rendering a page to an HTML5 document.
 *
 * @module
 */

import type { VNode } from "preact";
import { renderToString } from "preact-render-to-string";
import { type I18n, i18n, renderingIn } from "./i18n/format.ts";

/** The page as an HTML document, in `language` (English when none is given). */
export function renderDocument(page: VNode, language: I18n = i18n()): string {
  return `<!DOCTYPE html>\n${renderingIn(language, () => renderToString(page))}`;
}
