/**
 * The catalogue queries: counts per scope (trash left out, a computer with two versions counted
 * once per version), search with LIKE wildcards taken literally, version order, paging of the
 * computers of one version or several; and every query's plan, captured as it runs: no scan of the installations.
 *
 * @module
 */

import assert from "node:assert/strict";
import type { KyselyPlugin, RootOperationNode } from "kysely";
import type { ServerContext } from "../context.ts";
import { addEntity, withContext } from "../../tests/_helpers/context.ts";
import {
  getSoftware,
  listSoftware,
  softwareVersions,
  versionComputers,
} from "./software_queries.ts";

/** Paris (2) and Lyon (3); computers 1, 3 (trashed), 4 in Paris, 2 in Lyon. */
async function seed(ctx: ServerContext): Promise<void> {
  await addEntity(ctx, 2, 1, "Paris");
  await addEntity(ctx, 3, 1, "Lyon");
  const now = "2026-11-21T08:00:00.000Z";
  const computers: [number, string, number, number][] = [
    [1, "pc-paris-1", 2, 0],
    [2, "pc-lyon-1", 3, 0],
    [3, "pc-paris-old", 2, 1],
    [4, "pc-paris-2", 2, 0],
  ];
  for (const [id, name, entity, deleted] of computers) {
    await ctx.db.insertInto("computers").values({
      id,
      name,
      entity_id: entity,
      is_deleted: deleted,
      created_at: now,
      updated_at: now,
    }).execute();
  }
  const software: [number, string, string][] = [
    [1, "Mozilla Firefox", "Mozilla"],
    [2, "7-Zip", "Igor Pavlov"],
    [3, "Lyon Tool", "Acme"],
    [4, "100% Pure", "Acme"],
  ];
  for (const [id, name, publisher] of software) {
    await ctx.db.insertInto("software").values({
      id,
      name,
      publisher,
      name_key: name.toLowerCase(),
      publisher_key: publisher.toLowerCase(),
    }).execute();
  }
  const versions: [number, number, string][] = [
    [10, 1, "120.0"],
    [11, 1, "121.0"],
    [12, 1, "9.0"],
    [20, 2, "23.01"],
    [30, 3, "1.0"],
  ];
  for (const [id, software_id, version] of versions) {
    await ctx.db.insertInto("software_versions").values({ id, software_id, version }).execute();
  }
  const installs: [number, number][] = [[1, 10], [1, 20], [2, 11], [2, 30], [3, 10], [4, 10], [
    4,
    11,
  ]];
  for (const [computer_id, version_id] of installs) {
    await ctx.db.insertInto("software_installs").values({ computer_id, version_id }).execute();
  }
}

Deno.test("listSoftware: counts in scope, trash left out, search by name or publisher", async () => {
  await withContext(async (ctx) => {
    await seed(ctx);
    const all = await listSoftware(ctx.db, { scope: "all", limit: 50, offset: 0 });
    assert.equal(all.total, 4);
    assert.deepEqual(
      all.software.map((s) => [s.name, s.versions, s.installations]),
      [["100% Pure", 0, 0], ["7-Zip", 1, 1], ["Lyon Tool", 1, 1], ["Mozilla Firefox", 2, 4]],
    );
    const paris = await listSoftware(ctx.db, { scope: [2], limit: 50, offset: 0 });
    assert.deepEqual(
      paris.software.map((s) => [s.name, s.versions, s.installations]),
      [["100% Pure", 0, 0], ["7-Zip", 1, 1], ["Lyon Tool", 0, 0], ["Mozilla Firefox", 2, 3]],
    );
    const none = await listSoftware(ctx.db, { scope: [], limit: 50, offset: 0 });
    assert.ok(none.software.every((s) => s.installations === 0));

    const search = (text: string) =>
      listSoftware(ctx.db, { scope: "all", search: text, limit: 50, offset: 0 })
        .then((r) => r.software.map((s) => s.name));
    assert.deepEqual(await search("  MOZILLA "), ["Mozilla Firefox"]);
    assert.deepEqual(await search("pavlov"), ["7-Zip"]);
    assert.deepEqual(await search("100%"), ["100% Pure"]);
    assert.deepEqual(await search("0%"), ["100% Pure"]);
    assert.deepEqual(await search("_"), []);
    const second = await listSoftware(ctx.db, { scope: "all", limit: 2, offset: 2 });
    assert.deepEqual(second.software.map((s) => s.name), ["Lyon Tool", "Mozilla Firefox"]);
    assert.equal(second.total, 4);
  });
});

Deno.test("softwareVersions and versionComputers: per version, in scope, paged", async () => {
  await withContext(async (ctx) => {
    await seed(ctx);
    assert.equal((await getSoftware(ctx.db, 1))?.name, "Mozilla Firefox");
    assert.equal(await getSoftware(ctx.db, 99), undefined);
    // 9.0 has no installation: left out; numeric order, highest first.
    assert.deepEqual(
      (await softwareVersions(ctx.db, 1, "all")).map((v) => [v.version, v.computers]),
      [["121.0", 2], ["120.0", 2]],
    );
    assert.deepEqual(
      (await softwareVersions(ctx.db, 1, [2])).map((v) => [v.version, v.computers]),
      [["121.0", 1], ["120.0", 2]],
    );
    assert.deepEqual(await softwareVersions(ctx.db, 3, [2]), []);
    const names = async (versionId: number, scope: "all" | number[], offset = 0, limit = 50) =>
      (await versionComputers(ctx.db, [versionId], { scope, limit, offset })).map((c) => c.name);
    assert.deepEqual(await names(10, "all"), ["pc-paris-1", "pc-paris-2"]);
    assert.deepEqual(await names(11, "all"), ["pc-lyon-1", "pc-paris-2"]);
    assert.deepEqual(await names(11, [2]), ["pc-paris-2"]);
    assert.deepEqual(await names(30, [2]), []);
    assert.deepEqual(await names(10, "all", 1, 1), ["pc-paris-2"]);
    const [first] = await versionComputers(ctx.db, [10], { scope: [2], limit: 1, offset: 0 });
    assert.equal(first?.entity, "Root entity > Paris");
    assert.equal(first?.versionId, 10);
    assert.equal(first?.serial, "");

    // Several versions: one row per installation, by computer then version, paged.
    const rows = async (scope: "all" | number[], offset = 0, limit = 50) =>
      (await versionComputers(ctx.db, [11, 10, 12], { scope, limit, offset }))
        .map((c) => [c.name, c.versionId]);
    assert.deepEqual(await rows("all"), [
      ["pc-paris-1", 10],
      ["pc-lyon-1", 11],
      ["pc-paris-2", 10],
      ["pc-paris-2", 11],
    ]);
    assert.deepEqual(await rows([2], 1, 2), [["pc-paris-2", 10], ["pc-paris-2", 11]]);
    assert.deepEqual(await versionComputers(ctx.db, [], { scope: "all", limit: 9, offset: 0 }), []);
  });
});

Deno.test("every catalogue query reads the installations through an index, never a scan", async () => {
  await withContext(async (ctx) => {
    await seed(ctx);
    const plans: { sql: string; plan: string[] }[] = [];
    const executor = ctx.db.getExecutor();
    const capture: KyselyPlugin = {
      transformQuery(args) {
        const compiled = executor.compileQuery(args.node as RootOperationNode, args.queryId);
        const explain = ctx.raw.prepare(`explain query plan ${compiled.sql}`);
        const rows = explain.all(
          ...compiled.parameters.map((p) => (typeof p === "boolean" ? Number(p) : p)) as never[],
        ) as { detail: string }[];
        plans.push({ sql: compiled.sql, plan: rows.map((r) => r.detail) });
        return args.node;
      },
      transformResult: (args) => Promise.resolve(args.result),
    };
    const db = ctx.db.withPlugin(capture);
    for (const scope of ["all", [2, 3]] as const) {
      await listSoftware(db, { scope, search: "o", limit: 50, offset: 0 });
      await softwareVersions(db, 1, scope);
      await versionComputers(db, [10], { scope, limit: 50, offset: 0 });
      await versionComputers(db, [10, 11, 12], { scope, limit: 50, offset: 0 });
    }
    // A page of one version stops after its rows: read in index order, nothing sorted.
    const oneVersion = plans.filter((p) =>
      p.sql.includes('"versionId"') && /in \(\?\)/.test(p.sql)
    );
    assert.equal(oneVersion.length, 2);
    for (const { sql, plan } of oneVersion) {
      assert.deepEqual(plan.filter((d) => d.includes("TEMP B-TREE")), [], `${sql}\n${plan}`);
    }
    const touchingInstalls = plans.filter((p) => p.sql.includes("software_installs"));
    assert.ok(touchingInstalls.length >= 10, `${touchingInstalls.length} queries captured`);
    for (const { sql, plan } of touchingInstalls) {
      const scans = plan.filter((d) => /^SCAN (i|software_installs)\b/.test(d));
      assert.deepEqual(scans, [], `${sql}\n${plan.join("\n")}`);
      assert.ok(
        plan.some((d) => /software_installs_version|PRIMARY KEY \(computer_id=\?\)/.test(d)),
        `${sql}\n${plan.join("\n")}`,
      );
    }
  });
});
