/**
 * The entity and location tree forms: the tree put in reading order, and a posted node (name,
 * parent, TAG) checked into values for tree_edit, or the reason it is refused in the reader's
 * language — a move under itself or its own sub-level included. No HTTP here.
 *
 * @module
 */

import { ROOT_ENTITY_ID } from "../../registry/tree.ts";
import type { Messages } from "../../../ui/i18n/messages.ts";

/** Which tree (and its URL). */
export type TreeKind = "entities" | "locations";

/** One node as the page shows it. */
export interface TreeRow {
  id: number;
  parent_id: number | null;
  name: string;
  completename: string;
  level: number;
  /** Entities only. */
  tag: string | null;
  /** Computers in this node (trash excluded). */
  computers: number;
  /** Computers in this node and every node below. */
  subtree: number;
}

/** The posted fields, as typed (and shown again when refused). */
export interface NodeForm {
  name: string;
  parent: string;
  tag: string;
}

/** A checked node. */
export interface NodeValues {
  name: string;
  /** null: top level (locations only). */
  parentId: number | null;
  /** null: no TAG. */
  tag: string | null;
}

/** The tree depth first, siblings by name; subtree counts filled in. */
export function inTreeOrder(rows: TreeRow[]): TreeRow[] {
  const ids = new Set(rows.map((r) => r.id));
  const children = new Map<number | null, TreeRow[]>();
  for (const row of rows) {
    // A node whose parent is out of view (entity scope) is shown as a top of its own.
    const parent = row.parent_id !== null && ids.has(row.parent_id) ? row.parent_id : null;
    children.set(parent, [...(children.get(parent) ?? []), row]);
  }
  const ordered: TreeRow[] = [];
  const walk = (parent: number | null): number => {
    let total = 0;
    const siblings = (children.get(parent) ?? []).sort((a, b) => a.name.localeCompare(b.name));
    for (const row of siblings) {
      ordered.push(row);
      row.subtree = row.computers + walk(row.id);
      total += row.subtree;
    }
    return total;
  };
  walk(null);
  return ordered;
}

/** The ids of `id` and every node below it. */
export function subtreeOf(rows: TreeRow[], id: number): Set<number> {
  const found = new Set([id]);
  for (let grew = true; grew;) {
    grew = false;
    for (const row of rows) {
      if (row.parent_id !== null && found.has(row.parent_id) && !found.has(row.id)) {
        found.add(row.id);
        grew = true;
      }
    }
  }
  return found;
}

/**
 * The posted node checked against the whole tree `rows`: `id` is the node changed (undefined when
 * creating). Refuses an empty or ill-formed name, an unknown parent, a move under itself, and a
 * TAG that already designates another entity.
 */
export function checkNode(
  kind: TreeKind,
  form: NodeForm,
  rows: TreeRow[],
  id: number | undefined,
  t: Messages,
): { ok: true; values: NodeValues } | { ok: false; error: string } {
  const k = t.trees;
  const name = form.name.trim();
  if (name === "") return { ok: false, error: k.nameRequired };
  if (name.includes(">")) return { ok: false, error: k.nameSeparator };
  if (name.length > 200) return { ok: false, error: k.nameTooLong };
  const current = id === undefined ? undefined : rows.find((r) => r.id === id);
  let parentId: number | null = null;
  if (form.parent.trim() !== "") {
    const parent = rows.find((r) => String(r.id) === form.parent.trim());
    if (!parent) return { ok: false, error: k.badParent };
    parentId = parent.id;
    if (current && subtreeOf(rows, current.id).has(parent.id)) {
      return { ok: false, error: k.cycle(current.completename, parent.completename) };
    }
  }
  const isRoot = kind === "entities" && id === ROOT_ENTITY_ID;
  if (isRoot && parentId !== null) return { ok: false, error: k.rootFixed };
  if (kind === "entities" && !isRoot && parentId === null) return { ok: false, error: k.badParent };
  let tag: string | null = null;
  if (kind === "entities" && form.tag.trim() !== "") {
    tag = form.tag.trim();
    if (tag.length > 200) return { ok: false, error: k.tagTooLong };
    const other = rows.find((r) =>
      r.id !== id && (r.tag ?? "").trim().toLowerCase() === tag!.toLowerCase()
    );
    if (other) return { ok: false, error: k.tagTaken(tag, other.completename) };
  }
  return { ok: true, values: { name, parentId, tag } };
}

/** The form showing node `row` (or an empty one under `parentId`). */
export function formOfNode(row: TreeRow | undefined, parentId: number | null): NodeForm {
  if (!row) return { name: "", parent: parentId === null ? "" : String(parentId), tag: "" };
  return {
    name: row.name,
    parent: row.parent_id === null ? "" : String(row.parent_id),
    tag: row.tag ?? "",
  };
}
