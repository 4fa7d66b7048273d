/**
 * DEVICEID: `<host>-YYYY-MM-DD-HH-MM-SS`, the only identity an OCS agent sends.
 *
 * @module
 */

// deno-lint-ignore no-control-regex
const DEVICEID_RE = /^[^\x00-\x1F<>&"']{1,200}-\d{4}(-\d{2}){5}$/;

/** True when `value` has the OCS DEVICEID shape (the server's own check, plus a length cap). */
export function isValidDeviceId(value: string): boolean {
  return DEVICEID_RE.test(value);
}

/** Makes a DEVICEID for `hostname` at `date` (local time, as agents do). */
export function makeDeviceId(hostname: string, date: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  const host = hostname.split(".")[0] || "unknown";
  return `${host}-${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}-${
    pad(date.getHours())
  }-${pad(date.getMinutes())}-${pad(date.getSeconds())}`;
}
