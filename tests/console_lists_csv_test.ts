/**
 * The console lists' CSV downloads through the real app: the OCS sources (whose page is not
 * translated yet, but whose CSV is), the automatic actions, the users, the entity and location trees, the separator and headers per the reader's language and
 * `?sep=`, rights (the event log needs "tasks", sources need "settings") and a bad inbox filter
 * refused with a message. The pages' rows are checked in Chromium by
 * console_software_chart_csv_e2e_test.ts.
 *
 * @module
 */

import assert from "node:assert/strict";
import { createEntity } from "../server/registry/tree.ts";
import { addSource } from "../server/sources/store.ts";
import { BUILTIN_TASKS } from "../server/tasks/builtin/mod.ts";
import { ensureTasks } from "../server/tasks/store.ts";
import { createTestUser } from "./_helpers/auth.ts";
import { signedIn } from "./_helpers/console.ts";
import { withPipeline } from "./_helpers/roundtrip.ts";

async function csvLines(response: Response): Promise<string[]> {
  assert.equal(response.status, 200);
  assert.equal(response.headers.get("content-type"), "text/csv; charset=utf-8");
  const bytes = new Uint8Array(await response.arrayBuffer());
  assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf], "UTF-8 byte-order mark");
  return new TextDecoder().decode(bytes.slice(3)).trimEnd().split("\r\n");
}

Deno.test("list CSVs: sources in the reader's language and separator, rights, a bad filter", async () => {
  await withPipeline(async ({ ctx, dataDir }) => {
    await ctx.writes.run((db) =>
      addSource(db, dataDir, {
        name: "paris-ocs",
        kind: "ocs",
        url: "mysql://ocs@db.example/ocsweb",
        password: "secret",
      }, ctx.now())
    );
    const admin = signedIn(ctx, await createTestUser(ctx, "ada", "admin"));
    const reader = signedIn(ctx, await createTestUser(ctx, "rob", "readonly"));

    const fr = await csvLines(
      await admin.fetch("/sources.csv", { headers: { "accept-language": "fr-FR" } }),
    );
    assert.match(fr[0]!, /^"Source OCS";"Base de données";"Active";"Ordinateurs";/);
    assert.match(fr[1]!, /^"paris-ocs";"mysql:\/\/ocs@db\.example:3306\/ocsweb";"oui";"0";/);
    assert.ok(!fr.join("").includes("secret"), "no password in the export");
    const en = await csvLines(await admin.get("/sources.csv"));
    assert.match(en[0]!, /^"Source","Database","Enabled","Computers",/);
    assert.equal(en.length, 2);
    const tab = await csvLines(await admin.get("/sources.csv?sep=tab"));
    assert.match(tab[0]!, /^"Source"\t"Database"\t/);

    assert.equal((await reader.get("/sources.csv")).status, 403);
    assert.equal((await reader.get("/events.csv")).status, 403);
    const events = await csvLines(await admin.get("/events.csv"));
    assert.deepEqual(events, ['"When","Level","Kind","Message"']);

    await ctx.writes.run((db) => ensureTasks(db, BUILTIN_TASKS, ctx.now()));
    const tasks = await csvLines(
      await admin.fetch("/tasks.csv", { headers: { "accept-language": "fr" } }),
    );
    assert.match(tasks[0]!, /^"Action";"Statut";"Fréquence";"Heures";"Dernière exécution";/);
    assert.equal(tasks.length, 1 + BUILTIN_TASKS.length);
    assert.ok(tasks.some((line) => line.startsWith('"backup";')), tasks.join("\n"));
    assert.equal((await reader.get("/tasks.csv")).status, 403);

    const users = await csvLines(
      await admin.fetch("/users.csv", { headers: { "accept-language": "fr" } }),
    );
    assert.equal(users.length, 3);
    assert.match(users[0]!, /^"Identifiant";"Nom";/);
    assert.match(users[1]!, /^"ada";"[^"]*";"admin[^"]*";/);
    assert.match(users[2]!, /^"rob";/);
    assert.ok(!users.join("").includes("$"), "no password hash");
    assert.equal((await reader.get("/users.csv")).status, 403);

    await ctx.writes.run((db) => createEntity(db, "Lyon"));
    const entities = await csvLines(
      await admin.fetch("/entities.csv", { headers: { "accept-language": "fr" } }),
    );
    assert.match(entities[0]!, /^"Nom";"TAG";"Ordinateurs";"/);
    assert.ok(entities.some((l) => /^"[^"]*Lyon";"";"0";"0"$/.test(l)), entities.join("\n"));
    const locations = await csvLines(await admin.get("/locations.csv"));
    assert.deepEqual(locations, ['"Name","Computers","In all"']);

    const bad = await admin.get("/devices.csv?status=lost");
    assert.equal(bad.status, 400);
    assert.match(await bad.text(), /lost/);
    const noVersion = await admin.get("/software/1/computers.csv?version=999");
    assert.equal(noVersion.status, 404);
    await noVersion.body?.cancel();
  });
});
