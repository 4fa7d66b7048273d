/**
 * `/api/v1/sources`: existing OCS servers read as sources — list, add (tested first), one with
 * its counts and last errors, change, remove, test, synchronise now. Passwords go in (in the URL
 * or as an environment variable's name) and never come out. Sources feed every entity: reading
 * needs a profile over every entity, changing the `settings` right.
 *
 * @module
 */

import { type Context, Hono } from "hono";
import type { ServerContext } from "../../context.ts";
import { SourceError } from "../../sources/ocs/connection.ts";
import { syncSource } from "../../sources/ocs/sync.ts";
import { testNewSource, testSource } from "../../sources/service.ts";
import {
  addSource,
  findSource,
  listSources,
  removeSource,
  sourceErrors,
  type SourceOptions,
  type SourceRow,
  sourceView,
  updateSource,
} from "../../sources/store.ts";
import type { AppEnv } from "../env.ts";
import { requireRight } from "../guards.ts";
import { ANY_OBJECT, object, pageOf, type RouteDoc } from "./docs.ts";
import { api, ApiFailure, badField, jsonObject, notFound, onlyKeys, whole } from "./http.ts";

const OPTION_KEYS = [
  "entity",
  "tag_location",
  "tag_entity",
  "skip",
  "software_dictionary",
  "settle_seconds",
  "every_seconds",
];

/** Source problems are the caller's to fix: 400 with the one-line message. */
async function sourceCall<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof SourceError) throw new ApiFailure(400, error.message);
    throw error;
  }
}

function bool(body: Record<string, unknown>, key: string): boolean | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (typeof value !== "boolean") throw badField(key, "expected true or false");
  return value;
}

function str(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (typeof value !== "string") throw badField(key, "expected a string");
  return value;
}

function optionsOfBody(
  body: Record<string, unknown>,
): Partial<SourceOptions> & { entity?: string | null } {
  const out: Partial<SourceOptions> & { entity?: string | null } = {};
  if (body.entity !== undefined) {
    if (body.entity !== null && typeof body.entity !== "string") {
      throw badField("entity", "expected an entity name, or null for the entity rules");
    }
    out.entity = body.entity as string | null;
  }
  const tagLocation = bool(body, "tag_location");
  if (tagLocation !== undefined) out.tagLocation = tagLocation;
  const tagEntity = bool(body, "tag_entity");
  if (tagEntity !== undefined) out.tagEntity = tagEntity;
  const dict = bool(body, "software_dictionary");
  if (dict !== undefined) out.softwareDictionary = dict;
  if (body.settle_seconds !== undefined) {
    if (!Number.isSafeInteger(body.settle_seconds)) {
      throw badField("settle_seconds", "expected a whole number of seconds");
    }
    out.settleSeconds = body.settle_seconds as number;
  }
  if (body.every_seconds !== undefined) {
    if (!Number.isSafeInteger(body.every_seconds)) {
      throw badField("every_seconds", "expected a whole number of seconds (at least 60)");
    }
    out.everySeconds = body.every_seconds as number;
  }
  if (body.skip !== undefined) {
    if (!Array.isArray(body.skip) || body.skip.some((s) => typeof s !== "string")) {
      throw badField("skip", "expected an array of section names");
    }
    out.skip = body.skip as string[];
  }
  return out;
}

/** The `/sources` routes. */
export function sourcesApi(ctx: ServerContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const read = requireRight(ctx, "read", { allEntities: true });
  const write = requireRight(ctx, "settings");
  const known = async (c: Context<AppEnv>): Promise<SourceRow> => {
    const name = c.req.param("name") ?? "";
    const row = await findSource(ctx.db, name);
    if (!row) throw notFound(`No source "${name}"`);
    return row;
  };

  app.get(
    "/sources",
    read,
    api(async (c) => {
      const items = await listSources(ctx.db);
      return c.json(whole(items));
    }),
  );

  app.post(
    "/sources",
    write,
    api(async (c) => {
      const body = await jsonObject(c);
      onlyKeys(body, ["name", "kind", "url", "password_env", "enabled", "test", ...OPTION_KEYS]);
      const name = str(body, "name");
      const url = str(body, "url");
      if (!name) throw badField("name", "required");
      if (!url) throw badField("url", "required: mysql://USER:PASSWORD@HOST:PORT/ocsweb");
      if ((body.kind ?? "ocs") !== "ocs") throw badField("kind", 'only "ocs"');
      const passwordEnv = str(body, "password_env");
      const enabled = bool(body, "enabled");
      const row = await sourceCall(async () => {
        if (bool(body, "test") !== false) {
          await testNewSource(url, passwordEnv ? { passwordEnv } : {});
        }
        return await addSource(ctx.db, ctx.config.dataDir, {
          name,
          kind: "ocs",
          url,
          ...(passwordEnv ? { passwordEnv } : {}),
          ...(enabled !== undefined ? { enabled } : {}),
          options: optionsOfBody(body),
        }, ctx.now());
      });
      return c.json(await sourceView(ctx.db, row), 201);
    }),
  );

  app.get(
    "/sources/:name",
    read,
    api(async (c) => {
      const row = await known(c);
      return c.json({
        ...await sourceView(ctx.db, row),
        lastErrors: await sourceErrors(ctx.db, row.id, 50),
      });
    }),
  );

  app.patch(
    "/sources/:name",
    write,
    api(async (c) => {
      const row = await known(c);
      const body = await jsonObject(c);
      onlyKeys(body, ["url", "password_env", "enabled", ...OPTION_KEYS]);
      const url = str(body, "url");
      const enabled = bool(body, "enabled");
      if (body.password_env !== undefined && body.password_env !== null) str(body, "password_env");
      const updated = await sourceCall(() =>
        updateSource(ctx.db, ctx.config.dataDir, row, {
          ...(url !== undefined ? { url } : {}),
          ...(body.password_env !== undefined
            ? { passwordEnv: (body.password_env as string | null) || null }
            : {}),
          ...(enabled !== undefined ? { enabled } : {}),
          options: optionsOfBody(body),
        }, ctx.now())
      );
      return c.json(await sourceView(ctx.db, updated));
    }),
  );

  app.delete(
    "/sources/:name",
    write,
    api(async (c) => {
      const row = await known(c);
      await removeSource(ctx.db, row);
      return c.json({ removed: row.name });
    }),
  );

  app.post(
    "/sources/:name/test",
    write,
    api(async (c) => {
      const row = await known(c);
      const check = await sourceCall(() => testSource(ctx, row));
      return c.json({ ok: true, ...check });
    }),
  );

  app.post(
    "/sources/:name/sync",
    write,
    api(async (c) => {
      const row = await known(c);
      const limit = c.req.query("limit");
      if (limit !== undefined && !/^\d+$/.test(limit)) throw badField("limit", "a whole number");
      const result = await sourceCall(() =>
        syncSource(ctx, row, limit ? { limit: Number(limit) } : {})
      );
      return c.json(result);
    }),
  );

  return app;
}

const NAME = { name: { description: "source name", schema: { type: "string" } } };
const SOURCE = object({
  id: { type: "integer" },
  name: { type: "string" },
  kind: { type: "string" },
  url: { type: "string", description: "without the password" },
  password: { type: "string", description: '"stored", "env:VAR" or "none"' },
  enabled: { type: "boolean" },
  options: ANY_OBJECT,
  lastSyncAt: { type: ["string", "null"] },
  lastStatus: { type: ["string", "null"] },
  lastMessage: { type: ["string", "null"] },
  ocsVersion: { type: ["string", "null"] },
  counts: ANY_OBJECT,
});
const SOURCE_BODY = object({
  name: { type: "string" },
  kind: { type: "string", enum: ["ocs"] },
  url: { type: "string", description: "mysql://USER:PASSWORD@HOST:PORT/ocsweb" },
  password_env: { type: ["string", "null"] },
  enabled: { type: "boolean" },
  test: { type: "boolean", description: "test before adding (default true)" },
  entity: { type: ["string", "null"] },
  tag_location: { type: "boolean" },
  tag_entity: { type: "boolean" },
  skip: { type: "array", items: { type: "string" } },
  software_dictionary: { type: "boolean" },
  settle_seconds: {
    type: "integer",
    description: "computers inventoried less than this ago wait (default 180)",
  },
  every_seconds: {
    type: "integer",
    description: "this source's automatic synchronisation period (default 60, at least 60)",
  },
});

/** The OpenAPI description of these routes. */
export const SOURCE_DOCS: RouteDoc[] = [
  {
    method: "get",
    path: "/sources",
    tag: "sources",
    summary: "Every OCS source with its counts and last synchronisation",
    right: "read",
    allEntities: true,
    ok: {
      status: 200,
      description: "the sources",
      schema: pageOf(SOURCE),
    },
  },
  {
    method: "post",
    path: "/sources",
    tag: "sources",
    summary: "Add an OCS source (connection, schema and TRACE_DELETED tested first)",
    right: "settings",
    body: { schema: SOURCE_BODY },
    ok: { status: 201, description: "the source", schema: SOURCE },
    errors: [400],
  },
  {
    method: "get",
    path: "/sources/:name",
    tag: "sources",
    summary: "A source with its counts and last errors (with the OCS id)",
    right: "read",
    allEntities: true,
    pathParams: NAME,
    ok: { status: 200, description: "the source", schema: SOURCE },
    errors: [404],
  },
  {
    method: "patch",
    path: "/sources/:name",
    tag: "sources",
    summary: "Change a source's URL, password reference, state or options",
    right: "settings",
    pathParams: NAME,
    body: { schema: SOURCE_BODY },
    ok: { status: 200, description: "the source after the change", schema: SOURCE },
    errors: [400, 404],
  },
  {
    method: "delete",
    path: "/sources/:name",
    tag: "sources",
    summary: "Remove a source (its computers stay)",
    right: "settings",
    pathParams: NAME,
    ok: { status: 200, description: "removed", schema: ANY_OBJECT },
    errors: [404],
  },
  {
    method: "post",
    path: "/sources/:name/test",
    tag: "sources",
    summary: "Test the connection, the schema version and TRACE_DELETED",
    right: "settings",
    pathParams: NAME,
    ok: { status: 200, description: "what the test found", schema: ANY_OBJECT },
    errors: [400, 404],
  },
  {
    method: "post",
    path: "/sources/:name/sync",
    tag: "sources",
    summary: "Synchronise a source now and wait for the result",
    right: "settings",
    pathParams: NAME,
    query: [{
      name: "limit",
      description: "at most this many changed computers",
      schema: { type: "integer", minimum: 1 },
    }],
    ok: { status: 200, description: "the run's counts and errors", schema: ANY_OBJECT },
    errors: [400, 404],
  },
];
