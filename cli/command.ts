/**
 * The shape of a CLI command and the helpers every command uses: parsing with `node:util`
 * parseArgs, `--help` text, and errors that carry an exit code.
 *
 * @module
 */

import { parseArgs, type ParseArgsOptionsConfig } from "node:util";

/** A subcommand of `inventory`. */
export interface Command {
  name: string;
  summary: string;
  /** Runs with the arguments after the command name; resolves to the exit code. */
  run(args: string[]): Promise<number>;
}

/** A failure the CLI reports as one line and an exit code, without a stack trace. */
export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 2) {
    super(message);
    this.name = "CliError";
    this.exitCode = exitCode;
  }
}

/**
 * Exit codes shared by the commands. storage: the data directory cannot be written (read-only,
 * permissions, full); damaged: the database is damaged, or missing/empty while backups exist;
 * inUse: the data directory is held by another process (a restore, or a server during one).
 */
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  config: 3,
  network: 4,
  refused: 5,
  storage: 6,
  damaged: 7,
  inUse: 8,
} as const;

/** One documented option. */
export interface OptionDoc {
  flag: string;
  type: "string" | "boolean";
  short?: string;
  multiple?: boolean;
  value?: string;
  help: string;
}

/** Parses `args` against `options`; `--help` is always accepted. Unknown flags are usage errors. */
export function parseCommandArgs(
  args: string[],
  options: readonly OptionDoc[],
  allowPositionals = false,
): { values: Record<string, string | boolean | string[] | undefined>; positionals: string[] } {
  const config: ParseArgsOptionsConfig = { help: { type: "boolean", short: "h" } };
  for (const o of options) {
    config[o.flag] = {
      type: o.type,
      ...(o.short ? { short: o.short } : {}),
      ...(o.multiple ? { multiple: true } : {}),
    };
  }
  try {
    const { values, positionals } = parseArgs({
      args,
      options: config,
      allowPositionals,
      strict: true,
    });
    return {
      values: values as Record<string, string | boolean | string[] | undefined>,
      positionals,
    };
  } catch (error) {
    throw new CliError(`${(error as Error).message}. See --help`, EXIT.usage);
  }
}

/** Formats a help text: usage, description, options. */
export function helpText(
  usage: string,
  description: string,
  options: readonly OptionDoc[],
): string {
  const rows = [
    ...options,
    { flag: "help", type: "boolean", short: "h", help: "show this help" } as OptionDoc,
  ]
    .map((o) => {
      const left = `${o.short ? `-${o.short}, ` : "    "}--${o.flag}${
        o.type === "string" ? ` ${o.value ?? "VALUE"}` : ""
      }`;
      return `  ${left.padEnd(34)} ${o.help}`;
    });
  return `Usage: ${usage}\n\n${description}\n\nOptions:\n${rows.join("\n")}\n`;
}

/** Prints a line to stdout. */
export function print(text: string): void {
  // deno-lint-ignore no-console
  console.log(text);
}

/** Prints a line to stderr. */
export function printError(text: string): void {
  // deno-lint-ignore no-console
  console.error(text);
}
