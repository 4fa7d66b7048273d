/**
 * Opening PostgreSQL: a bad URL or an unreachable server is one clear error that never shows the
 * password; numbers come back as numbers; a server that goes away under an idle pool fails the
 * next query, not the process.
 */

import assert from "node:assert/strict";
import { sql } from "kysely";
import { startPostgres } from "../../../tests/_helpers/postgres.ts";
import { openPostgres, parsePostgresUrl, redactUrl } from "./open.ts";

Deno.test("parsePostgresUrl accepts postgres:// URLs and names what is wrong with others", () => {
  assert.equal(parsePostgresUrl("postgres://u:p@db.example:5432/inventory").hostname, "db.example");
  assert.equal(parsePostgresUrl("postgresql://db/inventory").pathname, "/inventory");
  assert.throws(() => parsePostgresUrl("inventory.sqlite"), /not a URL/);
  assert.throws(() => parsePostgresUrl("mysql://db/inventory"), /scheme "mysql:" is not supported/);
  assert.throws(() => parsePostgresUrl("postgres://u:secret@db"), (e: Error) => {
    assert.match(e.message, /names no database/);
    assert.doesNotMatch(e.message, /secret/);
    return true;
  });
  assert.equal(
    redactUrl(new URL("postgres://u:secret@db/inventory")),
    "postgres://u:***@db/inventory",
  );
});

Deno.test("openPostgres fails clearly when nothing answers, without the password", async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  await assert.rejects(
    openPostgres(`postgres://u:secret@127.0.0.1:${port}/inventory`),
    (e: Error) => {
      assert.match(
        e.message,
        new RegExp(`Cannot connect to postgres://u:\\*\\*\\*@127.0.0.1:${port}`),
      );
      assert.doesNotMatch(e.message, /secret/);
      return true;
    },
  );
});

Deno.test("openPostgres: numbers as numbers; a server gone fails a query, not the process", async () => {
  const cluster = await startPostgres();
  try {
    const { db, close } = await openPostgres(await cluster.createDatabase());
    try {
      const { rows } = await sql<{ big: number; total: number; n: number }>`
        select 9007199254740991::bigint as big, sum(x)::numeric as total, count(*) as n
        from (values (1), (2)) as t(x)`.execute(db);
      assert.deepEqual(rows, [{ big: Number.MAX_SAFE_INTEGER, total: 3, n: 2 }]);

      await cluster.stop();
      // The pool's idle connection is cut by the server: an error event the pool must absorb.
      await new Promise((resolve) => setTimeout(resolve, 200));
      await assert.rejects(sql`select 1`.execute(db));
    } finally {
      await close();
    }
  } finally {
    await cluster.stop();
  }
});
