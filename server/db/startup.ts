/**
 * What must hold before a data directory's database is opened, each failure one line with what
 * to do: the directory is writable (not read-only, not full, ours); the database is not missing
 * or empty while backups exist beside it (that is a lost file, not a first start); its header is
 * a SQLite header; once opened, `PRAGMA quick_check` passes (`serve` only, bounded in time, see
 * integrity.ts). `--init` is the deliberate fresh start: a missing, empty or damaged file is set
 * aside (kept, renamed) and a new database made.
 *
 * @module
 */

import { closeSync, openSync, readSync, renameSync, rmSync, statSync } from "node:fs";
import { basename, join } from "node:path";

/** Why a data directory cannot be used, as one line; `kind` picks the exit code. */
export class StartupError extends Error {
  /** storage: the directory cannot be written; damaged: the database; in-use: a restore runs. */
  readonly kind: "storage" | "damaged" | "in-use";
  constructor(kind: StartupError["kind"], message: string) {
    super(message);
    this.name = "StartupError";
    this.kind = kind;
  }
}

/** The backups beside a database, to name in messages (newest last). */
export interface BackupsBeside {
  dir: string;
  names: string[];
}

/** What the inspection found. */
export type DatabaseState = "none" | "present";

const HEADER = "SQLite format 3\0";

/** Creates `dataDir` if needed and proves a file can be written in it. */
export function checkDataDirWritable(dataDir: string): void {
  try {
    Deno.mkdirSync(dataDir, { recursive: true });
    const probe = join(dataDir, `.write-test-${Deno.pid}`);
    Deno.writeTextFileSync(probe, "ok");
    Deno.removeSync(probe);
  } catch (error) {
    throw new StartupError("storage", `the data directory ${dataDir} ${why(error)}`);
  }
}

/**
 * Checks the database file before it is opened. Missing or empty while backups exist, or a
 * header that is not SQLite's, refuses (unless `init`, which sets such a file aside).
 */
export function inspectDatabaseFile(
  path: string,
  backups: BackupsBeside,
  options: { init?: boolean; now?: Date } = {},
): DatabaseState {
  const size = fileSize(path);
  if (size === null || size === 0) {
    if (backups.names.length > 0 && !options.init) {
      throw new StartupError(
        "damaged",
        `${path} is ${size === null ? "missing" : "empty (0 bytes)"} but ${backups.dir} holds ` +
          `${backups.names.length} backup(s); ${restoreAdvice(path, backups)}`,
      );
    }
    // A WAL or shared-memory file left from a lost database must not be replayed on a new one.
    if (options.init) setAside(path, options.now ?? new Date(), { onlyCompanions: size === null });
    return "none";
  }
  if (readHeader(path) !== HEADER) {
    const problem = "its header is not a SQLite header";
    if (options.init) {
      setAside(path, options.now ?? new Date());
      return "none";
    }
    throw damaged(path, problem, backups);
  }
  return "present";
}

/** The refusal for a database that `PRAGMA quick_check` (or opening it) found damaged. */
export function damaged(path: string, problem: string, backups: BackupsBeside): StartupError {
  const oneLine = problem.replace(/\s+/g, " ").trim();
  const short = oneLine.length > 200 ? `${oneLine.slice(0, 200)}…` : oneLine;
  return new StartupError(
    "damaged",
    `${path} is damaged (${short}); ${restoreAdvice(path, backups)}`,
  );
}

/**
 * Renames the database and its `-wal`/`-shm` to `DATABASE.set-aside-<time>` (never deleted: it may
 * hold what a recovery tool can save). Returns the new name of the main file, if it existed.
 */
export function setAside(
  path: string,
  now: Date,
  options: { onlyCompanions?: boolean } = {},
): string | null {
  const stamp = now.toISOString().replace(/\.\d+Z$/, "Z").replace(/[-:]/g, "");
  let moved: string | null = null;
  for (const suffix of options.onlyCompanions ? ["-wal", "-shm"] : ["", "-wal", "-shm"]) {
    const from = path + suffix;
    if (fileSize(from) === null) continue;
    const to = `${path}.set-aside-${stamp}${suffix}`;
    if (suffix === "-shm") rmSync(from, { force: true }); // only an index of the WAL
    else renameSync(from, to);
    if (suffix === "") moved = to;
  }
  return moved;
}

/** The database error SQLite raised while opening or reading, classified; null if not one. */
export function openFailure(
  error: unknown,
  path: string,
  backups: BackupsBeside,
): StartupError | null {
  const { errcode, code } = error as { errcode?: unknown; code?: unknown };
  const primary = typeof errcode === "number" ? errcode & 0xff : null;
  const message = error instanceof Error ? error.message : String(error);
  // SQLITE_CORRUPT (11), SQLITE_NOTADB (26).
  if (primary === 11 || primary === 26) return damaged(path, message, backups);
  // SQLITE_READONLY (8), SQLITE_IOERR (10), SQLITE_FULL (13), SQLITE_CANTOPEN (14).
  if (primary === 8 || primary === 10 || primary === 13 || primary === 14) {
    return new StartupError("storage", `${path} cannot be opened for writing (${message})`);
  }
  if (typeof code === "string" && /^E[A-Z]+$/.test(code)) {
    return new StartupError("storage", `${path} ${why(error)}`);
  }
  return null;
}

function restoreAdvice(path: string, backups: BackupsBeside): string {
  const dataDir = path.slice(0, -basename(path).length - 1) || ".";
  const data = /^[\w./-]+$/.test(dataDir) ? dataDir : JSON.stringify(dataDir);
  const newest = backups.names.at(-1);
  if (newest === undefined) {
    return `no backup in ${backups.dir}; start with an empty database on purpose (the file is ` +
      `kept beside it): inventory serve --init --data ${data}`;
  }
  return `the newest backup is ${newest}; restore it: inventory db restore ${newest} ` +
    `--data ${data} (or start empty on purpose: inventory serve --init --data ${data})`;
}

/** Why a file operation failed, in words (no stack, no Rust error name). */
function why(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (error instanceof Deno.errors.PermissionDenied || code === "EACCES" || code === "EPERM") {
    return "cannot be written: permission denied";
  }
  if (code === "EROFS" || /read-only file system|os error 30\b/i.test(String(error))) {
    return "is on a read-only file system";
  }
  if (code === "ENOSPC" || /os error 28\b/.test(String(error))) {
    return "cannot be written: no space left on the device";
  }
  if (error instanceof Deno.errors.NotADirectory || code === "ENOTDIR") {
    return "is not a directory";
  }
  return `cannot be written: ${error instanceof Error ? error.message : String(error)}`;
}

function fileSize(path: string): number | null {
  try {
    return statSync(path).size;
  } catch {
    return null;
  }
}

function readHeader(path: string): string {
  const fd = openSync(path, "r");
  try {
    const buffer = new Uint8Array(16);
    const read = readSync(fd, buffer, 0, 16, 0);
    return new TextDecoder("latin1").decode(buffer.subarray(0, read));
  } finally {
    closeSync(fd);
  }
}
