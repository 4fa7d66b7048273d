/**
 * Who holds a data directory: every process that opens its database holds a shared lock on
 * `DATA/inventory.lock` (several servers and commands may share one database), and
 * `inventory db restore` takes it exclusively, so a restore never replaces a file under a running
 * server, and no server starts during a restore. Advisory (flock): it binds our own processes.
 *
 * @module
 */

import { join } from "node:path";

/** A held lock. */
export interface DataLock {
  release(): void;
}

/** The lock file of `dataDir`. */
export function lockPath(dataDir: string): string {
  return join(dataDir, "inventory.lock");
}

/**
 * Takes the data directory's lock, shared or exclusive, without waiting; null when another
 * process holds it the other way.
 */
export function tryLockDataDir(dataDir: string, exclusive: boolean): DataLock | null {
  const file = Deno.openSync(lockPath(dataDir), { read: true, write: true, create: true });
  let locked = false;
  try {
    locked = file.tryLockSync(exclusive);
  } finally {
    if (!locked) file.close();
  }
  if (!locked) return null;
  return {
    release: () => {
      try {
        file.close(); // closing releases the lock
      } catch {
        // Already closed.
      }
    },
  };
}
