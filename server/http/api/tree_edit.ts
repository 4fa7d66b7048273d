/**
 * Changing the entity and location trees: create a node, rename or move one (its whole subtree's
 * complete names and levels follow), and delete one only when nothing refers to it. Complete
 * names are unique and are what rules name, so every change keeps them consistent in one write.
 *
 * Call these inside `ctx.writes.run` (one transaction).
 *
 * @module
 */

import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { PATH_SEPARATOR, ROOT_ENTITY_ID } from "../../registry/tree.ts";
import { ApiFailure, badField, notFound } from "./http.ts";

/** Which tree. */
export type TreeTable = "entities" | "locations";

/** A node as stored. */
interface Node {
  id: number;
  parent_id: number | null;
  name: string;
  completename: string;
  level: number;
}

const WHAT: Record<TreeTable, string> = { entities: "entity", locations: "location" };

/** Checks a node name: non-empty, without the complete-name separator. */
export function checkName(value: unknown, field = "name"): string {
  if (typeof value !== "string" || value.trim() === "") throw badField(field, "a name is required");
  if (value.includes(">")) throw badField(field, '">" separates levels and cannot be in a name');
  if (value.trim().length > 200) throw badField(field, "at most 200 characters");
  return value.trim();
}

async function node(db: Kysely<Database>, table: TreeTable, id: number): Promise<Node | undefined> {
  return await db.selectFrom(table).select(["id", "parent_id", "name", "completename", "level"])
    .where("id", "=", id).executeTakeFirst();
}

/** The parent node for a new or moved node; a location may have none (top level). */
async function parentNode(
  db: Kysely<Database>,
  table: TreeTable,
  parentId: number | null,
): Promise<Node | null> {
  if (parentId === null) return null;
  const parent = await node(db, table, parentId);
  if (!parent) throw badField("parent_id", `no ${WHAT[table]} ${parentId}`);
  return parent;
}

async function refuseTaken(db: Kysely<Database>, table: TreeTable, completename: string) {
  const taken = await db.selectFrom(table).select("id").where("completename", "=", completename)
    .executeTakeFirst();
  if (taken) {
    throw new ApiFailure(409, `"${completename}" already exists`, { id: taken.id, field: "name" });
  }
}

/** Creates a node; entities always have a parent (default the root). */
export async function createNode(
  db: Kysely<Database>,
  table: TreeTable,
  values: {
    name: string;
    parentId: number | null;
    comment?: string;
    tag?: string | null;
    entityId?: number;
  },
): Promise<number> {
  const parent = await parentNode(
    db,
    table,
    table === "entities" ? values.parentId ?? ROOT_ENTITY_ID : values.parentId,
  );
  const completename = parent
    ? `${parent.completename}${PATH_SEPARATOR}${values.name}`
    : values.name;
  await refuseTaken(db, table, completename);
  const common = {
    parent_id: parent?.id ?? null,
    name: values.name,
    completename,
    level: (parent?.level ?? 0) + 1,
    comment: values.comment ?? "",
  };
  const row = table === "entities"
    ? await db.insertInto("entities").values({ ...common, tag: values.tag ?? null })
      .returning("id").executeTakeFirstOrThrow()
    : await db.insertInto("locations")
      .values({ ...common, entity_id: values.entityId ?? ROOT_ENTITY_ID })
      .returning("id").executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Renames and/or moves node `id` (`parentId` undefined: stays; null: top level, locations only)
 * and rewrites the complete names and levels of its subtree.
 */
export async function renameOrMove(
  db: Kysely<Database>,
  table: TreeTable,
  id: number,
  change: { name?: string; parentId?: number | null },
): Promise<void> {
  const current = await node(db, table, id);
  if (!current) throw notFound(`No ${WHAT[table]} ${id}`);
  if (table === "entities" && id === ROOT_ENTITY_ID && change.parentId !== undefined) {
    throw new ApiFailure(409, "The root entity cannot move", { field: "parent_id" });
  }
  const parentId = change.parentId === undefined ? current.parent_id : change.parentId;
  if (table === "entities" && parentId === null && id !== ROOT_ENTITY_ID) {
    throw badField("parent_id", "an entity needs a parent");
  }
  const parent = await parentNode(db, table, parentId);
  // A node cannot go under itself: walk up from the new parent.
  for (let at: Node | null = parent; at; at = await parentNode(db, table, at.parent_id)) {
    if (at.id === id) {
      throw badField("parent_id", `${WHAT[table]} ${parentId} is ${id} or below it`);
    }
  }
  const name = change.name ?? current.name;
  const completename = parent ? `${parent.completename}${PATH_SEPARATOR}${name}` : name;
  const level = (parent?.level ?? 0) + 1;
  if (completename === current.completename && level === current.level) {
    await db.updateTable(table).set({ name, parent_id: parentId }).where("id", "=", id).execute();
    return;
  }
  await refuseTaken(db, table, completename);
  const rows = await db.selectFrom(table).select(["id", "parent_id", "name"]).execute();
  const children = new Map<number, { id: number; name: string }[]>();
  for (const r of rows) {
    if (r.parent_id === null) continue;
    children.set(r.parent_id, [...(children.get(r.parent_id) ?? []), r]);
  }
  await db.updateTable(table).set({ name, parent_id: parentId, completename, level })
    .where("id", "=", id).execute();
  const walk = async (parentName: string, parentLevel: number, parent: number) => {
    for (const child of children.get(parent) ?? []) {
      const childName = `${parentName}${PATH_SEPARATOR}${child.name}`;
      await db.updateTable(table).set({ completename: childName, level: parentLevel + 1 })
        .where("id", "=", child.id).execute();
      await walk(childName, parentLevel + 1, child.id);
    }
  };
  await walk(completename, level, id);
}

/** What still refers to a node, by kind (empty: it can go). */
export async function usesOf(
  db: Kysely<Database>,
  table: TreeTable,
  id: number,
): Promise<Record<string, number>> {
  const count = async (
    from: "entities" | "locations" | "computers" | "peripherals" | "user_profiles",
    column: "parent_id" | "entity_id" | "location_id",
  ) => {
    const row = await db.selectFrom(from).select((eb) => eb.fn.countAll<number>().as("n"))
      // deno-lint-ignore no-explicit-any
      .where(column as any, "=", id).executeTakeFirstOrThrow();
    return Number(row.n);
  };
  const uses: Record<string, number> = table === "entities"
    ? {
      children: await count("entities", "parent_id"),
      computers: await count("computers", "entity_id"),
      locations: await count("locations", "entity_id"),
      peripherals: await count("peripherals", "entity_id"),
      user_assignments: await count("user_profiles", "entity_id"),
    }
    : {
      children: await count("locations", "parent_id"),
      computers: await count("computers", "location_id"),
    };
  return Object.fromEntries(Object.entries(uses).filter(([, n]) => n > 0));
}

/** Deletes node `id` when nothing refers to it; 409 listing what does. */
export async function deleteNode(db: Kysely<Database>, table: TreeTable, id: number) {
  if (!await node(db, table, id)) throw notFound(`No ${WHAT[table]} ${id}`);
  if (table === "entities" && id === ROOT_ENTITY_ID) {
    throw new ApiFailure(409, "The root entity cannot be deleted", {});
  }
  const uses = await usesOf(db, table, id);
  if (Object.keys(uses).length > 0) {
    const list = Object.entries(uses).map(([k, n]) => `${n} ${k.replace("_", " ")}`).join(", ");
    throw new ApiFailure(409, `The ${WHAT[table]} is not empty: ${list}`, { uses });
  }
  await db.deleteFrom(table).where("id", "=", id).execute();
}
