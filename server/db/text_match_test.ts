/**
 * `contains` and `startsWith` find the same rows on SQLite and PostgreSQL: ASCII case ignored,
 * the LIKE wildcards and the escape character taken as typed.
 */

import assert from "node:assert/strict";
import { type Kysely, sql } from "kysely";
import { startPostgres } from "../../tests/_helpers/postgres.ts";
import { openPostgres } from "./postgres/open.ts";
import { openSqlite } from "./sqlite.ts";
import { contains, startsWith } from "./text_match.ts";

interface Names {
  names: { id: number; name: string };
}

const NAMES = ["PC1", "pc1-lab", "50% off", "500 off", "a_b", "axb", "back\\slash", "backXslash"];

/** What each search finds, by name. */
const CASES: [label: string, find: (db: Kysely<Names>) => ReturnType<typeof contains>, string[]][] =
  [
    ["mixed case", (db) => contains(db, "name", "Pc1"), ["PC1", "pc1-lab"]],
    ["a literal %", (db) => contains(db, "name", "50%"), ["50% off"]],
    ["a literal _", (db) => contains(db, "name", "a_b"), ["a_b"]],
    ["a literal backslash", (db) => contains(db, "name", "k\\s"), ["back\\slash"]],
    ["a prefix", (db) => startsWith(db, "name", "PC1-"), ["pc1-lab"]],
    ["a prefix is not a substring", (db) => startsWith(db, "name", "off"), []],
  ];

async function check(db: Kysely<Names>): Promise<void> {
  await sql`create table names (id integer primary key, name text not null)`.execute(db);
  await db.insertInto("names").values(NAMES.map((name, i) => ({ id: i + 1, name }))).execute();
  for (const [label, find, expected] of CASES) {
    const rows = await db.selectFrom("names").select("name").where(find(db)).orderBy("id")
      .execute();
    assert.deepEqual(rows.map((r) => r.name), expected, label);
  }
}

Deno.test("contains and startsWith ignore ASCII case and take wildcards literally on SQLite", async () => {
  const sqlite = openSqlite<Names>(":memory:");
  try {
    await check(sqlite.db);
  } finally {
    await sqlite.close();
  }
});

Deno.test("contains and startsWith find the same rows on PostgreSQL", async () => {
  const cluster = await startPostgres();
  try {
    const pg = await openPostgres<Names>(await cluster.createDatabase());
    try {
      await check(pg.db);
    } finally {
      await pg.close();
    }
  } finally {
    await cluster.stop();
  }
});
