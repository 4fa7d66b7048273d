import assert from "node:assert/strict";
import { describeFrequency, formatSeconds, frequencyOf, parseFrequency } from "./frequency.ts";

Deno.test("parseFrequency() reads seconds, durations and cron expressions", () => {
  assert.deepEqual(parseFrequency("3600"), { kind: "every", seconds: 3600 });
  assert.deepEqual(parseFrequency(90), { kind: "every", seconds: 90 });
  assert.deepEqual(parseFrequency("15m"), { kind: "every", seconds: 900 });
  assert.deepEqual(parseFrequency("1D"), { kind: "every", seconds: 86400 });
  assert.deepEqual(parseFrequency("2w"), { kind: "every", seconds: 1209600 });
  const cron = parseFrequency("15 3 * * *");
  assert.equal(cron.kind, "cron");
  assert.equal(describeFrequency(cron), "cron 15 3 * * *");
  assert.equal(parseFrequency("@weekly").kind, "cron");
});

Deno.test("parseFrequency() refuses what it cannot read", () => {
  assert.throws(() => parseFrequency("0"), /at least 1 second, not 0/);
  assert.throws(() => parseFrequency("often"), /neither a duration .* nor a cron expression/);
  assert.throws(() => parseFrequency("1y"), /neither a duration/);
  assert.throws(() => parseFrequency("61 * * * *"), /minute field "61"/);
});

Deno.test("frequencies round-trip through their stored columns and read back in words", () => {
  assert.deepEqual(frequencyOf({ frequency_seconds: 3600, cron: null }), {
    kind: "every",
    seconds: 3600,
  });
  assert.equal(frequencyOf({ frequency_seconds: null, cron: "@daily" }).kind, "cron");
  assert.equal(formatSeconds(90), "90s");
  assert.equal(formatSeconds(7200), "2h");
  assert.equal(formatSeconds(86400), "1d");
  assert.equal(describeFrequency(parseFrequency("6h")), "every 6h");
});
