/**
 * Existing OCS servers as sources, end to end with real parts: a throw-away MariaDB with the OCS
 * schema, Debian's OCS communication server (Apache + mod_perl) on loopback, the real
 * `ocsinventory-agent` reporting to it, then `inventory` reading that database. One MariaDB and
 * two OCS servers serve every step (start-up ~3 s).
 *
 * Deleting a machine in OCS is done as the OCS console does it (its rows removed, a
 * `deleted_equiv` row written when TRACE_DELETED is on): the console (PHP) is not started.
 * Merges are the OCS server's own: a machine reporting again under a new DEVICEID.
 *
 * @module
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import type { ServerContext } from "../server/context.ts";
import { purgeComputers } from "../server/registry/trash.ts";
import { syncSource } from "../server/sources/ocs/sync.ts";
import { addSource, findSource, type SourceRow } from "../server/sources/store.ts";
import { createTestUser } from "./_helpers/auth.ts";
import { runCli } from "./_helpers/cli.ts";
import { signedIn } from "./_helpers/console.ts";
import { addEntity } from "./_helpers/context.ts";
import { baseContent, machineXml } from "./_helpers/fleet.ts";
import {
  postToOcs,
  runOcsAgent,
  startMariaDb,
  startOcsServer,
  type TestMariaDb,
  type TestOcsServer,
} from "./_helpers/ocs_server.ts";
import { startTestServer, type TestServer } from "./_helpers/server.ts";

const PASSWORD_A = "pw-A-s3cret";
const PASSWORD_B = "pw-B-s3cret";

/** Sections the OCS server stored for machine `id`: its detail tables with rows. */
async function storedSections(db: TestMariaDb, database: string, id: number): Promise<string[]> {
  const tables = (await db.sql(
    "information_schema",
    `SELECT TABLE_NAME FROM COLUMNS WHERE TABLE_SCHEMA='${database}' AND COLUMN_NAME='HARDWARE_ID'`,
  )).split("\n").slice(1).filter(Boolean);
  const out: string[] = [];
  for (const table of tables) {
    const n = Number(
      (await db.sql(database, `SELECT COUNT(*) FROM \`${table}\` WHERE HARDWARE_ID=${id}`))
        .split("\n")[1],
    );
    if (n > 0) out.push(table);
  }
  return out;
}

async function ocsIds(db: TestMariaDb, database: string, where = "1"): Promise<number[]> {
  return (await db.sql(database, `SELECT ID FROM hardware WHERE ${where} ORDER BY ID`))
    .split("\n").slice(1).filter(Boolean).map(Number);
}

/** What the OCS console does on "delete": rows gone, a trace when TRACE_DELETED is on. */
async function deleteInOcs(db: TestMariaDb, database: string, id: number): Promise<void> {
  const tables = (await db.sql(
    "information_schema",
    `SELECT TABLE_NAME FROM COLUMNS WHERE TABLE_SCHEMA='${database}' AND COLUMN_NAME='HARDWARE_ID'`,
  )).split("\n").slice(1).filter(Boolean);
  const statements = tables.map((t) => `DELETE FROM \`${t}\` WHERE HARDWARE_ID=${id};`);
  await db.sql(
    database,
    `${statements.join("\n")}
     DELETE FROM hardware WHERE ID=${id};
     INSERT INTO deleted_equiv (DELETED, EQUIVALENT) VALUES ('${id}', NULL);`,
  );
}

async function computerOfDevice(ctx: ServerContext, deviceid: string) {
  return await ctx.db.selectFrom("computer_links")
    .innerJoin("computers", "computers.id", "computer_links.computer_id")
    .select([
      "computers.id",
      "computers.entity_id",
      "computers.location_id",
      "computers.is_deleted",
    ])
    .where("computer_links.deviceid", "=", deviceid).executeTakeFirst();
}

Deno.test("OCS sources: real agent → real OCS server → import, direct report, deletions, merges, two sources, errors", async (t) => {
  const dir = await Deno.makeTempDir({ prefix: "inventory-ocs-source-" });
  let mariadb: TestMariaDb | undefined;
  let ocsA: TestOcsServer | undefined;
  let ocsB: TestOcsServer | undefined;
  let server: TestServer | undefined;
  try {
    mariadb = await startMariaDb(dir);
    await mariadb.createOcsDatabase("ocsa", "ocsa", PASSWORD_A);
    await mariadb.createOcsDatabase("ocsb", "ocsb", PASSWORD_B);
    for (const db of ["ocsa", "ocsb"]) {
      await mariadb.sql(db, "UPDATE config SET IVALUE=1 WHERE NAME='TRACE_DELETED'");
    }
    ocsA = await startOcsServer(dir, mariadb, "ocsa", "ocsa", PASSWORD_A);
    ocsB = await startOcsServer(dir, mariadb, "ocsb", "ocsb", PASSWORD_B);
    const urlA = `mysql://ocsa:${PASSWORD_A}@127.0.0.1:${mariadb.port}/ocsa`;
    const urlB = `mysql://ocsb:${PASSWORD_B}@127.0.0.1:${mariadb.port}/ocsb`;

    // The inventory server: its context is used directly, and it answers agents over HTTP.
    server = await startTestServer({ scheduler: false });
    const ctx = server.server.ctx;
    await addEntity(ctx, 10, 1, "Site A");
    await addEntity(ctx, 11, 1, "Site B");
    let siteA: SourceRow = await addSource(ctx.db, server.dataDir, {
      name: "site-a",
      kind: "ocs",
      url: urlA,
      // No wait for OCS to settle: the test posts and reads at once.
      options: { entity: "Site A", tagLocation: true, settleSeconds: 0 },
    }, ctx.now());
    const sync = async (name: string) => {
      const row = (await findSource(ctx.db, name))!;
      return await syncSource(ctx, row);
    };

    let agentDeviceid = "";
    await t.step(
      "the real agent reports to OCS; inventory imports every stored section, TAG → location",
      async () => {
        await runOcsAgent(ocsA!.url, join(dir, "agent-ocs"), ["--tag=PARIS"]).catch(async (e) => {
          throw new Error(`${e.message}\n${await ocsA!.errorLog()}`);
        });
        const [id] = await ocsIds(mariadb!, "ocsa");
        assert.ok(id, "the OCS server stored the agent's machine");
        agentDeviceid = (await mariadb!.sql("ocsa", `SELECT DEVICEID FROM hardware WHERE ID=${id}`))
          .split("\n")[1]!;

        const result = await sync("site-a");
        assert.equal(result.stored, 1);
        assert.equal(result.imported, 1);
        assert.deepEqual(result.errors, []);

        const device = await ctx.db.selectFrom("devices").select(["id", "tag"])
          .where("deviceid", "=", agentDeviceid).executeTakeFirstOrThrow();
        assert.equal(device.tag, "PARIS");
        const sections = new Set(
          (await ctx.db.selectFrom("device_sections").select("section")
            .where("device_id", "=", device.id).execute()).map((r) => r.section),
        );
        const stored = await storedSections(mariadb!, "ocsa", id);
        assert.ok(stored.includes("software") && stored.includes("cpus"), stored.join());
        for (const table of stored) {
          const section = table === "software" ? "SOFTWARES" : table.toUpperCase();
          assert.ok(
            sections.has(section),
            `section ${section} (OCS table ${table}) is on the device`,
          );
        }

        const computer = await computerOfDevice(ctx, agentDeviceid);
        assert.ok(computer, "the machine is a computer");
        assert.equal(computer.entity_id, 10, "the source's entity");
        const location = await ctx.db.selectFrom("locations").select("name")
          .where("id", "=", computer.location_id!).executeTakeFirstOrThrow();
        assert.equal(location.name, "PARIS", "TAG → location");
        // The registry has the sections' content: software, ports, components.
        const count = async (table: "software_installs" | "network_ports" | "components") =>
          Number(
            (await ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n"))
              .where("computer_id", "=", computer.id).executeTakeFirstOrThrow()).n,
          );
        const ocsSoftware = Number(
          (await mariadb!.sql(
            "ocsa",
            `SELECT COUNT(DISTINCT NAME_ID, VERSION_ID) FROM software WHERE HARDWARE_ID=${id}`,
          ))
            .split("\n")[1],
        );
        assert.ok(ocsSoftware > 100);
        assert.equal(await count("software_installs"), ocsSoftware);
        assert.ok(await count("network_ports") > 0);
        assert.ok(await count("components") > 0);

        // A second run with nothing changed reads nothing.
        const again = await sync("site-a");
        assert.equal(again.stored, 0);
      },
    );

    await t.step(
      "the same machine then reports directly with a new DEVICEID: still one computer",
      async () => {
        await runOcsAgent(`${server!.url}/ocsinventory`, join(dir, "agent-direct"), [
          "--tag=PARIS",
        ]);
        const devices = await ctx.db.selectFrom("devices").select(["id", "deviceid"]).execute();
        assert.equal(devices.length, 2, "two devices: through OCS and direct");
        assert.notEqual(devices[0]!.deviceid, devices[1]!.deviceid);
        const { syncBatch } = await import("../server/registry/batch.ts");
        await syncBatch(ctx);
        const computers = await ctx.db.selectFrom("computers").select("id").execute();
        assert.equal(computers.length, 1, "one computer");
        const links = await ctx.db.selectFrom("computer_links").select("computer_id").execute();
        assert.equal(links.length, 2);
        assert.ok(links.every((l) => l.computer_id === computers[0]!.id));
        // The computer stays when OCS forgets the machine: the direct device still feeds it.
        const [id] = await ocsIds(mariadb!, "ocsa");
        await deleteInOcs(mariadb!, "ocsa", id!);
        const result = await sync("site-a");
        assert.equal(result.trashed, 1);
        const computer = await ctx.db.selectFrom("computers").select("is_deleted")
          .where("id", "=", computers[0]!.id).executeTakeFirstOrThrow();
        assert.equal(computer.is_deleted, 0, "another device still feeds it");
      },
    );

    const machine = (n: number, deviceid: string, tag = "LYON") =>
      machineXml({
        deviceid,
        name: `ocs-pc-${n}`,
        serial: `SER-OCS-${n}`,
        uuid: `4c4c4544-0000-0000-0000-00000000000${n}`,
        macs: [`00:16:3e:00:00:0${n}`],
        tag,
      });

    await t.step(
      "deleted in OCS (TRACE_DELETED on) → trashed at the next sync; purged → comes back",
      async () => {
        assert.equal(
          (await postToOcs(ocsA!.url, machine(3, "ocs-pc-3-2026-01-01-00-00-00"))).status,
          200,
        );
        let result = await sync("site-a");
        assert.equal(result.imported, 1);
        const before = await computerOfDevice(ctx, "ocs-pc-3-2026-01-01-00-00-00");
        assert.ok(before && before.is_deleted === 0);

        const [id] = await ocsIds(mariadb!, "ocsa", "NAME='ocs-pc-3'");
        await deleteInOcs(mariadb!, "ocsa", id!);
        result = await sync("site-a");
        assert.equal(result.trashed, 1);
        const trashed = await ctx.db.selectFrom("computers").select("is_deleted")
          .where("id", "=", before.id).executeTakeFirstOrThrow();
        assert.equal(trashed.is_deleted, 1, "trashed (deletedBehaviour: trash)");

        assert.equal(await purgeComputers(ctx.db, [before.id], ctx.now()), 1);
        const gone = await ctx.db.selectFrom("computers").select("id")
          .where("id", "=", before.id).executeTakeFirst();
        assert.equal(gone, undefined, "purged");
        // The machine reports to OCS again: a new OCS id, imported again.
        assert.equal(
          (await postToOcs(ocsA!.url, machine(3, "ocs-pc-3-2026-01-01-00-00-00"))).status,
          200,
        );
        result = await sync("site-a");
        assert.equal(result.imported, 1);
        const back = await computerOfDevice(ctx, "ocs-pc-3-2026-01-01-00-00-00");
        assert.ok(back && back.is_deleted === 0, "a computer again");
        // SQLite may give the new computer the purged one's id: count by name instead.
        const named = await ctx.db.selectFrom("computers").select("id")
          .where("name", "=", "ocs-pc-3").execute();
        assert.equal(named.length, 1);
      },
    );

    await t.step(
      "merged by OCS (a new DEVICEID for the same machine) → the computer is relinked",
      async () => {
        assert.equal(
          (await postToOcs(ocsA!.url, machine(4, "ocs-pc-4-2026-01-01-00-00-00"))).status,
          200,
        );
        await sync("site-a");
        const before = await computerOfDevice(ctx, "ocs-pc-4-2026-01-01-00-00-00");
        assert.ok(before);
        // The OCS server's duplicate detection merges the old row into the new one.
        assert.equal(
          (await postToOcs(ocsA!.url, machine(4, "ocs-pc-4-2026-02-02-00-00-00"))).status,
          200,
        );
        const equiv = await mariadb!.sql("ocsa", "SELECT DELETED, EQUIVALENT FROM deleted_equiv");
        assert.match(equiv, /\n\d+\t\d+/, `OCS recorded the merge: ${equiv}`);
        const result = await sync("site-a");
        assert.equal(result.merged, 1);
        const after = await computerOfDevice(ctx, "ocs-pc-4-2026-02-02-00-00-00");
        assert.ok(after, "the new DEVICEID is linked");
        assert.equal(after.id, before.id, "to the same computer");
        assert.equal(after.is_deleted, 0);
        assert.equal(await computerOfDevice(ctx, "ocs-pc-4-2026-01-01-00-00-00"), undefined);
      },
    );

    await t.step(
      "two OCS databases aggregate into one registry, each in its own entity",
      async () => {
        await addSource(ctx.db, server!.dataDir, {
          name: "site-b",
          kind: "ocs",
          url: urlB,
          options: { entity: "Site B", settleSeconds: 0 },
        }, ctx.now());
        assert.equal(
          (await postToOcs(ocsB!.url, machine(5, "ocs-pc-5-2026-01-01-00-00-00", "LYON"))).status,
          200,
        );
        const result = await sync("site-b");
        assert.equal(result.imported, 1);
        // A run cut short (limit, stop, crash) resumes where its cursor stopped.
        for (const n of [6, 7]) {
          const xml = machine(n, `ocs-pc-${n}-2026-01-01-00-00-00`, "LYON");
          assert.equal((await postToOcs(ocsB!.url, xml)).status, 200);
        }
        const cut = await syncSource(ctx, (await findSource(ctx.db, "site-b"))!, { limit: 1 });
        assert.equal(cut.stored, 1);
        assert.equal(cut.more, true);
        const b = await computerOfDevice(ctx, "ocs-pc-5-2026-01-01-00-00-00");
        assert.equal(b?.entity_id, 11);
        const a = await computerOfDevice(ctx, "ocs-pc-3-2026-01-01-00-00-00");
        assert.equal(a?.entity_id, 10);
        siteA = (await findSource(ctx.db, "site-a"))!;
        assert.ok(siteA.imported >= 3 && siteA.trashed >= 2 && siteA.merged === 1);
        // The password is stored encrypted, never in clear.
        assert.ok(siteA.password_enc && !siteA.password_enc.includes(PASSWORD_A));
        assert.ok(!siteA.url.includes(PASSWORD_A));
      },
    );

    await t.step(
      "API: list, show, sync now, add refused with the one-line reason; no password out",
      async () => {
        const get = async (path: string, init: RequestInit = {}) => {
          const response = await fetch(`${server!.url}/api/v1${path}`, server!.authorized(init));
          return { status: response.status, text: await response.text() };
        };
        const list = await get("/sources");
        assert.equal(list.status, 200);
        assert.deepEqual(JSON.parse(list.text).items.map((s: { name: string }) => s.name), [
          "site-a",
          "site-b",
        ]);
        assert.ok(!list.text.includes(PASSWORD_A) && !list.text.includes(PASSWORD_B));
        const one = JSON.parse((await get("/sources/site-a")).text);
        assert.equal(one.password, "stored");
        assert.ok(one.counts.computers >= 2 && one.counts.trashed >= 2);
        // The automatic action takes the rest of site-b.
        const task = await get("/tasks/sync-sources/run", { method: "POST" });
        assert.equal(task.status, 200, task.text);
        assert.ok(await computerOfDevice(ctx, "ocs-pc-7-2026-01-01-00-00-00"), task.text);
        const synced = await get("/sources/site-b/sync", { method: "POST" });
        assert.equal(synced.status, 200, synced.text);
        assert.equal(JSON.parse(synced.text).stored, 0, "nothing changed");
        const refused = await get("/sources", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ name: "bad", url: urlA.replace(PASSWORD_A, "wrong") }),
        });
        assert.equal(refused.status, 400);
        assert.match(JSON.parse(refused.text).message, /access denied/);
        assert.equal((await get("/sources/bad")).status, 404, "nothing stored");
        // A computer OCS inventoried a moment ago waits out the settle delay (OCS may still be
        // writing it), then comes at the next run.
        const patch = (seconds: number) =>
          get("/sources/site-b", {
            method: "PATCH",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ settle_seconds: seconds }),
          });
        assert.equal((await patch(3600)).status, 200);
        // One second ahead: LASTDATE counts whole seconds, and on a fast machine this whole step
        // runs within the second ocs-pc-6 was stored in, so NOW() would change nothing.
        await mariadb!.sql(
          "ocsb",
          "UPDATE hardware SET LASTDATE = NOW() + INTERVAL 1 SECOND WHERE NAME = 'ocs-pc-6'",
        );
        const early = JSON.parse((await get("/sources/site-b/sync", { method: "POST" })).text);
        assert.equal(early.stored, 0, "not settled yet");
        await new Promise((resolve) => setTimeout(resolve, 1_200));
        assert.equal((await patch(0)).status, 200);
        const settled = JSON.parse((await get("/sources/site-b/sync", { method: "POST" })).text);
        assert.equal(settled.stored, 1);
        // Each source has its own automatic period (at least the task's minute).
        const every = (seconds: number) =>
          get("/sources/site-b", {
            method: "PATCH",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ every_seconds: seconds }),
          });
        assert.equal((await every(900)).status, 200);
        assert.equal(JSON.parse((await get("/sources/site-b")).text).options.everySeconds, 900);
        const tooOften = await every(30);
        assert.equal(tooOften.status, 400);
        assert.match(JSON.parse(tooOften.text).message, /at least 60/);
      },
    );

    await t.step(
      "console: list, one source with its totals, add refused with the reason, sync now",
      async () => {
        const admin = signedIn(ctx, await createTestUser(ctx, "console-admin", "admin"));
        const list = await admin.page("/sources");
        assert.equal(list.status, 200);
        assert.match(list.html, /data-source="site-a"/);
        assert.match(list.html, /data-source="site-b"/);
        assert.ok(!list.html.includes(PASSWORD_A));
        const one = await admin.page("/sources/site-a");
        assert.equal(one.status, 200);
        assert.match(one.html, /\d+ imported, \d+ updated, \d+ deleted in OCS, 1 merged/);
        const refused = await admin.submit("/sources", {
          name: "bad",
          url: `mysql://ocsa@127.0.0.1:${mariadb!.port}/ocsa`,
          password: "wrong",
        });
        assert.equal(refused.status, 400);
        assert.match(refused.html, /access denied/);
        assert.ok(!refused.html.includes('wrong"'), "the password is not sent back");
        const synced = await admin.submit("/sources/site-b/sync");
        assert.equal(synced.status, 200);
        assert.match(synced.html, /Synchronised: 0 read/);
        const reader = signedIn(ctx, await createTestUser(ctx, "console-reader", "readonly"));
        assert.equal((await reader.get("/sources")).status, 403);
      },
    );

    await t.step(
      "CLI: add tests first; the four errors are one line naming the fix, nothing stored",
      async () => {
        const data = join(dir, "cli-data");
        await mariadb!.createOcsDatabase("ocsoff", "ocsoff", "pw-off");
        await mariadb!.sql("mysql", "CREATE DATABASE notocs; CREATE TABLE notocs.t (id int)");
        await mariadb!.sql("mysql", "GRANT SELECT ON notocs.* TO 'ocsa'@'127.0.0.1'");
        const closed = Deno.listen({ hostname: "127.0.0.1", port: 0 });
        const closedPort = (closed.addr as Deno.NetAddr).port;
        closed.close();
        const cases: [string, string, RegExp][] = [
          [
            "trace-off",
            `mysql://ocsoff:pw-off@127.0.0.1:${mariadb!.port}/ocsoff`,
            /TRACE_DELETED off.*turn it on/,
          ],
          [
            "wrong-pw",
            `mysql://ocsa:nope@127.0.0.1:${mariadb!.port}/ocsa`,
            /access denied.*wrong user or password.*inventory sources set/,
          ],
          [
            "unreachable",
            `mysql://ocsa:x@127.0.0.1:${closedPort}/ocsa`,
            /cannot reach 127\.0\.0\.1:\d+.*check the host and port/,
          ],
          [
            "not-ocs",
            `mysql://ocsa:${PASSWORD_A}@127.0.0.1:${mariadb!.port}/notocs`,
            /not an OCS Inventory database.*point --url/,
          ],
        ];
        for (const [name, url, expected] of cases) {
          const run = await runCli(["sources", "add", "ocs", name, "--url", url, "--data", data]);
          assert.equal(run.code, 1, `${name}: ${run.stderr}`);
          const lines = run.stderr.trim().split("\n");
          assert.equal(lines.length, 1, `${name}: one line: ${run.stderr}`);
          assert.match(lines[0]!, expected);
          assert.ok(
            !run.stderr.includes("pw-off") && !run.stderr.includes("nope"),
            "no password echoed",
          );
        }
        const list = await runCli(["sources", "list", "--json", "--data", data]);
        assert.deepEqual(JSON.parse(list.stdout).items, [], "nothing stored");

        // The happy path from the CLI: add (tested), sync with its summary, show without password.
        const add = await runCli([
          "sources",
          "add",
          "ocs",
          "site-a",
          "--url",
          urlA,
          "--settle",
          "0",
          "--data",
          data,
        ]);
        assert.equal(add.code, 0, add.stderr);
        assert.ok(!add.stdout.includes(PASSWORD_A));
        const synced = await runCli(["sources", "sync", "site-a", "--json", "--data", data]);
        assert.equal(synced.code, 0, synced.stderr);
        const [run] = JSON.parse(synced.stdout);
        assert.ok(run.imported >= 2, synced.stdout);
        const show = await runCli(["sources", "show", "site-a", "--data", data]);
        assert.match(show.stdout, /password: +stored/);
        assert.ok(!show.stdout.includes(PASSWORD_A));
        // A source whose TRACE_DELETED is later turned off fails its next sync with the same line.
        await mariadb!.sql("ocsa", "UPDATE config SET IVALUE=0 WHERE NAME='TRACE_DELETED'");
        const refused = await runCli(["sources", "sync", "site-a", "--data", data]);
        await mariadb!.sql("ocsa", "UPDATE config SET IVALUE=1 WHERE NAME='TRACE_DELETED'");
        assert.equal(refused.code, 1);
        assert.match(refused.stderr, /TRACE_DELETED off/);

        // The other options, on a data directory of their own: the password from the
        // environment, a section not imported, the TAG choosing the entity, OCS's dictionary.
        const data2 = join(dir, "cli-options");
        const env = { OCSA_PASSWORD: PASSWORD_A };
        const lyon = await runCli(["entities", "add", "Lyon", "--tag", "LYON", "--data", data2]);
        assert.equal(lyon.code, 0, lyon.stderr);
        const softwareName = (baseContent().SOFTWARES as { NAME: string }[])[0]!.NAME;
        await mariadb!.sql(
          "ocsa",
          `INSERT INTO dico_soft (EXTRACTED, FORMATTED) VALUES ('${softwareName}', 'Renamed by OCS')`,
        );
        const urlWithoutPassword = urlA.replace(`:${PASSWORD_A}@`, "@");
        const addC = await runCli([
          ...["sources", "add", "ocs", "site-c", "--url", urlWithoutPassword],
          ...["--password-env", "OCSA_PASSWORD", "--skip", "CONTROLLERS", "--soft-dict", "yes"],
          ...["--tag-entity", "yes", "--settle", "0", "--data", data2],
        ], { env });
        assert.equal(addC.code, 0, addC.stderr);
        const syncC = await runCli(["sources", "sync", "site-c", "--json", "--data", data2], {
          env,
        });
        assert.equal(syncC.code, 0, syncC.stderr);
        const db = new DatabaseSync(join(data2, "inventory.sqlite"), { readOnly: true });
        try {
          const entity = db.prepare("select id from entities where name = 'Lyon'").get() as {
            id: number;
          };
          const placed = db.prepare(
            `select d.tag, c.entity_id from computer_links l join devices d on d.id = l.device_id
             join computers c on c.id = l.computer_id`,
          ).all() as { tag: string; entity_id: number }[];
          assert.ok(placed.some((p) => p.tag === "LYON"), JSON.stringify(placed));
          for (const p of placed.filter((p) => p.tag === "LYON")) {
            assert.equal(p.entity_id, entity.id, "the TAG chose the entity");
          }
          const controllers = db.prepare(
            "select count(*) as n from device_sections where section = 'CONTROLLERS'",
          ).get() as { n: number };
          assert.equal(controllers.n, 0, "CONTROLLERS not imported");
          const software = (db.prepare(
            "select data from device_sections where section = 'SOFTWARES'",
          ).all() as { data: string }[]).flatMap((r) => JSON.parse(r.data) as { NAME?: string }[]);
          assert.ok(software.some((e) => e.NAME === "Renamed by OCS"), "OCS's dictionary applied");
          assert.ok(!software.some((e) => e.NAME === softwareName));
        } finally {
          db.close();
        }
        // Without the variable: one line naming it, nothing read.
        const noEnv = await runCli(["sources", "sync", "site-c", "--data", data2]);
        assert.equal(noEnv.code, 1);
        assert.match(noEnv.stderr.trim(), /^[^\n]*\$OCSA_PASSWORD, which is not set[^\n]*$/);
      },
    );
  } finally {
    await server?.stop();
    await ocsA?.stop();
    await ocsB?.stop();
    await mariadb?.stop();
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  }
});
