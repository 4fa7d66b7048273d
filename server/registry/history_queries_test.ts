/**
 * The fleet history query: newest first across computers, each filter narrowing (computer name
 * with LIKE wildcards taken literally, kind, field exact or contained, source, actor, time
 * range), the entity scope (trashed computers kept), paging and the capped count; and its plans
 * read history by an index or its key, never sorting the whole table, a kind by its index.
 *
 * @module
 */

import assert from "node:assert/strict";
import type { KyselyPlugin, RootOperationNode } from "kysely";
import type { ServerContext } from "../context.ts";
import { addEntity, withContext } from "../../tests/_helpers/context.ts";
import { fleetHistoryRows, HISTORY_COUNT_CAP, listFleetHistory } from "./history_queries.ts";

/** Paris (2): pc-paris-1, pc-paris_old (trashed); Lyon (3): pc-lyon-1. Six changes. */
async function seed(ctx: ServerContext): Promise<void> {
  await addEntity(ctx, 2, 1, "Paris");
  await addEntity(ctx, 3, 1, "Lyon");
  const now = "2026-11-21T08:00:00.000Z";
  for (
    const [id, name, entity, deleted] of [
      [1, "pc-paris-1", 2, 0],
      [2, "pc-lyon-1", 3, 0],
      [3, "pc-paris_old", 2, 1],
    ] as const
  ) {
    await ctx.db.insertInto("computers").values({
      id,
      name,
      entity_id: entity,
      is_deleted: deleted,
      created_at: now,
      updated_at: now,
    }).execute();
  }
  const rows = [
    ["2026-11-01T10:00:00.000Z", 1, "created", "rule", "", "rule", ""],
    ["2026-11-02T10:00:00.000Z", 2, "created", "rule", "", "rule", ""],
    ["2026-11-03T10:00:00.000Z", 1, "field", "os_name", "Debian", "inventory", ""],
    ["2026-11-04T10:00:00.000Z", 2, "software_added", "Mozilla Firefox", "128.0", "inventory", ""],
    ["2026-11-05T10:00:00.000Z", 1, "locked", "name", "", "user", "dana"],
    ["2026-11-06T10:00:00.000Z", 3, "trashed", "", "", "user", "dana"],
  ] as const;
  for (const [at, computer_id, kind, field, new_value, source, actor] of rows) {
    await ctx.db.insertInto("history").values({
      at,
      computer_id,
      kind,
      field,
      new_value,
      source,
      actor,
    }).execute();
  }
}

const ALL = { scope: "all" as const, limit: 50, offset: 0 };

Deno.test("fleet history: newest first, each filter narrows, scope and paging", async () => {
  await withContext(async (ctx) => {
    await seed(ctx);
    const ids = async (query: Partial<Parameters<typeof listFleetHistory>[1]>) =>
      (await listFleetHistory(ctx.db, { ...ALL, ...query })).rows.map((r) => r.id);
    const all = await listFleetHistory(ctx.db, ALL);
    assert.deepEqual(all.rows.map((r) => r.id), [6, 5, 4, 3, 2, 1]);
    assert.equal(all.total, 6);
    assert.equal(all.capped, false);
    assert.equal(all.rows[0]!.computer_name, "pc-paris_old");
    assert.equal(all.rows[0]!.computer_deleted, 1);

    assert.deepEqual(await ids({ computer: "paris" }), [6, 5, 3, 1]);
    // "_" is a character, not a wildcard.
    assert.deepEqual(await ids({ computer: "s_o" }), [6]);
    assert.deepEqual(await ids({ kind: "created" }), [2, 1]);
    assert.deepEqual(await ids({ field: { text: "os_name", exact: true } }), [3]);
    assert.deepEqual(await ids({ field: { text: "os", exact: true } }), []);
    assert.deepEqual(await ids({ field: { text: "firefox", exact: false } }), [4]);
    assert.deepEqual(await ids({ source: "user" }), [6, 5]);
    assert.deepEqual(await ids({ actor: "dana", kind: "locked" }), [5]);
    assert.deepEqual(await ids({ actor: "nobody" }), []);
    assert.deepEqual(
      await ids({ since: "2026-11-03T00:00:00.000Z", until: "2026-11-05T00:00:00.000Z" }),
      [4, 3],
    );
    // Lyon's technician: Lyon's computer only; Paris's: the trashed one too.
    assert.deepEqual(await ids({ scope: [3] }), [4, 2]);
    assert.deepEqual(await ids({ scope: [2] }), [6, 5, 3, 1]);
    assert.deepEqual(await ids({ scope: [3], computer: "paris" }), []);
    assert.deepEqual(await ids({ scope: [] }), []);
    const second = await listFleetHistory(ctx.db, { ...ALL, limit: 4, offset: 4 });
    assert.deepEqual(second.rows.map((r) => r.id), [2, 1]);
    assert.equal(second.total, 6);
    const after = await fleetHistoryRows(ctx.db, { ...ALL, beforeId: 3 });
    assert.deepEqual(after.map((r) => r.id), [2, 1]);
  });
});

Deno.test("fleet history: the count stops at the cap and says so", async () => {
  await withContext(async (ctx) => {
    await seed(ctx);
    ctx.raw.exec(
      `with recursive n(i) as (select 1 union all select i + 1 from n where i < ${
        HISTORY_COUNT_CAP + 5
      }) insert into history (at, computer_id, kind, source) select '2026-11-07T00:00:00.000Z',
      1, 'field', 'inventory' from n`,
    );
    const page = await listFleetHistory(ctx.db, { ...ALL, limit: 10 });
    assert.equal(page.total, HISTORY_COUNT_CAP);
    assert.equal(page.capped, true);
    assert.equal(page.rows.length, 10);
  });
});

Deno.test("fleet history plans: newest first by the key or an index, no sort of the table", async () => {
  await withContext(async (ctx) => {
    await seed(ctx);
    const plans: { sql: string; plan: string[] }[] = [];
    const executor = ctx.db.getExecutor();
    const capture: KyselyPlugin = {
      transformQuery(args) {
        const compiled = executor.compileQuery(args.node as RootOperationNode, args.queryId);
        const explain = ctx.raw.prepare(`explain query plan ${compiled.sql}`);
        const rows = explain.all(...compiled.parameters as never[]) as { detail: string }[];
        plans.push({ sql: compiled.sql, plan: rows.map((r) => r.detail) });
        return args.node;
      },
      transformResult: (args) => Promise.resolve(args.result),
    };
    const db = ctx.db.withPlugin(capture);
    for (const scope of ["all", [2, 3]] as const) {
      await listFleetHistory(db, { ...ALL, scope });
      await listFleetHistory(db, { ...ALL, scope, kind: "field", source: "user", actor: "x" });
      await listFleetHistory(db, { ...ALL, scope, since: "2026-11-03T00:00:00.000Z" });
    }
    const pages = plans.filter((p) => p.sql.includes("order by"));
    assert.equal(pages.length, 6);
    for (const { sql, plan } of pages) {
      // Scoped: a membership test, never the computers walked with their history sorted.
      assert.deepEqual(plan.filter((d) => d.includes("TEMP B-TREE FOR ORDER BY")), [], sql);
      assert.ok(plan.some((d) => /^SCAN h\b|^SEARCH h USING/.test(d)), plan.join("\n"));
    }
    // A kind comes by its index, newest first: a rare one is not searched for in every row.
    const byKind = pages.filter((p) => p.sql.includes('"h"."kind" ='));
    assert.equal(byKind.length, 2);
    for (const { plan } of byKind) {
      assert.ok(plan.some((d) => d.includes("USING INDEX history_kind")), plan.join("\n"));
    }
  });
});
