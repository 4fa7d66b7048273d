/**
 * `/api/v1/locations`: the location tree — read (an entity-limited caller sees the locations of
 * its entities), create, rename/move, delete when empty. Writes need the global `settings` right,
 * as for entities.
 *
 * @module
 */

import { Hono } from "hono";
import type { ServerContext } from "../../context.ts";
import type { AppEnv } from "../env.ts";
import { requireRight } from "../guards.ts";
import { object, pageOf, ref, type RouteDoc } from "./docs.ts";
import { optionalId, optionalText } from "./entities.ts";
import {
  api,
  badField,
  idParam,
  idQuery,
  jsonObject,
  notFound,
  onlyKeys,
  visibleEntities,
  whole,
} from "./http.ts";
import { checkName, createNode, deleteNode, renameOrMove, usesOf } from "./tree_edit.ts";

const COLUMNS = [
  "id",
  "parent_id",
  "entity_id",
  "name",
  "completename",
  "level",
  "comment",
] as const;

/** The `/locations` routes. */
export function locationsApi(ctx: ServerContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const read = requireRight(ctx, "read");
  const write = requireRight(ctx, "settings");

  const location = async (id: number, visible: number[] | undefined) => {
    const row = await ctx.db.selectFrom("locations").select(COLUMNS).where("id", "=", id)
      .executeTakeFirst();
    if (!row || (visible && !visible.includes(row.entity_id))) {
      throw notFound(`No location ${id}`);
    }
    return row;
  };
  const entityExists = async (id: number) => {
    const row = await ctx.db.selectFrom("entities").select("id").where("id", "=", id)
      .executeTakeFirst();
    if (!row) throw badField("entity_id", `no entity ${id}`);
  };

  app.get(
    "/locations",
    read,
    api(async (c) => {
      const visible = await visibleEntities(ctx, c);
      const entity = idQuery(c, "entity");
      let q = ctx.db.selectFrom("locations").select(COLUMNS).orderBy("completename");
      if (visible) q = q.where("entity_id", "in", visible.length ? visible : [-1]);
      if (entity !== undefined) q = q.where("entity_id", "=", entity);
      const items = await q.execute();
      return c.json(whole(items));
    }),
  );

  app.post(
    "/locations",
    write,
    api(async (c) => {
      const body = await jsonObject(c);
      onlyKeys(body, ["name", "parent_id", "entity_id", "comment"]);
      const name = checkName(body.name);
      const parentId = optionalId(body.parent_id, "parent_id") ?? null;
      const entityId = optionalId(body.entity_id, "entity_id") ?? 1;
      await entityExists(entityId);
      const comment = optionalText(body.comment, "comment") ?? "";
      const id = await ctx.writes.run((db) =>
        createNode(db, "locations", { name, parentId, entityId, comment })
      );
      return c.json(await location(id, undefined), 201);
    }),
  );

  app.get(
    "/locations/:id",
    read,
    api(async (c) => {
      const row = await location(idParam(c, "id", "location"), await visibleEntities(ctx, c));
      return c.json({ ...row, uses: await usesOf(ctx.db, "locations", row.id) });
    }),
  );

  app.patch(
    "/locations/:id",
    write,
    api(async (c) => {
      const id = idParam(c, "id", "location");
      await location(id, undefined);
      const body = await jsonObject(c);
      onlyKeys(body, ["name", "parent_id", "entity_id", "comment"]);
      if (Object.keys(body).length === 0) throw badField("(body)", "nothing to change");
      const name = body.name === undefined ? undefined : checkName(body.name);
      const parentId = optionalId(body.parent_id, "parent_id");
      const entityId = body.entity_id === undefined
        ? undefined
        : optionalId(body.entity_id, "entity_id");
      if (entityId === null) throw badField("entity_id", "a location belongs to an entity");
      if (entityId !== undefined) await entityExists(entityId);
      const comment = optionalText(body.comment, "comment");
      await ctx.writes.run(async (db) => {
        if (name !== undefined || body.parent_id !== undefined) {
          await renameOrMove(db, "locations", id, {
            ...(name !== undefined ? { name } : {}),
            ...(body.parent_id !== undefined ? { parentId: parentId ?? null } : {}),
          });
        }
        if (entityId !== undefined || comment !== undefined) {
          await db.updateTable("locations").set({
            ...(entityId !== undefined ? { entity_id: entityId } : {}),
            ...(comment !== undefined ? { comment } : {}),
          }).where("id", "=", id).execute();
        }
      });
      return c.json(await location(id, undefined));
    }),
  );

  app.delete(
    "/locations/:id",
    write,
    api(async (c) => {
      const id = idParam(c, "id", "location");
      await ctx.writes.run((db) => deleteNode(db, "locations", id));
      return c.body(null, 204);
    }),
  );

  return app;
}

const LOCATION_BODY = object({
  name: { type: "string", description: "no `>`" },
  parent_id: { type: ["integer", "null"], description: "null or absent: top level" },
  entity_id: { type: "integer", description: "default: the root entity" },
  comment: { type: "string" },
});

/** The OpenAPI description of these routes. */
export const LOCATION_DOCS: RouteDoc[] = [
  {
    method: "get",
    path: "/locations",
    tag: "locations",
    summary: "The location tree (flat, by complete name)",
    description: "An entity-limited caller sees the locations of its entities.",
    right: "read",
    query: [{ name: "entity", description: "only this entity's", schema: { type: "integer" } }],
    ok: {
      status: 200,
      description: "locations",
      schema: pageOf(ref("Location")),
    },
    errors: [400],
  },
  {
    method: "post",
    path: "/locations",
    tag: "locations",
    summary: "Create a location",
    right: "settings",
    body: { schema: { ...LOCATION_BODY, required: ["name"] } },
    ok: { status: 201, description: "the location", schema: ref("Location") },
    errors: [400, 409],
  },
  {
    method: "get",
    path: "/locations/:id",
    tag: "locations",
    summary: "One location and what refers to it",
    right: "read",
    ok: { status: 200, description: "the location", schema: ref("Location") },
    errors: [404],
  },
  {
    method: "patch",
    path: "/locations/:id",
    tag: "locations",
    summary: "Rename, move, change entity or comment",
    description: "Complete names of the whole subtree follow a rename or a move (`parent_id` " +
      "null: top level); rules that name the old complete name need the new one.",
    right: "settings",
    body: { schema: LOCATION_BODY },
    ok: { status: 200, description: "the location", schema: ref("Location") },
    errors: [400, 404, 409],
  },
  {
    method: "delete",
    path: "/locations/:id",
    tag: "locations",
    summary: "Delete an empty location",
    description: "Refused (409) while sub-locations or computers refer to it.",
    right: "settings",
    ok: { status: 204, description: "deleted" },
    errors: [404, 409],
  },
];
