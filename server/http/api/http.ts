/**
 * What every `/api/v1` handler shares: typed client errors ({@link ApiFailure}) and the wrapper
 * that turns them, and the registry's validation errors, into JSON `{status, message, data}`;
 * reading a JSON body, ids and paging; and the caller's entity scope.
 *
 * Handlers are wrapped with {@link api} rather than given an `onError` on their sub-app: Hono
 * wraps the routes of a sub-app that has its own error handler, which would hide the guards that
 * tests/auth_routes_test.ts finds among a route's handlers.
 *
 * @module
 */

import type { Context } from "hono";
import { RuleValidationError } from "../../../rules/mod.ts";
import { entityIdsVisibleTo } from "../../auth/entity_scope.ts";
import type { ServerContext } from "../../context.ts";
import { RegistryError } from "../../registry/sync.ts";
import { TaskSettingError } from "../../tasks/errors.ts";
import { apiError } from "../api_error.ts";
import { readBodyCapped } from "../body.ts";
import { httpErrorOf } from "../errors.ts";
import type { AppEnv } from "../env.ts";
import { authOf } from "../guards.ts";
import { limitOffsetParams, type Paging, PagingError } from "../list_params.ts";

/** A client error with its status; `data` says which field or ids were wrong. */
export class ApiFailure extends Error {
  override name = "ApiFailure";
  constructor(
    readonly status: number,
    message: string,
    readonly data: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** 400 for a bad field, naming it in the message and in `data.field`. */
export function badField(field: string, message: string): ApiFailure {
  return new ApiFailure(400, `${field}: ${message}`, { field });
}

/** 404 for a missing (or out-of-scope: the caller cannot tell) resource. */
export function notFound(message: string, data: Record<string, unknown> = {}): ApiFailure {
  return new ApiFailure(404, message, data);
}

type Handler = (c: Context<AppEnv>) => Promise<Response>;

/** Wraps a handler: known client errors become JSON errors; anything else goes to the app (500). */
export function api(handler: Handler): Handler {
  return async (c) => {
    try {
      return await handler(c);
    } catch (error) {
      const known = clientErrorOf(error);
      if (known) return apiError(known.status, known.message, known.data);
      throw error;
    }
  };
}

/** The JSON error for an error the client caused, or undefined for ours. */
export function clientErrorOf(
  error: unknown,
): { status: number; message: string; data: Record<string, unknown> } | undefined {
  if (error instanceof ApiFailure) {
    return { status: error.status, message: error.message, data: error.data };
  }
  if (error instanceof PagingError) {
    const field = /^(\w+)/.exec(error.message)?.[1] ?? "paging";
    return { status: 400, message: error.message, data: { field } };
  }
  if (error instanceof RuleValidationError) {
    return {
      status: 400,
      message: error.message,
      data: { problems: error.problems, field: error.problems[0]?.path ?? "" },
    };
  }
  if (error instanceof RegistryError || error instanceof TaskSettingError) {
    const field = /^(\w+):/.exec(error.message)?.[1];
    return { status: 400, message: error.message, data: field ? { field } : {} };
  }
  return undefined;
}

/** The request body as a JSON object; 400 when it is not JSON or not an object. */
export async function jsonObject(c: Context<AppEnv>): Promise<Record<string, unknown>> {
  return asObject(await jsonBody(c));
}

/** The most a JSON body may weigh: a bulk request of 100,000 ids fits well. */
export const MAX_JSON_BYTES = 8 * 1024 * 1024;

/** The body as text, refused with 413 past {@link MAX_JSON_BYTES}. */
export async function jsonText(c: Context<AppEnv>): Promise<string> {
  try {
    return new TextDecoder().decode(await readBodyCapped(c.req.raw, MAX_JSON_BYTES));
  } catch (error) {
    const { status, reason } = httpErrorOf(error);
    if (status === 413) throw new ApiFailure(413, reason, { limit: MAX_JSON_BYTES });
    throw error;
  }
}

/** The request body as a JSON object, or `{}` when there is no body (optional bodies). */
export async function optionalJsonObject(c: Context<AppEnv>): Promise<Record<string, unknown>> {
  const text = await jsonText(c);
  return text.trim() === "" ? {} : asObject(parseJson(text));
}

function asObject(value: unknown): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new ApiFailure(400, "The body must be a JSON object", { field: "(body)" });
  }
  return value as Record<string, unknown>;
}

/** The request body as JSON; 400 when it does not parse. */
export async function jsonBody(c: Context<AppEnv>): Promise<unknown> {
  const text = await jsonText(c);
  if (text.trim() === "") throw new ApiFailure(400, "A JSON body is required", { field: "(body)" });
  return parseJson(text);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ApiFailure(400, `The body is not valid JSON: ${(error as Error).message}`, {
      field: "(body)",
    });
  }
}

/** Refuses keys of `body` not in `allowed`, naming the first one. */
export function onlyKeys(body: Record<string, unknown>, allowed: readonly string[]): void {
  for (const key of Object.keys(body)) {
    if (!allowed.includes(key)) {
      throw badField(key, `unknown field (expected ${allowed.join(", ")})`);
    }
  }
}

/** A positive whole-number path parameter; 404 when it is not one (no such resource). */
export function idParam(c: Context<AppEnv>, name = "id", what = "resource"): number {
  const text = c.req.param(name) ?? "";
  if (!/^[1-9]\d{0,15}$/.test(text)) throw notFound(`No ${what} "${text}"`);
  return Number(text);
}

/** A positive whole-number query parameter, or undefined when absent. */
export function idQuery(c: Context<AppEnv>, name: string): number | undefined {
  const text = c.req.query(name);
  if (text === undefined || text === "") return undefined;
  if (!/^[1-9]\d{0,15}$/.test(text)) throw badField(name, "expected a positive whole number");
  return Number(text);
}

/** A `true`/`false` query parameter. */
export function boolQuery(c: Context<AppEnv>, name: string, fallback: boolean): boolean {
  const text = c.req.query(name);
  if (text === undefined || text === "") return fallback;
  if (text === "true" || text === "1") return true;
  if (text === "false" || text === "0") return false;
  throw badField(name, "expected true or false");
}

/** One of `values` as a query parameter. */
export function enumQuery<T extends string>(
  c: Context<AppEnv>,
  name: string,
  values: readonly T[],
): T | undefined {
  const text = c.req.query(name);
  if (text === undefined || text === "") return undefined;
  if (!(values as readonly string[]).includes(text)) {
    throw badField(name, `expected one of ${values.join(", ")}`);
  }
  return text as T;
}

/** `limit`/`offset` paging; 400 for bad values. */
export function paging(c: Context<AppEnv>, options: { limit?: number; max?: number } = {}): Paging {
  return limitOffsetParams((name) => c.req.query(name), options);
}

/** A list that is never paged (a collection's rules, the tasks), in the one list shape. */
export function whole<T>(items: T[]) {
  return { total: items.length, limit: items.length, offset: 0, items };
}

/** A list page in the API's shape. */
export function page<T>(total: number, paging: Paging, items: T[]) {
  return { total, limit: paging.limit, offset: paging.offset, items };
}

/** The entity ids the caller sees, or undefined for every entity (the registry's convention). */
export async function visibleEntities(
  ctx: ServerContext,
  c: Context<AppEnv>,
): Promise<number[] | undefined> {
  const ids = await entityIdsVisibleTo(ctx.db, authOf(c).principal);
  return ids === "all" ? undefined : ids;
}

/** Who acts, for history. */
export function actorOf(c: Context<AppEnv>): string {
  return authOf(c).principal.login;
}
