import assert from "node:assert/strict";
import { TaskSettingError } from "./errors.ts";
import { describeWindow, inWindow, nextInWindow, parseWindow, validateWindow } from "./window.ts";

const at = (h: number, m = 0) => new Date(2026, 10, 21, h, m);

Deno.test("inWindow() for a plain window and one wrapping past midnight", () => {
  const day = parseWindow("8-18");
  assert.deepEqual([7, 8, 17, 18].map((h) => inWindow(day, at(h))), [false, true, true, false]);
  const night = parseWindow("22-6");
  assert.deepEqual(
    [21, 22, 23, 0, 5, 6, 12].map((h) => inWindow(night, at(h))),
    [false, true, true, true, true, false, false],
  );
  assert.ok(inWindow(parseWindow("all"), at(13)));
  assert.ok(inWindow(parseWindow("0-24"), at(23, 59)));
});

Deno.test("nextInWindow() moves to the next start of the window, or stays inside it", () => {
  const night = parseWindow("22-6");
  assert.deepEqual(nextInWindow(night, at(12, 30)), at(22));
  assert.deepEqual(nextInWindow(night, at(23, 10)), at(23, 10));
  const morning = parseWindow("8-9");
  assert.deepEqual(nextInWindow(morning, at(9, 1)), new Date(2026, 10, 22, 8));
});

Deno.test("an empty window or hours out of range are refused with a clear message", () => {
  for (const text of ["5-5", "0-0", "24-24", "24-0"]) {
    assert.throws(
      () => parseWindow(text),
      (e: unknown) =>
        e instanceof TaskSettingError && /is empty: the task would never run/.test(e.message),
      text,
    );
  }
  assert.throws(() => parseWindow("25-3"), /whole hours 0-24, not 25/);
  assert.throws(() => parseWindow("evening"), /not FROM-TO/);
  assert.throws(() => validateWindow({ min: 1.5, max: 3 }), /not 1.5/);
  assert.equal(describeWindow(parseWindow("22-6")), "22:00-06:00");
  assert.equal(describeWindow(parseWindow("all")), "all day");
});
