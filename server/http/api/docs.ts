/**
 * How API routes describe themselves for the OpenAPI document: each resource file exports a
 * list of {@link RouteDoc} next to its routes, in Hono's path syntax, and `openapi.ts` turns them
 * into OpenAPI 3.1. A test checks that the documented routes and Hono's registered routes are
 * the same set, and that each documented right is the one its guard demands.
 *
 * @module
 */

import type { Right } from "../../auth/rights.ts";

/** A JSON Schema (2020-12, as OpenAPI 3.1 uses). */
export type Schema = Record<string, unknown>;

/** One query parameter. */
export interface QueryDoc {
  name: string;
  description: string;
  schema: Schema;
  required?: boolean;
}

/** One route: method and path as registered under `/api/v1`, and what it takes and gives. */
export interface RouteDoc {
  method: "get" | "post" | "patch" | "put" | "delete";
  /** Hono syntax, relative to `/api/v1`: `/computers/:id`. */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  /** The right the route's guard demands, and whether over every entity. */
  right: Right;
  allEntities?: boolean;
  /** Path parameters that are not positive integers (the default), by name. */
  pathParams?: Record<string, { description: string; schema: Schema }>;
  query?: QueryDoc[];
  body?: { schema: Schema; description?: string; contentType?: string; required?: boolean };
  ok: { status: number; description: string; schema?: Schema; contentType?: string };
  /** Error statuses besides 401 and 403 (every route may answer those). */
  errors?: number[];
}

/** A reference to a schema of the document's components. */
export function ref(name: string): Schema {
  return { $ref: `#/components/schemas/${name}` };
}

/** `{ total, limit, offset, items }` of `item`. */
export function pageOf(item: Schema): Schema {
  return {
    type: "object",
    required: ["total", "limit", "offset", "items"],
    properties: {
      total: { type: "integer", description: "how many match, over every page" },
      limit: { type: "integer" },
      offset: { type: "integer" },
      items: { type: "array", items: item },
    },
  };
}

/** The `limit` and `offset` query parameters. */
export function pagingQuery(defaultLimit = 100, max = 1000): QueryDoc[] {
  return [
    {
      name: "limit",
      description: `page size (at most ${max})`,
      schema: { type: "integer", minimum: 1, maximum: max, default: defaultLimit },
    },
    {
      name: "offset",
      description: "rows to skip",
      schema: { type: "integer", minimum: 0, default: 0 },
    },
  ];
}

/** An object schema with the listed properties; `required` names the mandatory ones. */
export function object(properties: Record<string, Schema>, required: string[] = []): Schema {
  return {
    type: "object",
    properties,
    ...(required.length ? { required } : {}),
    additionalProperties: false,
  };
}

/** A free-form object (rows as stored). */
export const ANY_OBJECT: Schema = { type: "object" };
