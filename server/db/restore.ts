/**
 * Restoring a backup over the data directory's database, while no process holds the directory
 * (see data_lock.ts): the backup is checked first (`PRAGMA quick_check`), copied beside the
 * database and synced, the current file and its `-wal` set aside (kept, never deleted), then the
 * copy renamed into place — at every moment the directory holds either the old database or the
 * restored one.
 *
 * @module
 */

import { DatabaseSync } from "node:sqlite";
import { renameSync, statSync } from "node:fs";
import { setAside } from "./startup.ts";

/** What a restore did. */
export interface RestoreResult {
  /** The database file, now the backup's content. */
  database: string;
  backup: string;
  bytes: number;
  /** Where the replaced database was kept, or null when there was none (or it was empty). */
  previous: string | null;
}

/** The backup could not be used. */
export class RestoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RestoreError";
  }
}

/** Restores `backup` (a file path) over `database`; the caller holds the directory's lock. */
export function restoreBackup(backup: string, database: string, now: Date): RestoreResult {
  const check = quickCheck(backup);
  if (check !== "ok") throw new RestoreError(`${backup} fails its check too (${check})`);
  const partial = `${database}.restoring`;
  Deno.copyFileSync(backup, partial);
  const file = Deno.openSync(partial, { read: true, write: true });
  try {
    file.syncSync();
  } finally {
    file.close();
  }
  const size = sizeOf(database);
  // An empty or missing file keeps nothing worth setting aside but its -wal, if any.
  const previous = setAside(database, now, { onlyCompanions: size === null || size === 0 });
  renameSync(partial, database);
  return { database, backup, bytes: statSync(database).size, previous };
}

function quickCheck(path: string): string {
  let db: DatabaseSync;
  try {
    db = new DatabaseSync(path, { readOnly: true });
  } catch (error) {
    throw new RestoreError(`${path} cannot be opened: ${(error as Error).message}`);
  }
  try {
    const rows = db.prepare("PRAGMA quick_check(10)").all() as Record<string, string>[];
    return rows.map((r) => Object.values(r)[0]).join("; ");
  } catch (error) {
    return (error as Error).message;
  } finally {
    db.close();
  }
}

function sizeOf(path: string): number | null {
  try {
    return statSync(path).size;
  } catch {
    return null;
  }
}
