/**
 * CSRF protection for requests that a browser's cookie authenticates: the request must not come
 * from another site (Origin, Sec-Fetch-Site, when the browser sends them) and must carry the
 * session's token — the `_csrf` field every console form embeds, or the `X-CSRF-Token` header.
 * Bearer-token requests need none of this: a browser never adds that header by itself.
 *
 * @module
 */

import type { Context } from "hono";
import { OcsProtocolError } from "../../protocol/mod.ts";
import { sameSecret } from "../auth/secrets.ts";
import { readBodyCapped } from "./body.ts";
import type { AppEnv } from "./env.ts";

/** The form field that carries the token. */
export const CSRF_FIELD = "_csrf";
/** The header that carries the token (scripts, API calls with the cookie). */
export const CSRF_HEADER = "x-csrf-token";
/** Console forms are small; anything bigger is refused (413) without being read whole. */
export const MAX_FORM_BYTES = 64 * 1024;
/** How many maximum-size inventory bodies one console upload (multipart) form may carry in all. */
export const UPLOAD_BODIES_CAP = 8;

/** Methods that change nothing. */
export function isSafeMethod(method: string): boolean {
  return method === "GET" || method === "HEAD" || method === "OPTIONS";
}

/** The outcome of a check (`tooLarge`: the form is over its cap, answer 413). */
export type CsrfCheck = { ok: true } | { ok: false; reason: string; tooLarge?: true };

/** A console form over {@link MAX_FORM_BYTES}: answered 413. */
export class FormTooLargeError extends Error {
  constructor() {
    super(`The form is over the ${MAX_FORM_BYTES / 1024} KiB limit of console forms`);
    this.name = "FormTooLargeError";
  }
}

/** Refuses a request that another site made the browser send. */
export function checkSameOrigin(c: Context<AppEnv>): CsrfCheck {
  const site = c.req.header("sec-fetch-site");
  if (site !== undefined && site !== "same-origin" && site !== "none") {
    return { ok: false, reason: `cross-site request (Sec-Fetch-Site: ${site})` };
  }
  const origin = c.req.header("origin");
  if (origin !== undefined && origin !== new URL(c.req.url).origin) {
    return { ok: false, reason: `request from another origin (${origin})` };
  }
  return { ok: true };
}

/**
 * Checks a state-changing request against `expected` (the session's token). For a form post the
 * form is read here (capped) and kept in `c.var.form` for the handler.
 */
export async function checkCsrf(
  c: Context<AppEnv>,
  expected: string,
  options: { maxMultipartBytes?: number } = {},
): Promise<CsrfCheck> {
  const origin = checkSameOrigin(c);
  if (!origin.ok) return origin;
  const header = c.req.header(CSRF_HEADER);
  let sent: string | undefined;
  try {
    sent = header ?? (await readForm(c))?.get(CSRF_FIELD) ?? undefined;
  } catch (error) {
    if (error instanceof FormTooLargeError) {
      return { ok: false, reason: error.message, tooLarge: true };
    }
    throw error;
  }
  // A file upload from a form without JavaScript carries the token as a multipart field.
  if (sent === undefined && options.maxMultipartBytes !== undefined && isMultipart(c)) {
    let form: FormData | null;
    try {
      form = await readMultipart(c, options.maxMultipartBytes);
    } catch {
      return { ok: false, reason: `unreadable upload, or over ${options.maxMultipartBytes} bytes` };
    }
    const field = form?.get(CSRF_FIELD);
    sent = typeof field === "string" ? field : undefined;
  }
  if (sent === undefined || sent === "") return { ok: false, reason: "no CSRF token" };
  if (!sameSecret(sent, expected)) return { ok: false, reason: "wrong CSRF token" };
  return { ok: true };
}

/**
 * The request's urlencoded form, read once and kept; null when the body is not a urlencoded form
 * (or cannot be read).
 *
 * @throws {FormTooLargeError} when the form is over {@link MAX_FORM_BYTES}
 */
export async function readForm(c: Context<AppEnv>): Promise<URLSearchParams | null> {
  const cached = c.get("form");
  if (cached) return cached;
  const type = c.req.header("content-type") ?? "";
  if (!type.toLowerCase().startsWith("application/x-www-form-urlencoded")) return null;
  let bytes: Uint8Array;
  try {
    bytes = await readBodyCapped(c.req.raw, MAX_FORM_BYTES);
  } catch (error) {
    if (error instanceof OcsProtocolError && error.status === 413) throw new FormTooLargeError();
    return null;
  }
  const form = new URLSearchParams(new TextDecoder().decode(bytes));
  c.set("form", form);
  return form;
}

function isMultipart(c: Context<AppEnv>): boolean {
  return (c.req.header("content-type") ?? "").toLowerCase().startsWith("multipart/form-data");
}

/**
 * The request's multipart form (a file upload), read once (at most `maxBytes`) and kept; null
 * when the body is not multipart. Throws when the body is over the cap or not a readable form.
 */
export async function readMultipart(
  c: Context<AppEnv>,
  maxBytes: number,
): Promise<FormData | null> {
  const cached = c.get("multipart");
  if (cached) return cached;
  if (!isMultipart(c)) return null;
  const bytes = await readBodyCapped(c.req.raw, maxBytes);
  const form = await new Response(bytes, {
    headers: { "content-type": c.req.header("content-type")! },
  }).formData();
  c.set("multipart", form);
  return form;
}
