/**
 * For the console tests over the real app (`createApp(ctx).fetch`, no server process): requests
 * as a browser at 127.0.0.1 sends them, signed in with a test user's session cookie, form posts
 * carrying the session's CSRF token, and the fields a rendered form would post back.
 *
 * @module
 */

import type { ServerContext } from "../../server/context.ts";
import { createApp } from "../../server/http/app.ts";
import type { TestUser } from "./auth.ts";

/** The origin the console is reached at in these tests (posts name it as their `Origin`). */
export const CONSOLE_ORIGIN = "http://console.test";

/** Form fields as a browser posts them, in order (a name may repeat). */
export type FormFields = Record<string, string> | [string, string][];

/** A response read whole. */
export interface ConsoleAnswer {
  status: number;
  /** The `Location` header (a redirect after a post), or null. */
  location: string | null;
  html: string;
}

/** A request to `app` as a browser at 127.0.0.1 sends it (anonymous unless `init` says). */
export function consoleRequest(
  app: ReturnType<typeof createApp>,
  path: string,
  init: RequestInit = {},
): Promise<Response> {
  return Promise.resolve(
    app.fetch(new Request(CONSOLE_ORIGIN + path, init), { ip: "127.0.0.1" }),
  );
}

/** Reads `response` whole. */
export async function readAnswer(response: Response): Promise<ConsoleAnswer> {
  return {
    status: response.status,
    location: response.headers.get("location"),
    html: await response.text(),
  };
}

/** The console as a browser signed in as one user reaches it. */
export interface ConsoleSession {
  user: TestUser;
  /** Any request, with the session cookie added. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  get(path: string): Promise<Response>;
  /** A form post carrying the session's CSRF token (unless `csrf` is false). */
  post(path: string, fields?: FormFields, options?: { csrf?: boolean }): Promise<Response>;
  /** A multipart form post (the token, when wanted, is one of the form's fields). */
  upload(path: string, form: FormData): Promise<Response>;
  /** `get`, read whole. */
  page(path: string): Promise<ConsoleAnswer>;
  /** `post` with the CSRF token, read whole. */
  submit(path: string, fields?: FormFields): Promise<ConsoleAnswer>;
}

/** `user`'s console session on `ctx`'s app. */
export function signedIn(ctx: ServerContext, user: TestUser): ConsoleSession {
  const app = createApp(ctx);
  const fetch = (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set("cookie", user.cookie);
    return consoleRequest(app, path, { ...init, headers });
  };
  const post: ConsoleSession["post"] = (path, fields = [], options = {}) => {
    const body = new URLSearchParams(fields);
    if (options.csrf !== false) body.set("_csrf", user.csrfToken);
    return fetch(path, { method: "POST", headers: { origin: CONSOLE_ORIGIN }, body });
  };
  return {
    user,
    fetch,
    get: (path) => fetch(path),
    post,
    upload: (path, form) =>
      fetch(path, { method: "POST", headers: { origin: CONSOLE_ORIGIN }, body: form }),
    page: async (path) => readAnswer(await fetch(path)),
    submit: async (path, fields) => readAnswer(await post(path, fields)),
  };
}

/** Undoes the HTML escaping of an attribute value or a text. */
export function unescapeHtml(text: string): string {
  return text.replaceAll("&quot;", '"').replaceAll("&lt;", "<").replaceAll("&gt;", ">")
    .replaceAll("&#39;", "'").replaceAll("&amp;", "&");
}

/**
 * The fields the form posting to `action` (else the first form, or the whole page) would post as
 * rendered: inputs with their values (checkboxes only when checked), textareas, and the selected
 * option of each select. The CSRF token is left out: the session's `post` adds it.
 */
export function formFields(html: string, action?: string): [string, string][] {
  const form = action === undefined
    ? html
    : html.split(`action="${action}"`)[1]?.split("</form>")[0] ?? "";
  const fields: [string, string][] = [];
  for (const m of form.matchAll(/<input ([^>]*)>/g)) {
    const attrs = m[1]!;
    const name = /name="([^"]+)"/.exec(attrs)?.[1];
    if (!name || name === "_csrf") continue;
    if (/type="(checkbox|radio)"/.test(attrs)) {
      if (/\bchecked\b/.test(attrs)) fields.push([name, unescapeHtml(valueOf(attrs) ?? "on")]);
    } else if (!/type="(submit|button|file)"/.test(attrs)) {
      fields.push([name, unescapeHtml(valueOf(attrs) ?? "")]);
    }
  }
  for (const m of form.matchAll(/<textarea [^>]*name="([^"]+)"[^>]*>([^<]*)<\/textarea>/g)) {
    fields.push([m[1]!, unescapeHtml(m[2]!)]);
  }
  for (const m of form.matchAll(/<select [^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const selected = /<option\s+value="([^"]*)"\s*selected/.exec(m[2]!)?.[1] ?? "";
    fields.push([m[1]!, unescapeHtml(selected)]);
  }
  return fields;
}

function valueOf(attrs: string): string | undefined {
  return /value="([^"]*)"/.exec(attrs)?.[1];
}
