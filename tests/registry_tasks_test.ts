/**
 * The registry's automatic actions on real processes and data: a new inventory posted to a
 * running server is in the registry within 5 seconds with default settings (ingestion triggers
 * the sync task), and the stale-devices, purge-trash and retry tasks do their job when run.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { encodeBody } from "../protocol/mod.ts";
import { runCli } from "./_helpers/cli.ts";
import { machineXml } from "./_helpers/fleet.ts";
import { spawnServe } from "./_helpers/serve_process.ts";

Deno.test("a new inventory posted to the server is in the registry within 5 seconds", async () => {
  const data = await Deno.makeTempDir({ prefix: "inventory-realtime-" });
  const server = await spawnServe(data);
  try {
    const deviceid = "realtime-2026-11-21-00-00-00";
    const xml = machineXml({
      deviceid,
      name: "realtime",
      serial: "RT-1",
      uuid: "RT-U1",
      macs: ["00:00:5e:00:53:aa"],
    });
    const posted = performance.now();
    const response = await fetch(`${server.url}/ocsinventory`, {
      method: "POST",
      headers: {
        "User-Agent": "OCS-NG_unified_unix_agent_v2.10.0",
        "Content-Type": "application/x-compress",
      },
      body: encodeBody(xml, "zlib"),
    });
    assert.equal(response.status, 200);
    await response.body?.cancel();
    const db = new DatabaseSync(join(data, "inventory.sqlite"), { readOnly: true });
    try {
      let linked = false;
      while (performance.now() - posted < 5000) {
        const row = db.prepare(
          "select c.name from computer_links l join computers c on c.id = l.computer_id where l.deviceid = ?",
        ).get(deviceid) as { name: string } | undefined;
        if (row) {
          assert.equal(row.name, "realtime");
          linked = true;
          break;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      assert.ok(linked, `not in the registry 5 s after the POST:\n${server.log()}`);
    } finally {
      db.close();
    }
  } finally {
    await server.stop();
    await Deno.remove(data, { recursive: true });
  }
});

Deno.test("stale-devices trashes, purge-trash purges, retry-not-imported imports after a rule change", async () => {
  const data = await Deno.makeTempDir({ prefix: "inventory-registry-tasks-" });
  const ok = async (...args: string[]) => {
    const run = await runCli([...args, "--data", data]);
    assert.equal(run.code, 0, `${args.join(" ")}: ${run.stderr}${run.stdout}`);
    return run.stdout;
  };
  try {
    const file = join(data, "old.xml");
    await Deno.writeTextFile(
      file,
      machineXml({
        deviceid: "old-2026-01-01-00-00-00",
        name: "old",
        serial: "OLD-1",
        uuid: "OLD-U",
        macs: ["00:00:5e:00:53:bb"],
        tag: "KEEP",
      }),
    );
    const lab = join(data, "lab.xml");
    await Deno.writeTextFile(
      lab,
      machineXml({
        deviceid: "lab-2026-01-01-00-00-00",
        name: "lab",
        serial: "LAB-1",
        uuid: "LAB-U",
        macs: ["00:00:5e:00:53:cc"],
        tag: "LAB",
      }),
    );
    await ok("settings", "set", "tagsExclude", "LAB");
    await ok("import", file, lab);
    await ok("tasks", "run", "sync-registry");
    const computers = JSON.parse(await ok("computers", "list", "--json"));
    assert.equal(computers.total, 1);

    // Not seen for 40 days, threshold 30: trashed.
    const db = new DatabaseSync(join(data, "inventory.sqlite"));
    const longAgo = new Date(Date.now() - 40 * 86_400_000).toISOString();
    db.prepare("update devices set last_come = ? where deviceid = ?").run(
      longAgo,
      "old-2026-01-01-00-00-00",
    );
    db.close();
    await ok("settings", "set", "staleDays", "30");
    await ok("tasks", "run", "stale-devices");
    assert.equal(JSON.parse(await ok("computers", "list", "--trashed", "--json")).total, 1);

    // In the trash for 10 days, purge after 7: purged.
    const db2 = new DatabaseSync(join(data, "inventory.sqlite"));
    db2.prepare("update computers set deleted_at = ?").run(
      new Date(Date.now() - 10 * 86_400_000).toISOString(),
    );
    db2.close();
    await ok("settings", "set", "trashPurgeDays", "7");
    await ok("tasks", "run", "purge-trash");
    assert.equal(JSON.parse(await ok("computers", "list", "--trashed", "--json")).total, 0);

    // The excluded device is imported by the retry task once the exclusion is lifted.
    assert.equal(JSON.parse(await ok("inbox", "--json")).total, 1);
    await ok("settings", "reset", "tagsExclude");
    await ok("tasks", "run", "retry-not-imported");
    assert.equal(JSON.parse(await ok("inbox", "--json")).total, 0);
    assert.equal(JSON.parse(await ok("computers", "list", "--json")).items[0].name, "lab");
    assert.match(
      await ok("tasks", "log", "retry-not-imported"),
      /1 retried, 1 now in the registry/,
    );
  } finally {
    await Deno.remove(data, { recursive: true });
  }
});
