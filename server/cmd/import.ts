/**
 * `inventory import FILE|DIR…`: loads offline inventories (`.ocs`, `.xml`) written by agents in
 * local mode, through the same pipeline as live agents. A bad file is reported and skipped.
 *
 * @module
 */

import { join } from "node:path";
import {
  type Command,
  helpText,
  type OptionDoc,
  parseCommandArgs,
  print,
  printError,
} from "../../cli/command.ts";
import { ProgressBar } from "../../cli/progress.ts";
import { importInventoryFile, type ImportResult } from "../ingest/import_file.ts";
import { createLogger } from "../log.ts";
import { closeContext, openContext } from "../serve.ts";
import { configFrom, DATA_OPTIONS, explainStartup } from "./common.ts";
import { CliError, EXIT } from "../../cli/command.ts";

const OPTIONS: OptionDoc[] = [
  ...DATA_OPTIONS,
  { flag: "json", type: "boolean", help: "print one JSON result per file instead of text" },
];
const USAGE = "inventory import [options] FILE|DIR...";
const DESCRIPTION =
  `Imports offline inventories (.ocs zlib files and .xml files written by agents with
--local) into the data directory. Directories are searched recursively. Each file is stored
whole or not at all; a bad file is reported and the others go on. Exit code 1 if any failed.`;

/** The `import` command. */
export const importCommand: Command = {
  name: "import",
  summary: "import offline .ocs/.xml inventory files",
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, OPTIONS, true);
    if (values.help) {
      print(helpText(USAGE, DESCRIPTION, OPTIONS));
      return 0;
    }
    if (positionals.length === 0) {
      throw new CliError("Name at least one file or directory. See --help", EXIT.usage);
    }
    const files = positionals.flatMap((p) => listFiles(p));
    if (files.length === 0) throw new CliError("No .ocs or .xml file found", EXIT.usage);
    const config = configFrom(values);
    const ctx = await explainStartup(() =>
      openContext(config, {
        decoder: files.length > 50 ? "workers" : "inline",
        backgroundCheckpoints: files.length > 50,
        log: createLogger({ level: "error" }),
      })
    );
    const bar = files.length > 1 && !values.json
      ? new ProgressBar("importing", files.length)
      : null;
    const results: ImportResult[] = [];
    try {
      // A few in flight: decode workers and group commit work in parallel.
      let next = 0;
      const worker = async () => {
        while (next < files.length) {
          const file = files[next++]!;
          let result: ImportResult;
          try {
            result = await importInventoryFile(ctx, file, await Deno.readFile(file), {
              userAgent: "inventory-import",
              ipSource: "local",
            });
          } catch (error) {
            result = {
              file,
              ok: false,
              status: 400,
              message: `Cannot read: ${(error as Error).message}`,
            };
          }
          results.push(result);
          if (values.json) print(JSON.stringify(result));
          bar?.tick();
        }
      };
      await Promise.all(Array.from({ length: 8 }, worker));
    } finally {
      bar?.finish();
      await closeContext(ctx);
    }
    const failed = results.filter((r) => !r.ok);
    if (!values.json) {
      for (const r of results) {
        const line = `${r.ok ? "ok    " : "FAILED"} ${r.file}: ${
          r.ok ? `${r.deviceid} (${r.message})` : r.message
        }`;
        if (r.ok) print(line);
        else printError(line);
      }
      print(`${results.length - failed.length} imported, ${failed.length} failed`);
    }
    return failed.length > 0 ? EXIT.failure : EXIT.ok;
  },
};

function listFiles(path: string): string[] {
  let info: Deno.FileInfo;
  try {
    info = Deno.statSync(path);
  } catch {
    throw new CliError(`No such file or directory: "${path}"`, EXIT.usage);
  }
  if (info.isFile) return [path];
  const out: string[] = [];
  for (const entry of [...Deno.readDirSync(path)].sort((a, b) => a.name.localeCompare(b.name))) {
    const full = join(path, entry.name);
    if (entry.isDirectory) out.push(...listFiles(full));
    else if (entry.isFile && /\.(ocs|xml)$/i.test(entry.name)) out.push(full);
  }
  return out;
}
