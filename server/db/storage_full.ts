/**
 * Telling "the disk is full" from other storage failures: SQLite reports SQLITE_FULL (13, also as
 * the primary code of extended ones) when a page cannot be written, and a file write reports
 * ENOSPC (or EDQUOT, a quota). Such a failure stores nothing and passes once space is freed, so
 * callers answer it as temporary (503) rather than as a bug (500).
 *
 * @module
 */

const SQLITE_FULL = 13;

/** True when `error` (or one of its causes) says the disk or the database is full. */
export function isStorageFull(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const { errcode, code } = e as { errcode?: unknown; code?: unknown };
    if (typeof errcode === "number" && (errcode & 0xff) === SQLITE_FULL) return true;
    if (code === "ENOSPC" || code === "EDQUOT") return true;
    if (/\(os error (28|122)\)|No space left on device/.test(e.message)) return true;
  }
  return false;
}
