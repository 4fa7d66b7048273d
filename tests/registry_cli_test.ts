/**
 * The registry from the command line, as an admin uses it: import offline inventories, sync,
 * configure entities and rules, edit and lock, dry-run the rules, trash and purge. Each command
 * runs as its own process on one data directory.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { encodeBody } from "../protocol/mod.ts";
import { runCli } from "./_helpers/cli.ts";
import { machineXml } from "./_helpers/fleet.ts";
import { fixturePath } from "./_helpers/fixtures.ts";

Deno.test("registry CLI: import, sync, entities, rules, edit with locks, dry run, trash and purge", async () => {
  const data = await Deno.makeTempDir({ prefix: "inventory-registry-cli-" });
  const files = await Deno.makeTempDir({ prefix: "inventory-registry-cli-files-" });
  const cli = async (...args: string[]) => {
    const run = await runCli([...args, "--data", data]);
    return run;
  };
  const ok = async (...args: string[]) => {
    const run = await cli(...args);
    assert.equal(run.code, 0, `${args.join(" ")}: ${run.stderr}${run.stdout}`);
    return run.stdout;
  };
  try {
    const paris = machineXml({
      deviceid: "cli-paris-2026-01-01-00-00-00",
      name: "cli-paris",
      serial: "CLI-1",
      uuid: "CLI-U1",
      macs: ["00:00:5e:00:53:01"],
      tag: "PARIS",
    });
    const lab = machineXml({
      deviceid: "cli-lab-2026-01-01-00-00-00",
      name: "cli-lab",
      serial: "CLI-2",
      uuid: "CLI-U2",
      macs: ["00:00:5e:00:53:02"],
      tag: "LAB",
    });
    await Deno.writeFile(join(files, "paris.ocs"), encodeBody(paris, "zlib"));
    await Deno.writeTextFile(join(files, "lab.xml"), lab);

    // Configuration by CLI only: an entity with a TAG, an entity-from-TAG rule, a TAG exclusion.
    await ok("entities", "add", "Paris", "--tag", "PARIS");
    await Deno.writeTextFile(
      join(files, "rules.json"),
      JSON.stringify({
        format: "inventory-rules",
        version: 1,
        rules: [{
          collection: "entity",
          name: "Entity from TAG",
          ranking: 0,
          criteria: [{ field: "tag", operator: "regex", pattern: "/^(PARIS)$/" }],
          actions: [{ type: "regex_result", field: "_entity_by_tag", value: "#0" }],
        }],
      }),
    );
    assert.match(await ok("rules", "import", join(files, "rules.json")), /1 added/);
    await ok("settings", "set", "tagsExclude", "LAB");

    // The dry run changes nothing and explains itself.
    const test = await ok("rules", "test", "--file", join(files, "paris.ocs"));
    assert.match(test, /would CREATE a computer/);
    assert.match(test, /Entity from TAG/);
    assert.match(await ok("computers", "list", "--json"), /"total": 0/);

    await ok("import", join(files, "paris.ocs"), join(files, "lab.xml"));
    const sync = JSON.parse(await ok("sync", "--json"));
    assert.equal(sync.counts.imported, 1);
    assert.equal(sync.counts.not_imported, 1);

    const inbox = JSON.parse(await ok("inbox", "--json"));
    assert.equal(inbox.total, 1);
    assert.match(inbox.items[0].reason, /TAG "LAB" is in the settings' TAG exclude list/);

    const list = JSON.parse(await ok("computers", "list", "--json"));
    assert.equal(list.total, 1);
    const computer = list.items[0];
    assert.equal(computer.entity, "Root entity > Paris");

    // Edit → locked; show marks it.
    await ok("locations", "add", "HQ > Floor 2");
    await ok("computers", "set", String(computer.id), "--location", "HQ > Floor 2");
    const shown = JSON.parse(await ok("computers", "show", String(computer.id), "--json"));
    assert.equal(shown.computer.location, "HQ > Floor 2");
    assert.deepEqual(shown.locks.map((l: { field: string }) => l.field), ["location_id"]);
    assert.match(await ok("computers", "show", String(computer.id)), /🔒/);

    // Approve the excluded device by hand.
    assert.match(await ok("inbox", "import", "cli-lab-2026-01-01-00-00-00"), /imported → computer/);

    // Bad input: a broken rules file changes nothing and says where.
    await Deno.writeTextFile(
      join(files, "bad.json"),
      JSON.stringify({
        format: "inventory-rules",
        version: 1,
        rules: [{
          collection: "import",
          name: "x",
          criteria: [{ field: "serial", operator: "almost", pattern: "" }],
          actions: [],
        }],
      }),
    );
    const bad = await cli("rules", "import", join(files, "bad.json"));
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /rules\[0\]/);
    const unknownSetting = await cli("settings", "set", "frobnicate", "1");
    assert.equal(unknownSetting.code, 2);

    // Trash both, purge the trash, history tells the story.
    const all = JSON.parse(await ok("computers", "list", "--json")).items.map((
      c: { id: number },
    ) => String(c.id));
    assert.equal(all.length, 2);
    assert.match(await ok("computers", "trash", ...all), /trashed 2 computers/);
    assert.match(await ok("computers", "purge", "--trashed"), /purged 2 computers/);
    assert.match(await ok("computers", "list", "--json"), /"total": 0/);
    assert.ok(fixturePath("unixagent-2.10-debian12-full.xml"));
  } finally {
    await Deno.remove(data, { recursive: true });
    await Deno.remove(files, { recursive: true });
  }
});

Deno.test("registry commands answer --help", async () => {
  for (
    const command of ["computers", "sync", "inbox", "rules", "settings", "entities", "locations"]
  ) {
    const run = await runCli([command, "--help"]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^Usage: inventory /m);
  }
});
