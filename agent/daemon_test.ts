import assert from "node:assert/strict";
import { abortableSleep, runDaemon } from "./daemon.ts";

/** Drives the loop with a fake clock: every sleep is recorded and returns at once. */
async function drive(outcomes: (number | Error)[], initialFreq: number, randoms: number[]) {
  const controller = new AbortController();
  const waits: number[] = [];
  let runs = 0;
  let r = 0;
  await runDaemon({
    initialFreq,
    hourMs: 1000,
    random: () => randoms[r++ % randoms.length]!,
    signal: controller.signal,
    log: () => {},
    sleep: (ms) => {
      waits.push(Math.round(ms));
      return Promise.resolve();
    },
    runOnce: () => {
      const outcome = outcomes[runs++];
      if (runs >= outcomes.length) controller.abort();
      return outcome instanceof Error ? Promise.reject(outcome) : Promise.resolve(outcome!);
    },
  });
  return { waits, runs };
}

Deno.test("daemon: random first wait within the period, then exactly PROLOG_FREQ", async () => {
  const { waits, runs } = await drive([24, 24, 24], 24, [0.25]);
  assert.equal(runs, 3);
  // 1 "hour" = 1000 ms: first wait a quarter of 24 h, then 24 h each time.
  assert.deepEqual(waits, [6000, 24000, 24000]);
});

Deno.test("daemon: a PROLOG_FREQ change spreads the next run again", async () => {
  const { waits } = await drive([12, 12, 12], 24, [0.5]);
  assert.deepEqual(waits, [12000, 6000, 12000]);
});

Deno.test("daemon: failures back off in a doubling window, capped at PROLOG_FREQ", async () => {
  const failure = new Error("down");
  const { waits } = await drive([...Array(8).fill(failure), 1, 1], 1, [0]);
  // random 0: first wait 0, then half of a window doubling from one "minute" (1000/60 ms) up to
  // the 1-"hour" PROLOG_FREQ; a success goes back to exactly PROLOG_FREQ.
  assert.deepEqual(waits, [0, 8, 17, 33, 67, 133, 267, 500, 500, 1000]);
});

Deno.test("daemon: stops when aborted, even mid-sleep", async () => {
  const controller = new AbortController();
  const started = performance.now();
  let runs = 0;
  const loop = runDaemon({
    initialFreq: 24,
    signal: controller.signal,
    log: () => {},
    sleep: abortableSleep,
    runOnce: () => (runs++, Promise.resolve(24)),
  });
  setTimeout(() => controller.abort(), 20);
  await loop;
  assert.equal(runs, 0);
  assert.ok(performance.now() - started < 1000);
});
