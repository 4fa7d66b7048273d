/**
 * `/api/v1/software`: the catalogue — search, one entry with its versions, and the computers that
 * have it. Read through registry/software_queries.ts, as the console's catalogue is: counts and
 * computer lists cover only live computers of the caller's entities.
 *
 * @module
 */

import { type Context, Hono } from "hono";
import { entityIdsVisibleTo } from "../../auth/entity_scope.ts";
import type { ServerContext } from "../../context.ts";
import {
  getSoftware,
  listSoftware,
  type SoftwareScope,
  softwareVersions,
  versionComputers,
} from "../../registry/software_queries.ts";
import type { AppEnv } from "../env.ts";
import { authOf, requireRight } from "../guards.ts";
import { object, pageOf, pagingQuery, ref, type RouteDoc } from "./docs.ts";
import { api, idParam, idQuery, notFound, page, paging } from "./http.ts";

/** The `/software` routes. */
export function softwareApi(ctx: ServerContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const read = requireRight(ctx, "read");
  const scopeOf = (c: Context<AppEnv>): Promise<SoftwareScope> =>
    entityIdsVisibleTo(ctx.db, authOf(c).principal);

  app.get(
    "/software",
    read,
    api(async (c) => {
      const paged = paging(c);
      const result = await listSoftware(ctx.db, {
        search: c.req.query("search") ?? "",
        scope: await scopeOf(c),
        limit: paged.limit,
        offset: paged.offset,
      });
      const items = result.software.map(({ installations, ...entry }) => ({
        ...entry,
        computers: installations,
      }));
      return c.json(page(result.total, paged, items));
    }),
  );

  app.get(
    "/software/:id",
    read,
    api(async (c) => {
      const id = idParam(c, "id", "software");
      const software = await getSoftware(ctx.db, id);
      if (!software) throw notFound(`No software ${id}`);
      const versions = await softwareVersions(ctx.db, id, await scopeOf(c));
      return c.json({ ...software, computers: sumComputers(versions), versions });
    }),
  );

  app.get(
    "/software/:id/computers",
    read,
    api(async (c) => {
      const id = idParam(c, "id", "software");
      const paged = paging(c);
      const versionId = idQuery(c, "version");
      if (!await getSoftware(ctx.db, id)) throw notFound(`No software ${id}`);
      const scope = await scopeOf(c);
      const versions = (await softwareVersions(ctx.db, id, scope))
        .filter((v) => versionId === undefined || v.id === versionId);
      const names = new Map(versions.map((v) => [v.id, v.version]));
      const rows = await versionComputers(ctx.db, [...names.keys()], {
        scope,
        limit: paged.limit,
        offset: paged.offset,
      });
      const items = rows.map((r) => ({
        id: r.id,
        name: r.name,
        serial: r.serial,
        entity: r.entity,
        version_id: r.versionId,
        version: names.get(r.versionId) ?? "",
        install_date: r.installDate,
        arch: r.arch,
      }));
      return c.json(page(sumComputers(versions), paged, items));
    }),
  );

  return app;
}

/** Installations over versions: a computer counts once per version it has. */
function sumComputers(versions: readonly { computers: number }[]): number {
  return versions.reduce((sum, v) => sum + v.computers, 0);
}

/** The OpenAPI description of these routes. */
export const SOFTWARE_DOCS: RouteDoc[] = [
  {
    method: "get",
    path: "/software",
    tag: "software",
    summary: "Search the software catalogue",
    description: "By name; `search` ignores case and spacing. Each entry with the number of its " +
      "versions installed on computers of the caller's entities (not in the trash), and of " +
      "those computers that have it, once per version they have.",
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
    description: "The versions installed on computers of the caller's entities (not in the " +
      "trash), highest first, each with how many of those computers have it; `computers` is " +
      "their sum.",
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
    description: "One item per computer of the caller's entities (not in the trash) and version " +
      "it has, by computer id then version; `total` counts them.",
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
