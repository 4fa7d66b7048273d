/**
 * `backup`: an online, consistent copy of the database into DATA/backups/, checked, then the
 * oldest copies beyond the parameter removed. To restore, stop the server and copy a backup over
 * DATA/inventory.sqlite (removing any inventory.sqlite-wal and -shm beside it).
 *
 * @module
 */

import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import type { TaskDefinition } from "../definition.ts";
import { backupDatabase } from "./backup_file.ts";

/** Backup files are named after their UTC time, so names sort oldest first. */
const BACKUP_NAME = /^inventory-\d{8}T\d{6}Z(?:-\d+)?\.sqlite$/;

/** The backups folder of a data directory. */
export function backupsDir(dataDir: string): string {
  return join(dataDir, "backups");
}

/** The backups in `dir`, oldest first. */
export function listBackups(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.filter((n) => BACKUP_NAME.test(n)).sort();
}

function backupName(dir: string, at: Date): string {
  const stamp = at.toISOString().replace(/\.\d+Z$/, "Z").replace(/[-:]/g, "");
  let name = `inventory-${stamp}.sqlite`;
  for (let n = 2; existsIn(dir, name); n++) name = `inventory-${stamp}-${n}.sqlite`;
  return name;
}

function existsIn(dir: string, name: string): boolean {
  try {
    statSync(join(dir, name));
    return true;
  } catch {
    return false;
  }
}

/** The backup task. */
export const backupTask: TaskDefinition = {
  name: "backup",
  description: "Back up the database to DATA/backups/ (online, consistent, checked), with rotation",
  defaults: { frequency: "15 3 * * *", enabled: true },
  param: { meaning: "backups to keep", default: 7, min: 1, max: 1000 },
  async run(run) {
    const dir = backupsDir(run.ctx.config.dataDir);
    mkdirSync(dir, { recursive: true });
    // A run killed mid-copy leaves a .partial file: never a backup, always safe to remove.
    for (const name of readdirSync(dir).filter((n) => n.includes(".partial"))) {
      rmSync(join(dir, name), { force: true });
    }
    const name = backupName(dir, run.clock.now());
    const partial = join(dir, `${name}.partial`);
    let pages: number;
    try {
      pages = await backupDatabase(run.ctx.config.databasePath, partial);
    } catch (error) {
      rmSync(partial, { force: true });
      throw error;
    }
    renameSync(partial, join(dir, name));
    run.addVolume(pages);
    const size = statSync(join(dir, name)).size;
    await run.log(`wrote ${name}: ${pages} pages, ${(size / 1048576).toFixed(1)} MiB, check ok`);

    const keep = run.param ?? 7;
    const all = listBackups(dir);
    const removed = all.slice(0, Math.max(0, all.length - keep));
    for (const old of removed) rmSync(join(dir, old), { force: true });
    if (removed.length > 0) await run.log(`removed ${removed.join(", ")}`);
    return {
      result: "done",
      message: `${name} (${(size / 1048576).toFixed(1)} MiB); ${
        all.length - removed.length
      } kept, ${removed.length} removed`,
    };
  },
};
