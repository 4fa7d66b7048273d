import assert from "node:assert/strict";
import { MESSAGES } from "../../../ui/i18n/messages.ts";
import { checkNode, inTreeOrder, subtreeOf, type TreeRow } from "./form.ts";

const t = MESSAGES.en;

function row(
  id: number,
  parent: number | null,
  completename: string,
  extra: Partial<TreeRow> = {},
) {
  const parts = completename.split(" > ");
  return {
    id,
    parent_id: parent,
    name: parts.at(-1)!,
    completename,
    level: parts.length,
    tag: null,
    computers: 0,
    subtree: 0,
    ...extra,
  };
}

const tree = (): TreeRow[] => [
  row(1, null, "Root entity", { computers: 1 }),
  row(3, 1, "Root entity > Lyon", { tag: "LYON", computers: 2 }),
  row(2, 1, "Root entity > Europe"),
  row(4, 2, "Root entity > Europe > Paris", { computers: 5 }),
];

Deno.test("the tree in reading order, siblings by name, counts summed up the tree", () => {
  const rows = inTreeOrder(tree());
  assert.deepEqual(rows.map((r) => [r.name, r.subtree]), [
    ["Root entity", 8],
    ["Europe", 5],
    ["Paris", 5],
    ["Lyon", 2],
  ]);
  assert.deepEqual([...subtreeOf(rows, 2)].sort(), [2, 4]);
});

Deno.test("a node under itself or its own sub-level is refused with both names", () => {
  const form = { name: "Europe", parent: "4", tag: "" };
  assert.deepEqual(checkNode("entities", form, tree(), 2, t), {
    ok: false,
    error: t.trees.cycle("Root entity > Europe", "Root entity > Europe > Paris"),
  });
  assert.deepEqual(checkNode("entities", { ...form, parent: "2" }, tree(), 2, t), {
    ok: false,
    error: t.trees.cycle("Root entity > Europe", "Root entity > Europe"),
  });
  assert.equal(checkNode("entities", { ...form, parent: "3" }, tree(), 2, t).ok, true);
});

Deno.test("names, parents and TAGs are checked; the root stays on top", () => {
  const check = (form: { name: string; parent: string; tag: string }, id?: number) =>
    checkNode("entities", form, tree(), id, t);
  assert.deepEqual(check({ name: " ", parent: "1", tag: "" }), {
    ok: false,
    error: t.trees.nameRequired,
  });
  assert.deepEqual(check({ name: "A > B", parent: "1", tag: "" }), {
    ok: false,
    error: t.trees.nameSeparator,
  });
  assert.deepEqual(check({ name: "A", parent: "99", tag: "" }), {
    ok: false,
    error: t.trees.badParent,
  });
  assert.deepEqual(check({ name: "A", parent: "", tag: "" }), {
    ok: false,
    error: t.trees.badParent,
  });
  assert.deepEqual(check({ name: "A", parent: "1", tag: "lyon" }), {
    ok: false,
    error: t.trees.tagTaken("lyon", "Root entity > Lyon"),
  });
  // Lyon keeps its own TAG; an empty TAG clears it.
  assert.deepEqual(check({ name: "Lyon", parent: "1", tag: " LYON " }, 3), {
    ok: true,
    values: { name: "Lyon", parentId: 1, tag: "LYON" },
  });
  assert.deepEqual(check({ name: "Lyon", parent: "1", tag: "" }, 3), {
    ok: true,
    values: { name: "Lyon", parentId: 1, tag: null },
  });
  assert.deepEqual(check({ name: "Root", parent: "3", tag: "" }, 1), {
    ok: false,
    error: t.trees.cycle("Root entity", "Root entity > Lyon"),
  });
  // Locations may sit at the top level; they have no TAG.
  assert.deepEqual(
    checkNode("locations", { name: "Hall", parent: "", tag: "x" }, [], undefined, t),
    { ok: true, values: { name: "Hall", parentId: null, tag: null } },
  );
});
