import assert from "node:assert/strict";
import { withContext } from "../../tests/_helpers/context.ts";
import { getComputer } from "./queries.ts";
import {
  ALL_PARTS,
  KEYED_PARTS,
  PART_SETTING_LABELS,
  PART_SETTINGS,
  PART_TABS,
  PARTS,
  SECTION_PARTS,
  sectionsFor,
} from "./parts.ts";
import { DEFAULT_SETTINGS } from "./settings.ts";

Deno.test("parts: every list is derived from the one table", () => {
  assert.deepEqual(ALL_PARTS, PARTS.map((p) => p.part));
  for (const { part, sections } of PARTS) {
    for (const s of sections) assert.ok(SECTION_PARTS[s]!.includes(part), `${s} feeds ${part}`);
    assert.deepEqual(sectionsFor(new Set([part])).sort(), [...sections].sort());
  }
  assert.deepEqual(KEYED_PARTS.map((p) => p.table), [
    "components",
    "network_ports",
    "volumes",
    "virtual_machines",
  ]);
  for (const { setting, label } of PART_SETTINGS) {
    assert.equal(DEFAULT_SETTINGS[setting], true, `${setting} is on by default`);
    assert.equal(PART_SETTING_LABELS[setting], label);
  }
  assert.equal(PART_SETTINGS.length, 5);
});

Deno.test("parts: each keyed table exists and each tab's rows are in a computer's detail", async () => {
  await withContext(async (ctx) => {
    const tables = ctx.raw.prepare("select name from sqlite_master where type = 'table'").all()
      .map((r) => (r as { name: string }).name);
    for (const { table } of KEYED_PARTS) assert.ok(tables.includes(table), table);
    const { id } = await ctx.db.insertInto("computers").values({
      entity_id: 1,
      created_at: "2026-01-01T00:00:00Z",
      updated_at: "2026-01-01T00:00:00Z",
    }).returning("id").executeTakeFirstOrThrow();
    const detail = (await getComputer(ctx.db, id))! as unknown as Record<string, unknown>;
    for (const tab of PART_TABS) assert.ok(Array.isArray(detail[tab.rows]), tab.rows);
  });
});
