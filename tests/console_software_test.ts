/**
 * The software catalogue through the real app with real sessions: search, detail with versions
 * and the computers of a version, and entity scoping (a technician of Paris never sees or counts
 * Lyon's computers, nor trashed ones).
 *
 * @module
 */

import assert from "node:assert/strict";
import type { ServerContext } from "../server/context.ts";
import { createTestUser } from "./_helpers/auth.ts";
import { signedIn } from "./_helpers/console.ts";
import { addEntity, withContext } from "./_helpers/context.ts";

/** Firefox 120 on Paris's pc-paris-1 and pc-paris-2 (and trashed pc-paris-old), 121 on
 * pc-paris-2 and Lyon's pc-lyon-1; "Lyon Secret" only on pc-lyon-1. */
async function seed(ctx: ServerContext): Promise<void> {
  await addEntity(ctx, 2, 1, "Paris");
  await addEntity(ctx, 3, 1, "Lyon");
  const now = "2026-11-21T08:00:00.000Z";
  for (
    const [id, name, entity_id, is_deleted] of [
      [1, "pc-paris-1", 2, 0],
      [2, "pc-lyon-1", 3, 0],
      [3, "pc-paris-old", 2, 1],
      [4, "pc-paris-2", 2, 0],
    ] as const
  ) {
    await ctx.db.insertInto("computers")
      .values({ id, name, entity_id, is_deleted, created_at: now, updated_at: now }).execute();
  }
  for (
    const [id, name, publisher] of [[1, "Mozilla Firefox", "Mozilla"], [2, "Lyon Secret", "Acme"]]
  ) {
    await ctx.db.insertInto("software").values({
      id: id as number,
      name: name as string,
      publisher: publisher as string,
      name_key: (name as string).toLowerCase(),
      publisher_key: (publisher as string).toLowerCase(),
    }).execute();
  }
  await ctx.db.insertInto("software_versions").values([
    { id: 10, software_id: 1, version: "120.0" },
    { id: 11, software_id: 1, version: "121.0" },
    { id: 20, software_id: 2, version: "1.0" },
  ]).execute();
  await ctx.db.insertInto("software_installs").values(
    [[1, 10], [3, 10], [4, 10], [4, 11], [2, 11], [2, 20]].map(([computer_id, version_id]) => ({
      computer_id: computer_id!,
      version_id: version_id!,
      install_date: "2026-01-02",
    })),
  ).execute();
}

/** [name, versions, installations] per row of the catalogue page. */
function rows(html: string): string[][] {
  return [...html.matchAll(
    /<tr[^>]*data-software="\d+"[^>]*>.*?<a [^>]*>([^<]+)<\/a>.*?<td class="num">(\d+)<\/td><td class="num">([\d,]+)<\/td>/g,
  )].map((m) => [m[1]!, m[2]!, m[3]!]);
}

Deno.test("software: search, detail, computers of a version, entity scoping", async () => {
  await withContext(async (ctx) => {
    await seed(ctx);
    const admin = signedIn(ctx, await createTestUser(ctx, "admin", "admin"));
    const paris = signedIn(
      ctx,
      await createTestUser(ctx, "tech-paris", "technician", [
        { entityId: 2, recursive: true },
      ]),
    );

    const list = await admin.page("/software");
    assert.equal(list.status, 200);
    assert.deepEqual(rows(list.html), [["Lyon Secret", "1", "1"], ["Mozilla Firefox", "2", "4"]]);
    assert.match(list.html, /1–2 of 2/);
    const search = await admin.page("/software?search=mozilla");
    assert.deepEqual(rows(search.html), [["Mozilla Firefox", "2", "4"]]);
    assert.match(search.html, /name="search" value="mozilla"/);
    assert.match(
      (await admin.page("/software?search=nothing-like-it")).html,
      /No software matches/,
    );
    assert.match((await admin.page("/software?page=x")).html, /page must be a whole number/);

    // The detail: versions, highest first, and the first version's computers.
    const detail = await admin.page("/software/1");
    assert.equal(detail.status, 200);
    assert.match(detail.html, /2 versions, 4 installations/);
    assert.ok(detail.html.indexOf("121.0") < detail.html.indexOf("120.0"));
    assert.match(detail.html, /Computers with version 121.0/);
    assert.match(detail.html, /href="\/computers\/2"/);
    assert.match(detail.html, /href="\/computers\/4"/);
    const v120 = await admin.page("/software/1?version=10");
    assert.match(v120.html, /Computers with version 120.0/);
    assert.doesNotMatch(v120.html, /pc-paris-old/, "trashed computers are left out");
    assert.match(v120.html, /pc-paris-1/);
    assert.equal((await admin.page("/software/99")).status, 404);

    // Scoped: Paris sees only its computers, in counts and lists.
    const scoped = await paris.page("/software");
    assert.equal(scoped.status, 200);
    assert.deepEqual(rows(scoped.html), [["Lyon Secret", "0", "0"], ["Mozilla Firefox", "2", "3"]]);
    assert.match(scoped.html, /Counts include only computers of your entities/);
    const scopedDetail = await paris.page("/software/1?version=11");
    assert.match(scopedDetail.html, /2 versions, 3 installations in your entities/);
    assert.match(scopedDetail.html, /pc-paris-2/);
    assert.doesNotMatch(scopedDetail.html, /pc-lyon-1|\/computers\/2"/);
    const secret = await paris.page("/software/2");
    assert.match(secret.html, /No computer of your entities has it/);
    assert.doesNotMatch(secret.html, /pc-lyon-1/);
    const asked = await paris.page("/software/2?version=20");
    assert.doesNotMatch(asked.html, /pc-lyon-1/);
  });
});
