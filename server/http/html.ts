/**
 * Console responses: a rendered page with no caching of personal pages, and headers that forbid
 * scripts, framing and foreign form targets (the console uses no JavaScript).
 *
 * @module
 */

import type { Context } from "hono";
import type { VNode } from "preact";
import { renderDocument } from "../../ui/render.ts";
import type { AppEnv } from "./env.ts";
import { i18nOf } from "./i18n.ts";

/** Security headers of every console page. */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  "cache-control": "no-store",
  "content-security-policy":
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; " +
    "frame-ancestors 'none'; base-uri 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "same-origin",
  "x-frame-options": "DENY",
};

/** Answers with `page` (cookies set on `c` are kept). */
export function sendPage(
  c: Context<AppEnv>,
  page: VNode,
  status: 200 | 400 | 401 | 403 | 404 | 409 | 413 | 429 | 500 = 200,
  headers: Record<string, string> = {},
): Response {
  const language = i18nOf(c);
  return c.html(renderDocument(page, language), status, {
    ...PAGE_HEADERS,
    "content-language": language.locale,
    vary: "accept-language, cookie",
    ...headers,
  });
}

/** A 303 redirect after a form post (cookies set on `c` are kept). */
export function seeOther(c: Context<AppEnv>, location: string): Response {
  return c.redirect(location, 303);
}
