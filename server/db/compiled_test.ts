import assert from "node:assert/strict";
import { join } from "node:path";
import { type Generated, Kysely, sql, SqliteDialect } from "kysely";
import { compileStatement, perConnection } from "./compiled.ts";
import { openSqlite, rawConnectionOf } from "./sqlite.ts";

interface TestSchema {
  items: { id: Generated<number>; name: string; hits: number; note: string | null };
}

function openTestDatabase() {
  const opened = openSqlite<TestSchema>(join(Deno.makeTempDirSync(), "test.sqlite"));
  opened.raw.exec(
    "create table items (id integer primary key, name text not null, hits integer not null, note text)",
  );
  return opened;
}

Deno.test("compileStatement() binds named slots per call and keeps the query's own constants", async () => {
  const { db, raw, close } = openTestDatabase();
  try {
    const insert = compileStatement(raw, (slot) =>
      db.insertInto("items").values({
        name: slot<string>("name"),
        hits: 1,
        note: slot<string | null>("note"),
      }));
    const bump = compileStatement(raw, (slot) =>
      db.updateTable("items")
        .set((eb) => ({ hits: eb("hits", "+", 1), note: slot<string>("name") }))
        .where("name", "=", slot<string>("name")));
    const byName = compileStatement<{ name: string; hits: number; note: string | null }>(
      raw,
      (slot) =>
        db.selectFrom("items").select(["name", "hits", "note"]).where(
          "name",
          "=",
          slot<string>("name"),
        ),
    );
    assert.match(insert.sql, /insert into "items"/);
    insert.run({ name: "a", note: null });
    insert.run({ name: "b" }); // an absent value binds NULL
    assert.equal(bump.run({ name: "a" }).changes, 1);
    assert.deepEqual({ ...byName.get({ name: "a" }) }, { name: "a", hits: 2, note: "a" });
    assert.deepEqual({ ...byName.get({ name: "b" }) }, { name: "b", hits: 1, note: null });
    assert.equal(byName.get({ name: "c" }), undefined);
    // Kysely sees the same rows: the SQL is its own.
    assert.equal((await db.selectFrom("items").selectAll().execute()).length, 2);
  } finally {
    await close();
  }
});

Deno.test("compileStatement() refuses a slot that does not become a parameter", async () => {
  const { db, raw, close } = openTestDatabase();
  try {
    assert.throws(
      () =>
        compileStatement(raw, (slot) => {
          slot("forgotten");
          return db.selectFrom("items").select("id");
        }),
      /Slot "forgotten" is not a parameter/,
    );
  } finally {
    await close();
  }
});

Deno.test("compiled statements run inside the transaction of the Kysely connection", async () => {
  const { db, close } = openTestDatabase();
  try {
    const statements = perConnection((kysely: typeof db, raw) => ({
      insert: compileStatement(
        raw,
        (slot) => kysely.insertInto("items").values({ name: slot<string>("name"), hits: 0 }),
      ),
    }));
    await db.connection().execute(async (conn) => {
      await sql`begin`.execute(conn);
      statements(conn).insert.run({ name: "rolled back" });
      assert.equal((await conn.selectFrom("items").select("name").execute()).length, 1);
      await sql`rollback`.execute(conn);
    });
    assert.equal((await db.selectFrom("items").select("name").execute()).length, 0);
    assert.equal(statements(db), statements(db), "compiled once per connection");
  } finally {
    await close();
  }
});

Deno.test("rawConnectionOf() refuses a Kysely instance openSqlite() did not open", () => {
  const foreign = new Kysely<TestSchema>({
    dialect: new SqliteDialect({ database: async () => await Promise.reject(new Error("unused")) }),
  });
  assert.throws(() => rawConnectionOf(foreign), /Not a database opened by openSqlite/);
});
