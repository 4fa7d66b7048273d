/**
 * PostgreSQL survives `deno bundle`: the `pg` driver, Kysely's dialect, the schema plugin and the
 * migrations, bundled into one file and run from another directory, migrate a new database and
 * answer a search.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { migrationProvider } from "../server/db/migrations/mod.ts";
import { startPostgres } from "./_helpers/postgres.ts";

const ROOT = new URL("..", import.meta.url).pathname;

Deno.test("a bundle with the PostgreSQL engine migrates a database and searches it", async () => {
  const away = await Deno.makeTempDir({ prefix: "inventory-pg-bundle-" });
  const cluster = await startPostgres();
  try {
    const bundle = join(away, "probe.js");
    const built = await new Deno.Command(Deno.execPath(), {
      args: [
        "bundle",
        "--platform=deno",
        "--quiet",
        "-o",
        bundle,
        join(ROOT, "tests/_helpers/postgres_bundle_entry.ts"),
      ],
      cwd: ROOT,
      stderr: "piped",
    }).output();
    assert.equal(built.code, 0, new TextDecoder().decode(built.stderr));

    const ran = await new Deno.Command(Deno.execPath(), {
      args: ["run", "--allow-all", bundle, await cluster.createDatabase()],
      cwd: away,
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.equal(ran.code, 0, new TextDecoder().decode(ran.stderr));
    const migrations = Object.keys(await migrationProvider.getMigrations()).length;
    assert.deepEqual(JSON.parse(new TextDecoder().decode(ran.stdout)), {
      applied: migrations,
      found: [7],
    });
  } finally {
    await cluster.stop();
    await Deno.remove(away, { recursive: true });
  }
});
