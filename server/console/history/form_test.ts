/**
 * The history filter: days bound in the reader's zone (summer and winter time, the day the
 * clocks change), unknown kinds, authors and dates named and left out, a known field matched
 * exactly and any other text as a substring.
 *
 * @module
 */

import assert from "node:assert/strict";
import { makeI18n } from "../../../ui/i18n/format.ts";
import { dayStart, historyFilterOf, historyQueryOf } from "./form.ts";

Deno.test("a day starts at midnight in the reader's zone", () => {
  assert.equal(dayStart("2026-12-08", "UTC"), "2026-12-08T00:00:00.000Z");
  assert.equal(dayStart("2026-12-08", "Europe/Paris"), "2026-12-07T23:00:00.000Z");
  assert.equal(dayStart("2026-07-01", "Europe/Paris"), "2026-06-30T22:00:00.000Z");
  // The clocks move at 02:00: midnight is still winter time in Paris, summer time in New York.
  assert.equal(dayStart("2026-03-29", "Europe/Paris"), "2026-03-28T23:00:00.000Z");
  assert.equal(dayStart("2026-11-01", "America/New_York"), "2026-11-01T04:00:00.000Z");
});

Deno.test("the filter: checked values kept, bad ones named and left out", () => {
  const paris = makeI18n("fr", "Europe/Paris");
  const read = (params: Record<string, string>) =>
    historyQueryOf(historyFilterOf((name) => params[name]), paris);
  const good = read({
    computer: " pc-1 ",
    kind: "software_added",
    field: "os_name",
    source: "user",
    actor: "dana",
    from: "2026-12-01",
    to: "2026-12-08",
  });
  assert.deepEqual(good.problems, []);
  assert.deepEqual(good.query, {
    computer: "pc-1",
    kind: "software_added",
    field: { text: "os_name", exact: true },
    source: "user",
    actor: "dana",
    since: "2026-11-30T23:00:00.000Z",
    until: "2026-12-08T23:00:00.000Z",
  });
  assert.deepEqual(read({ field: "Firefox" }).query, { field: { text: "Firefox", exact: false } });
  const bad = read({ kind: "boom", source: "cat", from: "2026-02-30", to: "tomorrow" });
  assert.deepEqual(bad.query, {});
  assert.equal(bad.problems.length, 4);
  assert.match(bad.problems[0]!, /boom/);
  assert.equal(read({ from: "2026-12-09", to: "2026-12-08" }).problems.length, 1);
});
