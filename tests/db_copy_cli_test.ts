/**
 * `inventory db copy` end to end: a data directory fed by the CLI (imported inventories, the
 * registry synchronised) is copied to a real PostgreSQL and from there into a new data
 * directory, which lists the same devices and computers; a target in use, a bad URL and an
 * unreachable server are refused with their exit codes.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { runCli } from "./_helpers/cli.ts";
import { fixturePath } from "./_helpers/fixtures.ts";
import { startPostgres } from "./_helpers/postgres.ts";

Deno.test("db copy: a data directory to PostgreSQL and back to a new one", async () => {
  const tmp = await Deno.makeTempDir({ prefix: "inventory-db-copy-" });
  const cluster = await startPostgres();
  try {
    const [a, b] = [join(tmp, "a"), join(tmp, "b")];
    const cli = async (...args: string[]) => {
      const run = await runCli(args);
      assert.equal(run.code, 0, `${args.join(" ")}: ${run.stderr}`);
      return run.stdout;
    };
    await cli("import", "--data", a, fixturePath("unixagent-2.10-debian12-full.xml"));
    await cli("import", "--data", a, fixturePath("unixagent-2.10-debian12-nosoftware-tag.xml"));
    await cli("sync", "--data", a);
    const url = await cluster.createDatabase();

    const report = JSON.parse(await cli("db", "copy", "--data", a, "--to", url, "--json"));
    const rows = (name: string) => report.tables.find((t: { name: string }) => t.name === name);
    assert.ok(
      report.tables.every((t: { source: number; target: number }) => t.source === t.target),
    );
    assert.ok(rows("devices").target >= 1 && rows("computers").target >= 1);
    assert.equal(rows("software_installs").target, rows("software_installs").source);

    const again = await runCli(["db", "copy", "--data", a, "--to", url]);
    assert.equal(again.code, 5, again.stderr);
    assert.match(again.stderr, /target database is in use/);

    assert.match(await cli("db", "copy", "--data", b, "--from", url), /every count equal/);
    for (const args of [["devices", "--json"], ["computers", "list", "--json"]]) {
      assert.deepEqual(
        JSON.parse(await cli(...args, "--data", b)),
        JSON.parse(await cli(...args, "--data", a)),
        args.join(" "),
      );
    }
  } finally {
    await cluster.stop();
    await Deno.remove(tmp, { recursive: true });
  }
});

Deno.test("db copy: usage, bad URLs and unreachable servers are clear errors", async () => {
  const tmp = await Deno.makeTempDir({ prefix: "inventory-db-copy-" });
  try {
    const usage = await runCli(["db", "copy", "--data", tmp]);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /one of --to URL or --from URL/);
    const scheme = await runCli(["db", "copy", "--data", tmp, "--to", "mysql://db/inventory"]);
    assert.equal(scheme.code, 2);
    assert.match(scheme.stderr, /scheme "mysql:" is not supported/);

    const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    const port = (listener.addr as Deno.NetAddr).port;
    listener.close();
    const down = await runCli([
      "db",
      "copy",
      "--data",
      tmp,
      "--to",
      `postgres://u:secret@127.0.0.1:${port}/inventory`,
    ]);
    assert.equal(down.code, 4, down.stderr);
    assert.match(down.stderr, /Cannot connect to postgres:\/\/u:\*\*\*@127\.0\.0\.1/);
    assert.doesNotMatch(down.stderr, /secret/);
  } finally {
    await Deno.remove(tmp, { recursive: true });
  }
});
