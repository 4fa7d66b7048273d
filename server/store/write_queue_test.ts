import assert from "node:assert/strict";
import { sql } from "kysely";
import { openSqlite } from "../db/sqlite.ts";
import { WriteQueue } from "./write_queue.ts";

interface Schema {
  t: { v: string };
}

async function setup() {
  const path = `${Deno.makeTempDirSync()}/q.sqlite`;
  const { db } = openSqlite<Schema>(path);
  await sql`create table t (v text not null unique)`.execute(db);
  return { db, queue: new WriteQueue(db) };
}

Deno.test("WriteQueue batches concurrent jobs; a failing job rolls back alone", async () => {
  const { db, queue } = await setup();
  const results = await Promise.allSettled([
    queue.run(async (tx) => {
      await tx.insertInto("t").values({ v: "a" }).execute();
      return "a";
    }),
    queue.run(async (tx) => {
      await tx.insertInto("t").values({ v: "b" }).execute();
      await tx.insertInto("t").values({ v: "a" }).execute(); // unique violation
    }),
    queue.run(async (tx) => {
      await tx.insertInto("t").values({ v: "c" }).execute();
      return "c";
    }),
  ]);
  assert.deepEqual(results.map((r) => r.status), ["fulfilled", "rejected", "fulfilled"]);
  const rows = await db.selectFrom("t").select("v").orderBy("v").execute();
  assert.deepEqual(
    rows.map((r) => r.v),
    ["a", "c"],
    "the failed job's first insert is rolled back too",
  );
  await db.destroy();
});

Deno.test("WriteQueue settles a job only after its data is committed and visible", async () => {
  const { db, queue } = await setup();
  const path = (await sql<{ file: string }>`pragma database_list`.execute(db)).rows[0]!.file;
  await queue.run((tx) => tx.insertInto("t").values({ v: "x" }).execute());
  const { db: other } = openSqlite<Schema>(path);
  assert.equal((await other.selectFrom("t").selectAll().execute()).length, 1);
  await other.destroy();
  await queue.drain();
  await db.destroy();
});
