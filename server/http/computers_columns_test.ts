import assert from "node:assert/strict";
import { chooseColumns, DEFAULT_COLUMN_KEYS, shortTime } from "./computers_columns.ts";

Deno.test("chooseColumns: defaults, comma lists, repeated values, name always first", () => {
  assert.deepEqual(chooseColumns([]).map((c) => c.key), DEFAULT_COLUMN_KEYS);
  assert.deepEqual(chooseColumns(["bogus"]).map((c) => c.key), DEFAULT_COLUMN_KEYS);
  assert.deepEqual(chooseColumns(["tag,uuid"]).map((c) => c.key), ["name", "uuid", "tag"]);
  assert.deepEqual(chooseColumns(["tag", "uuid", "x"]).map((c) => c.key), ["name", "uuid", "tag"]);
});

Deno.test("shortTime", () => {
  assert.equal(shortTime("2026-11-21T08:05:09.000Z"), "2026-11-21 08:05");
  assert.equal(shortTime(null), "");
});
