/**
 * Entities and locations are trees addressed by complete name ("Root entity > Europe > Paris").
 * Rules name them that way, so exports move between installations; this module resolves names,
 * creates missing locations, and answers "is X under Y".
 *
 * @module
 */

import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";

/** The root entity's id: it always exists and cannot be deleted. */
export const ROOT_ENTITY_ID = 1;

/** The separator of complete names. */
export const PATH_SEPARATOR = " > ";

/** Splits "A > B > C" (also "A>B>C" or "A/B/C"-free text) into trimmed parts. */
export function splitPath(path: string): string[] {
  return path.split(">").map((p) => p.trim()).filter((p) => p !== "");
}

/** A node of either tree. */
export interface TreeNode {
  id: number;
  parent_id: number | null;
  completename: string;
}

/** Finds an entity by id ("12") or complete name (case-insensitive). */
export async function findEntity(
  db: Kysely<Database>,
  ref: string,
): Promise<TreeNode | undefined> {
  const query = db.selectFrom("entities").select(["id", "parent_id", "completename"]);
  if (/^\d+$/.test(ref.trim())) {
    return await query.where("id", "=", Number(ref)).executeTakeFirst();
  }
  const name = splitPath(ref).join(PATH_SEPARATOR);
  const exact = await query.where("completename", "=", name).executeTakeFirst();
  if (exact) return exact;
  // "Paris" alone names "Root entity > Paris" when unambiguous: admins rarely type the root.
  const rows = await query.execute();
  const lower = name.toLowerCase();
  const matches = rows.filter((r) =>
    r.completename.toLowerCase() === lower ||
    r.completename.toLowerCase().endsWith(`${PATH_SEPARATOR}${lower}`.toLowerCase())
  );
  return matches.length === 1 ? matches[0] : undefined;
}

/** Finds the entity whose inventory TAG is `tag` (case-insensitive). */
export async function findEntityByTag(
  db: Kysely<Database>,
  tag: string,
): Promise<TreeNode | undefined> {
  const rows = await db.selectFrom("entities").select(["id", "parent_id", "completename", "tag"])
    .where("tag", "is not", null).execute();
  const wanted = tag.trim().toLowerCase();
  return rows.find((r) => (r.tag ?? "").trim().toLowerCase() === wanted);
}

/** Creates an entity under `parentId`; returns the new node. */
export async function createEntity(
  db: Kysely<Database>,
  name: string,
  parentId: number = ROOT_ENTITY_ID,
  tag: string | null = null,
): Promise<TreeNode> {
  const parent = await db.selectFrom("entities").select(["completename", "level"])
    .where("id", "=", parentId).executeTakeFirstOrThrow();
  const completename = `${parent.completename}${PATH_SEPARATOR}${name.trim()}`;
  const row = await db.insertInto("entities")
    .values({ parent_id: parentId, name: name.trim(), completename, level: parent.level + 1, tag })
    .returning(["id", "parent_id", "completename"])
    .executeTakeFirstOrThrow();
  return row;
}

/** Finds a location by id or complete name. */
export async function findLocation(
  db: Kysely<Database>,
  ref: string,
): Promise<TreeNode | undefined> {
  const query = db.selectFrom("locations").select(["id", "parent_id", "completename"]);
  if (/^\d+$/.test(ref.trim())) {
    return await query.where("id", "=", Number(ref)).executeTakeFirst();
  }
  return await query.where("completename", "=", splitPath(ref).join(PATH_SEPARATOR))
    .executeTakeFirst();
}

/**
 * Finds a location by complete name, creating every missing level in `entityId` (the rules'
 * "TAG to location, created when missing"). Returns null for an empty name.
 */
export async function ensureLocation(
  db: Kysely<Database>,
  path: string,
  entityId: number,
): Promise<TreeNode | null> {
  const parts = splitPath(path);
  if (parts.length === 0) return null;
  let parent = null as TreeNode | null;
  for (let i = 0; i < parts.length; i++) {
    const completename = parts.slice(0, i + 1).join(PATH_SEPARATOR);
    const found: TreeNode | undefined = await db.selectFrom("locations")
      .select(["id", "parent_id", "completename"])
      .where("completename", "=", completename).executeTakeFirst();
    parent = found ?? await db.insertInto("locations")
      .values({
        parent_id: parent?.id ?? null,
        entity_id: entityId,
        name: parts[i]!,
        completename,
        level: i + 1,
      })
      .returning(["id", "parent_id", "completename"])
      .executeTakeFirstOrThrow();
  }
  return parent;
}

/** The ids of `rootId` and every node below it, in `table`. */
export async function subtreeIds(
  db: Kysely<Database>,
  table: "entities" | "locations",
  rootId: number,
): Promise<number[]> {
  const rows = await db.selectFrom(table).select(["id", "parent_id"]).execute();
  const children = new Map<number, number[]>();
  for (const r of rows) {
    if (r.parent_id === null) continue;
    const list = children.get(r.parent_id) ?? [];
    list.push(r.id);
    children.set(r.parent_id, list);
  }
  const out: number[] = [];
  const stack = [rootId];
  while (stack.length > 0) {
    const id = stack.pop()!;
    out.push(id);
    stack.push(...(children.get(id) ?? []));
  }
  return out;
}

/**
 * An in-memory view of both trees for the rule engine's `under` operator, loaded once per
 * synchronisation run (the engine is synchronous).
 */
export interface TreeIndex {
  isUnder(field: string, value: string, ancestor: string): boolean;
}

/** Loads both trees. */
export async function loadTreeIndex(db: Kysely<Database>): Promise<TreeIndex> {
  const load = async (table: "entities" | "locations") => {
    const rows = await db.selectFrom(table).select(["id", "parent_id", "completename"]).execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    const byName = new Map(rows.map((r) => [r.completename.toLowerCase(), r]));
    const resolve = (ref: string) =>
      /^\d+$/.test(ref) ? byId.get(Number(ref)) : byName.get(
        splitPath(ref).join(PATH_SEPARATOR).toLowerCase(),
      );
    return (value: string, ancestor: string) => {
      const target = resolve(ancestor);
      let node = resolve(value);
      while (node && target) {
        if (node.id === target.id) return true;
        node = node.parent_id === null ? undefined : byId.get(node.parent_id);
      }
      return false;
    };
  };
  const entities = await load("entities");
  const locations = await load("locations");
  return {
    isUnder: (field, value, ancestor) =>
      (field.startsWith("location") ? locations : entities)(value, ancestor),
  };
}
