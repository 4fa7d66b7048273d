/**
 * `/api/v1/software`: the catalogue — search, one entry with its versions, and the computers that
 * have it. Counts and computer lists cover only the caller's entities.
 *
 * @module
 */

import { Hono } from "hono";
import type { ServerContext } from "../../context.ts";
import type { AppEnv } from "../env.ts";
import { requireRight } from "../guards.ts";
import { object, pageOf, pagingQuery, ref, type RouteDoc } from "./docs.ts";
import { api, idParam, idQuery, notFound, page, paging, visibleEntities } from "./http.ts";
import { searchSoftware, softwareComputers, softwareDetail } from "./software_queries.ts";

/** The `/software` routes. */
export function softwareApi(ctx: ServerContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const read = requireRight(ctx, "read");

  app.get(
    "/software",
    read,
    api(async (c) => {
      const paged = paging(c);
      const result = await searchSoftware(ctx.db, {
        search: c.req.query("search") ?? "",
        limit: paged.limit,
        offset: paged.offset,
        entityIds: await visibleEntities(ctx, c),
      });
      return c.json(page(result.total, paged, result.items));
    }),
  );

  app.get(
    "/software/:id",
    read,
    api(async (c) => {
      const id = idParam(c, "id", "software");
      const detail = await softwareDetail(ctx.db, id, await visibleEntities(ctx, c));
      if (!detail) throw notFound(`No software ${id}`);
      return c.json(detail);
    }),
  );

  app.get(
    "/software/:id/computers",
    read,
    api(async (c) => {
      const id = idParam(c, "id", "software");
      const paged = paging(c);
      const versionId = idQuery(c, "version");
      const exists = await ctx.db.selectFrom("software").select("id").where("id", "=", id)
        .executeTakeFirst();
      if (!exists) throw notFound(`No software ${id}`);
      const result = await softwareComputers(ctx.db, id, {
        ...(versionId !== undefined ? { versionId } : {}),
        limit: paged.limit,
        offset: paged.offset,
        entityIds: await visibleEntities(ctx, c),
      });
      return c.json(page(result.total, paged, result.items));
    }),
  );

  return app;
}

/** The OpenAPI description of these routes. */
export const SOFTWARE_DOCS: RouteDoc[] = [
  {
    method: "get",
    path: "/software",
    tag: "software",
    summary: "Search the software catalogue",
    description: "Each entry with its number of versions and of computers (of the caller's " +
      "entities, not in the trash) that have it.",
    right: "read",
    query: [
      { name: "search", description: "name or publisher contains", schema: { type: "string" } },
      ...pagingQuery(),
    ],
    ok: { status: 200, description: "a page of software", schema: pageOf(ref("Software")) },
    errors: [400],
  },
  {
    method: "get",
    path: "/software/:id",
    tag: "software",
    summary: "A software with its versions",
    right: "read",
    ok: {
      status: 200,
      description: "the software",
      schema: ref("SoftwareDetail"),
    },
    errors: [404],
  },
  {
    method: "get",
    path: "/software/:id/computers",
    tag: "software",
    summary: "The computers that have a software",
    right: "read",
    query: [
      { name: "version", description: "only this version id", schema: { type: "integer" } },
      ...pagingQuery(),
    ],
    ok: {
      status: 200,
      description: "a page of computers",
      schema: pageOf(object({
        id: { type: "integer" },
        name: { type: "string" },
        serial: { type: "string" },
        entity: { type: "string" },
        version_id: { type: "integer" },
        version: { type: "string" },
        install_date: { type: "string" },
        arch: { type: "string" },
      })),
    },
    errors: [400, 404],
  },
];
