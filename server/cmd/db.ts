/**
 * `inventory db`: the database file itself — the backups beside it, and restoring one (the way
 * back from a damaged or lost database, which `serve` refuses to start on) — and copying it to
 * or from PostgreSQL (`db_copy.ts`).
 *
 * @module
 */

import { statSync } from "node:fs";
import { basename, join } from "node:path";
import {
  CliError,
  type Command,
  EXIT,
  helpText,
  type OptionDoc,
  parseCommandArgs,
  print,
} from "../../cli/command.ts";
import { printTable } from "../../cli/table.ts";
import { tryLockDataDir } from "../db/data_lock.ts";
import { restoreBackup, RestoreError } from "../db/restore.ts";
import { checkDataDirWritable } from "../db/startup.ts";
import { backupsDir, listBackups } from "../tasks/builtin/backup.ts";
import { configFrom, DATA_OPTIONS, explainStartup, jsonList } from "./common.ts";
import { COPY_DESCRIPTION, COPY_OPTIONS, COPY_USAGE, runCopy } from "./db_copy.ts";

const OPTIONS: OptionDoc[] = [...DATA_OPTIONS, ...COPY_OPTIONS, {
  flag: "json",
  type: "boolean",
  help: "print JSON",
}];

const USAGE = `inventory db backups [--json]
       inventory db restore BACKUP [--json]
       ${COPY_USAGE}`;

const DESCRIPTION =
  `The database file. "backups" lists the copies the backup task made in DATA/backups, newest
first. "restore" replaces DATA/inventory.sqlite with one of them (a name from that list, or a
path): the backup is checked first (PRAGMA quick_check), and the replaced file is kept beside
it as inventory.sqlite.set-aside-<time>. Stop every server using the data directory first:
restore refuses while one holds it.
Exit codes: 0 done, 2 usage (no such backup), 6 the data directory cannot be written, 7 the
backup fails its check, 8 a server or another command holds the data directory.

${COPY_DESCRIPTION}`;

/** The `db` command. */
export const dbCommand: Command = {
  name: "db",
  summary: "the database: list backups, restore one, copy to or from PostgreSQL",
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, OPTIONS, true);
    if (values.help) {
      print(helpText(USAGE, DESCRIPTION, OPTIONS));
      return 0;
    }
    const [action, ...rest] = positionals;
    if (action === "copy" && rest.length === 0) return await runCopy(values);
    const config = configFrom(values);
    const dir = backupsDir(config.dataDir);
    if (action === "backups" && rest.length === 0) {
      const rows = listBackups(dir).reverse().map((name) => ({
        name,
        bytes: statSync(join(dir, name)).size,
      }));
      if (values.json) print(jsonList(rows));
      else if (rows.length === 0) print(`No backup in ${dir}`);
      else {
        printTable(
          ["NAME", "SIZE"],
          rows.map((r) => [r.name, `${(r.bytes / 1048576).toFixed(1)} MiB`]),
        );
      }
      return 0;
    }
    if (action !== "restore" || rest.length !== 1) {
      throw new CliError(
        action === "restore"
          ? "Name one backup to restore. See --help"
          : `Unknown action "${action ?? ""}": backups, restore or copy. See --help`,
        EXIT.usage,
      );
    }
    const wanted = rest[0]!;
    const backup = wanted.includes("/") ? wanted : join(dir, wanted);
    try {
      if (!statSync(backup).isFile()) throw new Error("not a file");
    } catch {
      const known = listBackups(dir);
      throw new CliError(
        `No backup "${wanted}"${
          known.length ? `; in ${dir}: ${known.reverse().join(", ")}` : ` (${dir} holds none)`
        }`,
        EXIT.usage,
      );
    }
    await explainStartup(() => Promise.resolve(checkDataDirWritable(config.dataDir)));
    const lock = tryLockDataDir(config.dataDir, true);
    if (!lock) {
      throw new CliError(
        `${config.dataDir} is in use by a server or another command; stop it, then restore`,
        EXIT.inUse,
      );
    }
    try {
      const result = restoreBackup(backup, config.databasePath, new Date());
      if (values.json) print(JSON.stringify(result, null, 2));
      else {
        print(
          `restored ${basename(backup)} to ${result.database} (${
            (result.bytes / 1048576).toFixed(1)
          } MiB, check ok)`,
        );
        if (result.previous) print(`  the replaced database is kept as ${result.previous}`);
      }
      return 0;
    } catch (error) {
      if (error instanceof RestoreError) throw new CliError(error.message, EXIT.damaged);
      throw error;
    } finally {
      lock.release();
    }
  },
};
