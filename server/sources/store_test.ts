import assert from "node:assert/strict";
import { checkOptions, DEFAULT_OPTIONS, sourceDue, type SourceRow } from "./store.ts";
import { SourceError } from "./ocs/connection.ts";

function row(changes: Partial<SourceRow> = {}, every?: number): SourceRow {
  return {
    id: 1,
    name: "site-a",
    kind: "ocs",
    url: "mysql://ocs@127.0.0.1:3306/ocsweb",
    password_enc: null,
    password_env: null,
    enabled: 1,
    options: JSON.stringify(every === undefined ? {} : { everySeconds: every }),
    cursor: "{}",
    created_at: "2026-12-08T00:00:00.000Z",
    updated_at: "2026-12-08T00:00:00.000Z",
    last_sync_at: "2026-12-08T10:00:03.000Z",
    last_status: "ok",
    last_message: null,
    ocs_version: null,
    imported: 0,
    updated: 0,
    trashed: 0,
    merged: 0,
    refused: 0,
    errors: 0,
    ...changes,
  };
}

const at = (time: string) => new Date(`2026-12-08T${time}.000Z`);

Deno.test("sourceDue: every minute by default, at each run of the one-minute task", () => {
  assert.equal(DEFAULT_OPTIONS.everySeconds, 60);
  // The last run ended 3 s after it began: the next task run, a minute after, takes it.
  assert.equal(sourceDue(row(), at("10:01:00")), true);
  assert.equal(sourceDue(row(), at("10:00:20")), false);
});

Deno.test("sourceDue: a source's own interval, more to do, never synchronised, disabled", () => {
  const fiveMinutes = row({}, 300);
  assert.equal(sourceDue(fiveMinutes, at("10:01:00")), false);
  assert.equal(sourceDue(fiveMinutes, at("10:04:00")), false);
  assert.equal(sourceDue(fiveMinutes, at("10:05:00")), true);
  assert.equal(sourceDue(row({ last_status: "more" }, 300), at("10:00:10")), true);
  assert.equal(sourceDue(row({ last_sync_at: null }, 3600), at("10:00:10")), true);
  assert.equal(sourceDue(row({ enabled: 0 }), at("11:00:00")), false);
});

Deno.test("the interval is whole seconds, at least the task's minute", async () => {
  const db = undefined as never; // no entity option given: the database is not read
  const ok = await checkOptions(db, DEFAULT_OPTIONS, { everySeconds: 900 });
  assert.equal(ok.everySeconds, 900);
  for (const bad of [30, 90.5, -60]) {
    await assert.rejects(
      () => checkOptions(db, DEFAULT_OPTIONS, { everySeconds: bad }),
      (e: unknown) => e instanceof SourceError && /at least 60/.test(e.message),
    );
  }
});
