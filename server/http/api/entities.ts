/**
 * `/api/v1/entities`: the entity tree — read (an entity-limited caller sees only its subtree),
 * create, rename/move, set the inventory TAG, delete when empty. Changing the tree changes what
 * every entity-limited user sees, so writes need the global `settings` right.
 *
 * @module
 */

import { Hono } from "hono";
import type { ServerContext } from "../../context.ts";
import type { AppEnv } from "../env.ts";
import { requireRight } from "../guards.ts";
import { object, pageOf, ref, type RouteDoc } from "./docs.ts";
import {
  api,
  badField,
  idParam,
  jsonObject,
  notFound,
  onlyKeys,
  visibleEntities,
  whole,
} from "./http.ts";
import { checkName, createNode, deleteNode, renameOrMove, usesOf } from "./tree_edit.ts";

const COLUMNS = ["id", "parent_id", "name", "completename", "level", "tag", "comment"] as const;

/** The `/entities` routes. */
export function entitiesApi(ctx: ServerContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const read = requireRight(ctx, "read");
  const write = requireRight(ctx, "settings");

  const entity = async (id: number, visible: number[] | undefined) => {
    const row = await ctx.db.selectFrom("entities").select(COLUMNS).where("id", "=", id)
      .executeTakeFirst();
    if (!row || (visible && !visible.includes(id))) throw notFound(`No entity ${id}`);
    return row;
  };

  app.get(
    "/entities",
    read,
    api(async (c) => {
      const visible = await visibleEntities(ctx, c);
      let q = ctx.db.selectFrom("entities").select(COLUMNS).orderBy("completename");
      if (visible) q = q.where("id", "in", visible.length ? visible : [-1]);
      const items = await q.execute();
      return c.json(whole(items));
    }),
  );

  app.post(
    "/entities",
    write,
    api(async (c) => {
      const body = await jsonObject(c);
      onlyKeys(body, ["name", "parent_id", "tag", "comment"]);
      const name = checkName(body.name);
      const values = {
        name,
        parentId: optionalId(body.parent_id, "parent_id") ?? 1,
        tag: optionalText(body.tag, "tag") || null,
        comment: optionalText(body.comment, "comment") ?? "",
      };
      const id = await ctx.writes.run((db) => createNode(db, "entities", values));
      return c.json(await entity(id, undefined), 201);
    }),
  );

  app.get(
    "/entities/:id",
    read,
    api(async (c) => {
      const row = await entity(idParam(c, "id", "entity"), await visibleEntities(ctx, c));
      return c.json({ ...row, uses: await usesOf(ctx.db, "entities", row.id) });
    }),
  );

  app.patch(
    "/entities/:id",
    write,
    api(async (c) => {
      const id = idParam(c, "id", "entity");
      await entity(id, undefined);
      const body = await jsonObject(c);
      onlyKeys(body, ["name", "parent_id", "tag", "comment"]);
      if (Object.keys(body).length === 0) throw badField("(body)", "nothing to change");
      const name = body.name === undefined ? undefined : checkName(body.name);
      const parentId = body.parent_id === undefined
        ? undefined
        : optionalId(body.parent_id, "parent_id");
      await ctx.writes.run(async (db) => {
        if (name !== undefined || parentId !== undefined) {
          await renameOrMove(db, "entities", id, {
            ...(name !== undefined ? { name } : {}),
            ...(parentId !== undefined ? { parentId } : {}),
          });
        }
        const tag = optionalText(body.tag, "tag");
        const comment = optionalText(body.comment, "comment");
        if (tag !== undefined || comment !== undefined) {
          await db.updateTable("entities").set({
            ...(tag !== undefined ? { tag: tag || null } : {}),
            ...(comment !== undefined ? { comment } : {}),
          }).where("id", "=", id).execute();
        }
      });
      return c.json(await entity(id, undefined));
    }),
  );

  app.delete(
    "/entities/:id",
    write,
    api(async (c) => {
      const id = idParam(c, "id", "entity");
      await ctx.writes.run((db) => deleteNode(db, "entities", id));
      return c.body(null, 204);
    }),
  );

  return app;
}

/** An optional id: undefined when absent, null when null, else a positive whole number. */
export function optionalId(value: unknown, field: string): number | null | undefined {
  if (value === undefined || value === null) return value;
  if (!Number.isSafeInteger(value) || (value as number) < 1) {
    throw badField(field, "expected an id");
  }
  return value as number;
}

/** An optional text. */
export function optionalText(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return value === null ? "" : undefined;
  if (typeof value !== "string") throw badField(field, "expected text");
  return value.trim();
}

const ENTITY_BODY = object({
  name: { type: "string", description: "no `>`" },
  parent_id: { type: "integer", description: "default: the root entity" },
  tag: { type: ["string", "null"], description: "inventory TAG designating this entity" },
  comment: { type: "string" },
});

/** The OpenAPI description of these routes. */
export const ENTITY_DOCS: RouteDoc[] = [
  {
    method: "get",
    path: "/entities",
    tag: "entities",
    summary: "The entity tree (flat, by complete name)",
    description: "An entity-limited caller sees only its entities and their sub-entities.",
    right: "read",
    ok: {
      status: 200,
      description: "entities",
      schema: pageOf(ref("Entity")),
    },
  },
  {
    method: "post",
    path: "/entities",
    tag: "entities",
    summary: "Create an entity",
    right: "settings",
    body: { schema: { ...ENTITY_BODY, required: ["name"] } },
    ok: { status: 201, description: "the entity", schema: ref("Entity") },
    errors: [400, 409],
  },
  {
    method: "get",
    path: "/entities/:id",
    tag: "entities",
    summary: "One entity and what refers to it",
    right: "read",
    ok: { status: 200, description: "the entity", schema: ref("Entity") },
    errors: [404],
  },
  {
    method: "patch",
    path: "/entities/:id",
    tag: "entities",
    summary: "Rename, move, set the TAG or comment",
    description: "Complete names of the whole subtree follow a rename or a move; rules that " +
      "name the old complete name need the new one.",
    right: "settings",
    body: { schema: ENTITY_BODY },
    ok: { status: 200, description: "the entity", schema: ref("Entity") },
    errors: [400, 404, 409],
  },
  {
    method: "delete",
    path: "/entities/:id",
    tag: "entities",
    summary: "Delete an empty entity",
    description: "Refused (409) while sub-entities, computers (trash included), locations, " +
      "peripherals or user assignments refer to it.",
    right: "settings",
    ok: { status: 204, description: "deleted" },
    errors: [404, 409],
  },
];
