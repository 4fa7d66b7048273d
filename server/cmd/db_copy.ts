/**
 * `inventory db copy`: moves an installation between its embedded SQLite file and PostgreSQL,
 * in either direction, with progress per table and a count check (`server/db/copy.ts`).
 *
 * @module
 */

import { CliError, EXIT, type OptionDoc, print } from "../../cli/command.ts";
import { ProgressBar } from "../../cli/progress.ts";
import { printTable } from "../../cli/table.ts";
import { copyDatabase, type CopyProgress, type CopyReport } from "../db/copy.ts";
import { openPostgres, parsePostgresUrl } from "../db/postgres/open.ts";
import type { Database } from "../db/schema.ts";
import { withDataContext } from "./common.ts";

/** The options only `copy` takes. */
export const COPY_OPTIONS: OptionDoc[] = [
  { flag: "to", type: "string", value: "URL", help: "copy: the data directory's database to here" },
  { flag: "from", type: "string", value: "URL", help: "copy: this database into the data dir" },
];

export const COPY_USAGE = "inventory db copy (--to postgres://… | --from postgres://…) [--json]";

export const COPY_DESCRIPTION =
  `"copy" copies every table between the data directory's SQLite database and a PostgreSQL
database, then checks that each table has as many rows on both sides. The target must be new or
empty of devices, computers and users; a failed copy leaves it as it was. The source may be in
use by a server: it is read in one consistent snapshot. Exit codes: 4 PostgreSQL cannot be
reached, 5 the copy is refused (target in use, schemas differ, a count differs: rolled back).`;

/** Runs `db copy` with the parsed options. */
export async function runCopy(values: Record<string, unknown>): Promise<number> {
  const to = typeof values.to === "string" ? values.to : null;
  const from = typeof values.from === "string" ? values.from : null;
  if ((to === null) === (from === null)) {
    throw new CliError("Give one of --to URL or --from URL", EXIT.usage);
  }
  const url = (to ?? from)!;
  try {
    parsePostgresUrl(url);
  } catch (error) {
    throw new CliError((error as Error).message, EXIT.usage);
  }
  const report = await withDataContext(values, async (ctx) => {
    let pg;
    try {
      pg = await openPostgres<Database>(url, { maxConnections: 2 });
    } catch (error) {
      throw new CliError((error as Error).message, EXIT.network);
    }
    const bars = progressBars();
    try {
      const [source, target] = to ? [ctx.db, pg.db] : [pg.db, ctx.db];
      return await copyDatabase(source, target, { onProgress: bars.update });
    } catch (error) {
      throw new CliError((error as Error).message, EXIT.refused);
    } finally {
      bars.finish();
      await pg.close();
    }
  });
  if (values.json) {
    print(JSON.stringify(report));
  } else {
    printTable(
      ["table", "source rows", "target rows"],
      report.tables.map((t) => [t.name, String(t.source), String(t.target)]),
    );
    print(summary(report));
  }
  return EXIT.ok;
}

function summary(report: CopyReport): string {
  const rows = report.tables.reduce((n, t) => n + t.target, 0);
  return `${report.tables.length} tables, ${rows} rows copied; every count equal`;
}

/** A progress bar per table that has rows, on stderr. */
function progressBars() {
  let current: { table: string; bar: ProgressBar; done: number } | null = null;
  return {
    update: ({ table, copied, total }: CopyProgress) => {
      if (total === 0) return;
      if (current?.table !== table) {
        current?.bar.finish();
        current = { table, bar: new ProgressBar(table, total), done: 0 };
      }
      current.bar.tick(copied - current.done);
      current.done = copied;
    },
    finish: () => current?.bar.finish(),
  };
}
