import assert from "node:assert/strict";
import {
  eventually,
  fakeScheduler,
  localTime,
  openSecondContext,
  runsOf,
  simulate,
  testTask,
  withTaskContext,
} from "../../tests/_helpers/tasks.ts";
import { closeContext } from "../serve.ts";
import { FakeClock } from "./clock.ts";
import { listEvents } from "./event_log.ts";
import { runStatistics } from "./run_log.ts";
import { getTaskRow, updateTask } from "./store.ts";
import { parseWindow } from "./window.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const count = () => {
  let n = 0;
  return { task: () => ({ result: "done" as const, message: `run ${++n}` }), runs: () => n };
};

Deno.test("a task runs on its frequency: 3 days of hourly runs, one hour apart", async () => {
  const clock = new FakeClock(localTime(2026, 11, 21, 0, 0));
  await withTaskContext(async (ctx) => {
    const hourly = count();
    const { scheduler } = fakeScheduler(ctx, [testTask("hourly", hourly.task)], { clock });
    const start = clock.now();
    await simulate(scheduler, clock, new Date(start.getTime() + 3 * DAY));
    const runs = await runsOf(ctx, "hourly");
    assert.equal(runs.length, 72);
    for (let i = 1; i < runs.length; i++) {
      assert.equal(Date.parse(runs[i]!.started_at) - Date.parse(runs[i - 1]!.started_at), HOUR);
    }
    assert.ok(runs.every((r) => r.status === "done" && r.trigger === "schedule"));
  }, { clock });
});

Deno.test("a task runs only inside its hour window, a window wrapping midnight included", async () => {
  const clock = new FakeClock(localTime(2026, 11, 21, 12, 0));
  await withTaskContext(async (ctx) => {
    const { scheduler } = fakeScheduler(ctx, [
      testTask("night", count().task, { hours: "22-6" }),
      testTask("morning", count().task, { hours: "9-11" }),
    ], { clock });
    await simulate(scheduler, clock, localTime(2026, 11, 24, 12, 0));
    const hours = async (task: string) =>
      (await runsOf(ctx, task)).map((r) => new Date(r.started_at).getHours());
    const night = await hours("night");
    assert.equal(night.length, 3 * 8, "22:00 to 05:00, three nights");
    assert.ok(night.every((h) => h >= 22 || h < 6), `night hours ${night}`);
    assert.deepEqual(await hours("morning"), [9, 10, 9, 10, 9, 10]);
  }, { clock });
});

Deno.test("a cron task runs at its times, and next_run_at says when", async () => {
  const clock = new FakeClock(localTime(2026, 11, 21, 12, 0));
  await withTaskContext(async (ctx) => {
    const { scheduler } = fakeScheduler(
      ctx,
      [testTask("nightly", count().task, { frequency: "30 2 * * *" })],
      { clock },
    );
    await simulate(scheduler, clock, localTime(2026, 11, 24, 12, 0));
    const starts = (await runsOf(ctx, "nightly")).map((r) => new Date(r.started_at));
    assert.deepEqual(starts, [22, 23, 24].map((d) => localTime(2026, 11, d, 2, 30)));
    const row = await getTaskRow(ctx.db, "nightly");
    assert.equal(row!.next_run_at, localTime(2026, 11, 25, 2, 30).toISOString());
  }, { clock });
});

Deno.test("a disabled task is skipped; runNow forces it; enabling resumes the schedule", async () => {
  const clock = new FakeClock(localTime(2026, 11, 21, 0, 0));
  await withTaskContext(async (ctx) => {
    const off = count();
    const { scheduler } = fakeScheduler(
      ctx,
      [testTask("off", off.task, { enabled: false })],
      { clock },
    );
    await simulate(scheduler, clock, new Date(clock.now().getTime() + DAY));
    assert.equal(off.runs(), 0);
    const { waiting } = await scheduler.tick();
    assert.deepEqual(waiting, [{ task: "off", reason: "disabled" }]);

    const forced = await scheduler.runNow("off");
    assert.ok(forced.ran);
    assert.equal(forced.report.trigger, "forced");
    assert.equal(forced.report.status, "done");
    assert.equal(off.runs(), 1);

    await ctx.writes.run((db) => updateTask(db, "off", { state: "scheduled" }, clock.now()));
    await simulate(scheduler, clock, new Date(clock.now().getTime() + 3 * HOUR + 1));
    assert.equal(off.runs(), 1 + 3, "hourly again, counted from the forced run");
  }, { clock });
});

Deno.test("the most overdue task runs first", async () => {
  const clock = new FakeClock(localTime(2026, 11, 21, 12, 0));
  await withTaskContext(async (ctx) => {
    const order: string[] = [];
    const tasks = ["a", "b", "c"].map((name) =>
      testTask(name, () => {
        order.push(name);
        return { result: "done" };
      })
    );
    const { scheduler } = fakeScheduler(ctx, tasks, { clock });
    await scheduler.init();
    const ago = (ms: number) => new Date(clock.now().getTime() - ms).toISOString();
    for (const [name, overdue] of [["a", 1 * HOUR], ["b", 5 * HOUR], ["c", 3 * HOUR]] as const) {
      await ctx.db.updateTable("tasks").set({ next_run_at: ago(overdue) })
        .where("name", "=", name).execute();
    }
    await scheduler.runPending();
    assert.deepEqual(order, ["b", "c", "a"]);
  }, { clock });
});

Deno.test("a task that throws is an error run with its message; the others still run", async () => {
  const clock = new FakeClock(localTime(2026, 11, 21, 0, 0));
  await withTaskContext(async (ctx) => {
    const good = count();
    const { scheduler } = fakeScheduler(ctx, [
      testTask("broken", () => {
        throw new Error("disk on fire");
      }),
      testTask("fine", good.task),
    ], { clock });
    await simulate(scheduler, clock, new Date(clock.now().getTime() + 2 * HOUR + 1));
    const broken = await runsOf(ctx, "broken");
    assert.equal(broken.length, 3);
    assert.ok(broken.every((r) => r.status === "error" && r.message === "disk on fire"));
    assert.equal(good.runs(), 3);
    const row = await getTaskRow(ctx.db, "broken");
    assert.equal(row!.last_status, "error");
    assert.equal(row!.lease_owner, null, "an error frees the lease");
    assert.equal((await runStatistics(ctx.db, "broken")).errors, 3);
  }, { clock });
});

Deno.test("a task that returns 'more' runs again soon, not after a full period", async () => {
  const clock = new FakeClock(localTime(2026, 11, 21, 0, 0));
  await withTaskContext(async (ctx) => {
    let left = 3;
    const { scheduler } = fakeScheduler(ctx, [
      testTask("batches", (run) => {
        run.addVolume(100);
        return --left > 0 ? { result: "more" } : { result: "done" };
      }, { frequency: "1d" }),
    ], { clock, moreDelayMs: 2000 });
    await simulate(scheduler, clock, new Date(clock.now().getTime() + HOUR));
    const runs = await runsOf(ctx, "batches");
    assert.deepEqual(runs.map((r) => r.status), ["more", "more", "done"]);
    assert.deepEqual(runs.map((r) => r.trigger), ["schedule", "more", "more"]);
    const t0 = Date.parse(runs[0]!.started_at);
    assert.deepEqual(runs.map((r) => Date.parse(r.started_at) - t0), [0, 2000, 4000]);
    assert.ok(runs.every((r) => r.volume === 100));
  }, { clock });
});

Deno.test("trigger(): a burst of requests makes one run soon, whatever the frequency", async () => {
  const clock = new FakeClock(localTime(2026, 11, 21, 0, 0));
  await withTaskContext(async (ctx) => {
    const sync = count();
    const { scheduler } = fakeScheduler(ctx, [testTask("sync", sync.task, { frequency: "1d" })], {
      clock,
      triggerDelayMs: 1500,
    });
    await scheduler.runPending();
    assert.equal(sync.runs(), 1);
    for (let i = 0; i < 50; i++) scheduler.trigger("sync");
    scheduler.trigger("no-such-task");
    await scheduler.runPending();
    assert.equal(sync.runs(), 1, "not before the delay");
    assert.equal(
      (await scheduler.nextWakeAt())!.getTime() - clock.now().getTime(),
      1500,
      "the loop wakes when the burst is over",
    );
    await clock.advance(1500);
    await scheduler.runPending();
    await clock.advance(10_000);
    await scheduler.runPending();
    const runs = await runsOf(ctx, "sync");
    assert.deepEqual(runs.map((r) => r.trigger), ["schedule", "requested"]);
  }, { clock });
});

Deno.test("progress lines, volume and statistics are stored with the run", async () => {
  const clock = new FakeClock();
  await withTaskContext(async (ctx) => {
    const { scheduler } = fakeScheduler(ctx, [
      testTask("steps", async (run) => {
        for (let i = 0; i < 3; i++) {
          await clock.advance(250);
          run.addVolume(10);
          await run.log(`step ${i + 1}`);
        }
        return { result: "done" };
      }),
    ], { clock });
    const result = await scheduler.runNow("steps");
    assert.ok(result.ran);
    assert.equal(result.report.volume, 30);
    assert.equal(result.report.durationMs, 750);
    const lines = await ctx.db.selectFrom("task_run_lines").selectAll()
      .where("run_id", "=", result.report.runId).orderBy("id").execute();
    assert.deepEqual(lines.map((l) => [l.message, l.volume, l.elapsed_ms]), [
      ["forced", 0, 0],
      ["step 1", 10, 250],
      ["step 2", 20, 500],
      ["step 3", 30, 750],
    ]);
    const stats = await runStatistics(ctx.db, "steps");
    assert.equal(stats.runs, 1);
    assert.equal(stats.volume.total, 30);
    assert.equal(stats.durationMs.max, 750);
  }, { clock });
});

Deno.test("two schedulers on one database never run the same task at once", async () => {
  const clock = new FakeClock();
  await withTaskContext(async (ctxA, dataDir) => {
    const ctxB = await openSecondContext(dataDir, clock);
    try {
      const gate = Promise.withResolvers<void>();
      let started = 0;
      const blocking = testTask("shared", async () => {
        started++;
        await gate.promise;
        return { result: "done" };
      });
      const a = fakeScheduler(ctxA, [blocking], { clock, owner: "process-a" }).scheduler;
      const b = fakeScheduler(ctxB, [blocking], { clock, owner: "process-b" }).scheduler;
      await b.init();
      const running = a.tick();
      await eventually(() => started === 1, "A to start the task");
      const bTick = await b.tick();
      assert.equal(bTick.ran, null);
      assert.match(bTick.waiting[0]!.reason, /running in process-a/);
      const forced = await b.runNow("shared");
      assert.deepEqual(forced.ran, false);
      assert.match(!forced.ran ? forced.reason : "", /already running in process-a/);
      gate.resolve();
      const report = (await running).ran!;
      assert.equal(report.status, "done");
      assert.equal(started, 1);
      assert.ok((await b.runNow("shared")).ran, "free again once A is done");
    } finally {
      await closeContext(ctxB);
    }
  }, { clock });
});

Deno.test("a dead run's lease expires: another process records the failure and runs the task", async () => {
  const clockA = new FakeClock();
  const clockB = new FakeClock();
  await withTaskContext(async (ctxA, dataDir) => {
    const ctxB = await openSecondContext(dataDir, clockB);
    try {
      let release = () => {};
      let aborted: unknown = null;
      const hangs = testTask("fragile", async (run) => {
        await new Promise<void>((r) => {
          release = r;
          run.signal.addEventListener("abort", () => {
            aborted = run.signal.reason;
            r();
          });
        });
        return { result: "more" };
      });
      const quick = testTask("fragile", () => ({ result: "done", message: "recovered" }));
      // A "dies": its clock never moves, so it never sends a heartbeat.
      const a = fakeScheduler(ctxA, [hangs], { clock: clockA, owner: "dead-a", leaseMs: 30_000 })
        .scheduler;
      const b = fakeScheduler(ctxB, [quick], { clock: clockB, owner: "live-b", leaseMs: 30_000 })
        .scheduler;
      const aRun = a.tick();
      await eventually(
        async () => (await getTaskRow(ctxB.db, "fragile"))?.lease_owner === "dead-a",
        "A's claim",
      );

      await clockB.advance(29_000);
      assert.equal((await b.tick()).ran, null, "the lease still holds");
      await clockB.advance(2_000);
      const tick = await b.tick();
      assert.equal(tick.recovered.length, 1);
      assert.match(tick.recovered[0]!.message, /^lease expired: process dead-a died or hung/);
      assert.equal(tick.ran?.status, "done", "the task recovered by itself");

      const runs = await runsOf(ctxB, "fragile");
      assert.deepEqual(runs.map((r) => [r.owner, r.status]), [["dead-a", "error"], [
        "live-b",
        "done",
      ]]);
      assert.match(runs[0]!.message!, /lease expired: process dead-a/);
      const events = await listEvents(ctxB.db, { kind: "task" });
      assert.equal(events[0]!.kind, "task.lease_expired");

      // A was only hung: its next heartbeat finds the lease gone and stops the task, and its
      // late end does not overwrite the recovery.
      await clockA.advance(10_001);
      await eventually(() => aborted !== null, "A's task to be told");
      assert.match(String(aborted), /lost the lease of fragile/);
      const late = (await aRun).ran!;
      assert.equal(late.nextRunAt, null);
      assert.match(late.trace.at(-1)!, /lease had been lost/);
      const after = await runsOf(ctxB, "fragile");
      assert.deepEqual(after.map((r) => r.status), ["error", "done"]);
      release();
    } finally {
      await closeContext(ctxB);
    }
  }, { clock: clockA });
});

Deno.test("expired leases are recovered even for a disabled task (never stuck running)", async () => {
  const clock = new FakeClock();
  await withTaskContext(async (ctx) => {
    const { scheduler } = fakeScheduler(ctx, [testTask("idle", count().task, { enabled: false })], {
      clock,
    });
    await scheduler.init();
    await ctx.db.updateTable("tasks").set({
      lease_owner: "ghost",
      lease_expires_at: new Date(clock.now().getTime() - 1).toISOString(),
    }).execute();
    const tick = await scheduler.tick();
    assert.equal(tick.recovered[0]!.owner, "ghost");
    assert.equal((await getTaskRow(ctx.db, "idle"))!.lease_owner, null);
  }, { clock });
});

Deno.test("the loop runs due tasks, sleeps until the next, wakes on trigger, stops gracefully", async () => {
  const clock = new FakeClock(localTime(2026, 11, 21, 0, 0));
  await withTaskContext(async (ctx) => {
    const quick = count();
    let slowStarted = 0;
    const { scheduler } = fakeScheduler(ctx, [
      testTask("quick", quick.task),
      testTask("slow", async (run) => {
        slowStarted++;
        await run.clock.sleep(DAY, run.signal);
        return run.signal.aborted
          ? { result: "more", message: "checkpointed" }
          : { result: "done" };
      }, { frequency: "1d", enabled: false }),
    ], { clock });
    // Time moves in small steps until the loop has done the next thing: the loop may be busy
    // (not yet asleep) when the clock moves, and must still catch up.
    const stepUntil = (stepMs: number, done: () => boolean, what: string) =>
      eventually(async () => {
        if (!done()) await clock.advance(stepMs);
        return done();
      }, what);
    scheduler.start();
    await eventually(() => quick.runs() === 1, "the first run");
    await stepUntil(60_000, () => quick.runs() === 2, "the hourly run");
    scheduler.trigger("quick");
    await stepUntil(100, () => quick.runs() === 3, "the triggered run");

    // Enabled from outside (another process, the CLI): the loop's poll finds it.
    await ctx.writes.run((db) => updateTask(db, "slow", { state: "scheduled" }, clock.now()));
    await stepUntil(1000, () => slowStarted === 1, "the slow task to start");
    await scheduler.stop();
    const slow = await runsOf(ctx, "slow");
    assert.deepEqual(slow.map((r) => [r.status, r.message]), [["more", "checkpointed"]]);
    assert.equal((await getTaskRow(ctx.db, "slow"))!.lease_owner, null, "lease released");
    const quickRuns = await runsOf(ctx, "quick");
    assert.deepEqual(quickRuns.map((r) => r.trigger), ["schedule", "schedule", "requested"]);
  }, { clock });
});

Deno.test("window changes move the next run into the new window", async () => {
  const clock = new FakeClock(localTime(2026, 11, 21, 12, 0));
  await withTaskContext(async (ctx) => {
    const { scheduler } = fakeScheduler(ctx, [testTask("w", count().task)], { clock });
    await scheduler.runPending();
    await ctx.writes.run((db) => updateTask(db, "w", { window: parseWindow("22-6") }, clock.now()));
    const row = await getTaskRow(ctx.db, "w");
    assert.equal(row!.next_run_at, localTime(2026, 11, 21, 22, 0).toISOString());
  }, { clock });
});

Deno.test("an overdue task waits for its hours (the server was down past its window)", async () => {
  const clock = new FakeClock(localTime(2026, 11, 21, 12, 0));
  await withTaskContext(async (ctx) => {
    const night = count();
    const { scheduler } = fakeScheduler(ctx, [testTask("night", night.task, { hours: "22-6" })], {
      clock,
    });
    await scheduler.init();
    await ctx.db.updateTable("tasks")
      .set({ next_run_at: localTime(2026, 11, 21, 5, 0).toISOString() }).execute();
    const tick = await scheduler.tick();
    assert.equal(tick.ran, null);
    assert.deepEqual(tick.waiting, [{ task: "night", reason: "outside its hours 22:00-06:00" }]);
    assert.deepEqual(await scheduler.nextWakeAt(), localTime(2026, 11, 21, 22, 0));
    await clock.advanceTo(localTime(2026, 11, 21, 22, 0));
    await scheduler.runPending();
    assert.equal(night.runs(), 1);
  }, { clock });
});
