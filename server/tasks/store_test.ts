import assert from "node:assert/strict";
import { testTask, withTaskContext } from "../../tests/_helpers/tasks.ts";
import { TaskSettingError } from "./errors.ts";
import { parseFrequency } from "./frequency.ts";
import { checkChanges, defaultSettings, ensureTasks, getTaskRow, updateTask } from "./store.ts";

const now = new Date("2026-11-21T12:00:00Z");
const withParam = testTask("batch", () => ({ result: "done" }), { frequency: "10m" }, {
  meaning: "items per run",
  default: 500,
  min: 1,
  max: 10_000,
});

Deno.test("ensureTasks() creates rows with the defaults once, then keeps the admin's settings", async () => {
  await withTaskContext(async (ctx) => {
    assert.deepEqual(await ensureTasks(ctx.db, [withParam], now), ["batch"]);
    const created = (await getTaskRow(ctx.db, "batch"))!;
    assert.equal(created.frequency_seconds, 600);
    assert.equal(created.param, 500);
    assert.equal(created.next_run_at, now.toISOString(), "a new task runs as soon as possible");

    await updateTask(ctx.db, "batch", { frequency: parseFrequency("1h"), param: 50 }, now);
    const renamed = { ...withParam, description: "a better description" };
    assert.deepEqual(await ensureTasks(ctx.db, [renamed], now), []);
    const kept = (await getTaskRow(ctx.db, "batch"))!;
    assert.equal(kept.frequency_seconds, 3600);
    assert.equal(kept.param, 50);
    assert.equal(kept.description, "a better description");
  });
});

Deno.test("checkChanges() refuses parameters out of range, or on a task without one", () => {
  assert.deepEqual(checkChanges(withParam, { param: 20 }), { param: 20 });
  assert.deepEqual(checkChanges(withParam, { param: null }), { param: null }, "back to default");
  assert.throws(
    () => checkChanges(withParam, { param: 0 }),
    (e: unknown) =>
      e instanceof TaskSettingError &&
      e.message === "The parameter (items per run) must be within 1..10000, not 0",
  );
  const plain = testTask("plain", () => ({ result: "done" }));
  assert.throws(() => checkChanges(plain, { param: 1 }), /Task "plain" takes no parameter/);
  assert.throws(() => checkChanges(plain, { logsLifetimeDays: -5 }), /Log retention/);
  assert.throws(() => checkChanges(plain, { window: { min: 3, max: 3 } }), /is empty/);
});

Deno.test("defaultSettings() refuses a definition with a broken default (a programming error)", () => {
  const broken = testTask("broken", () => ({ result: "done" }), {
    frequency: "every now and then",
  });
  assert.throws(() => defaultSettings(broken), TaskSettingError);
  const night = defaultSettings(testTask("n", () => ({ result: "done" }), { hours: "22-6" }));
  assert.deepEqual(night.window, { min: 22, max: 6 });
});
