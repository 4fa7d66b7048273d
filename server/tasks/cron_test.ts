import assert from "node:assert/strict";
import { nextCronTime, parseCron } from "./cron.ts";
import { TaskSettingError } from "./errors.ts";

/** Local time, so the tests hold in any time zone. */
function local(y: number, mo: number, d: number, h = 0, mi = 0): Date {
  return new Date(y, mo - 1, d, h, mi);
}

function next(expression: string, after: Date): Date | null {
  return nextCronTime(parseCron(expression), after);
}

Deno.test("parseCron() reads lists, ranges, steps and names", () => {
  const e = parseCron("*/15 9-17/4 1,15 jan-MAR mon-fri");
  assert.deepEqual([...e.minutes], [0, 15, 30, 45]);
  assert.deepEqual([...e.hours], [9, 13, 17]);
  assert.deepEqual([...e.days], [1, 15]);
  assert.deepEqual([...e.months], [1, 2, 3]);
  assert.deepEqual([...e.weekdays], [1, 2, 3, 4, 5]);
  assert.deepEqual([...parseCron("5/20 * * * 7").minutes], [5, 25, 45]);
  assert.deepEqual([...parseCron("0 0 * * 7").weekdays], [0], "7 is Sunday");
  assert.equal(parseCron("@daily").source, "@daily");
});

Deno.test("parseCron() refuses bad expressions with the field and the reason", () => {
  const cases: [string, RegExp][] = [
    ["* * * *", /has 5 fields .* has 4/],
    ["60 * * * *", /minute field "60": 60 is outside 0-59/],
    ["* 24 * * *", /hour field "24"/],
    ["* * 0 * *", /day of month field "0"/],
    ["* * * foo *", /month field "foo": "foo" is not a number or a name/],
    ["*/0 * * * *", /step "0" is not a whole number/],
    ["5-1 * * * *", /range 5-1 runs backwards/],
    ["1,,2 * * * *", /empty list item/],
    ["0 0 30 2 *", /never matches a real date/],
    ["@sometimes", /Unknown cron shortcut/],
  ];
  for (const [expression, message] of cases) {
    assert.throws(
      () => parseCron(expression),
      (e: unknown) => e instanceof TaskSettingError && message.test(e.message),
      expression,
    );
  }
});

Deno.test("nextCronTime() finds the next matching minute, strictly after", () => {
  assert.deepEqual(next("15 3 * * *", local(2026, 11, 21, 1, 0)), local(2026, 11, 21, 3, 15));
  assert.deepEqual(next("15 3 * * *", local(2026, 11, 21, 3, 15)), local(2026, 11, 22, 3, 15));
  assert.deepEqual(next("*/10 * * * *", local(2026, 11, 21, 8, 7)), local(2026, 11, 21, 8, 10));
  assert.deepEqual(next("0 0 1 1 *", local(2026, 11, 21)), local(2027, 1, 1));
  assert.deepEqual(next("0 12 29 2 *", local(2026, 3, 1)), local(2028, 2, 29, 12), "leap day");
  assert.deepEqual(next("@hourly", local(2026, 11, 21, 8, 59)), local(2026, 11, 21, 9, 0));
  // 2026-11-21 is a Saturday: the next weekday 08:00 is Monday the 23rd.
  assert.deepEqual(next("0 8 * * mon-fri", local(2026, 11, 21, 9)), local(2026, 11, 23, 8));
});

Deno.test("nextCronTime(): both day fields restricted means either one matches", () => {
  // The 1st of the month OR a Sunday: after Sat 2026-11-21 comes Sun 22nd, then Sun 29th, Tue 1st.
  const e = parseCron("0 0 1 * sun");
  const times: Date[] = [];
  let at = local(2026, 11, 21, 12);
  for (let i = 0; i < 3; i++) {
    at = nextCronTime(e, at)!;
    times.push(at);
  }
  assert.deepEqual(times, [local(2026, 11, 22), local(2026, 11, 29), local(2026, 12, 1)]);
  // Only the day of week restricted: Sundays only.
  assert.deepEqual(next("0 0 * * sun", local(2026, 11, 30)), local(2026, 12, 6));
});
