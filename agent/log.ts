/**
 * The agent's log: warnings and errors to stderr, debug lines to stderr with `--debug`, and
 * everything to the `logfile` when one is set (the OCS agent's `--logfile`; install sets
 * `/var/log/inventory-agent.log`, which its logrotate rule rotates). A log file that cannot be
 * written is reported once and the run goes on: logging must never cost an inventory.
 *
 * @module
 */

import { printError } from "../cli/command.ts";

/** Where the agent's messages go. */
export interface AgentLog {
  /** Run summaries: to the log file only (the CLI prints its own summary). */
  info(message: string): void;
  /** To stderr and the log file. */
  warn(message: string): void;
  /** With `--debug`: to stderr and the log file. */
  debug(message: string): void;
}

/** Creates the log. `write` replaces stderr (tests). */
export function createAgentLog(
  options: { logfile?: string; debug?: boolean; write?: (line: string) => void } = {},
): AgentLog {
  const write = options.write ?? printError;
  let fileFailed = false;
  const toFile = (level: string, message: string) => {
    if (!options.logfile || fileFailed) return;
    try {
      Deno.writeTextFileSync(options.logfile, `${timestamp()} [${level}] ${message}\n`, {
        append: true,
      });
    } catch (error) {
      fileFailed = true;
      write(
        `inventory agent: cannot write the log file ${options.logfile}: ${
          (error as Error).message
        }`,
      );
    }
  };
  return {
    info: (message) => toFile("info", message),
    warn(message) {
      write(`inventory agent: ${message}`);
      toFile("warn", message);
    },
    debug(message) {
      if (!options.debug) return;
      write(`[agent] ${message}`);
      toFile("debug", message);
    },
  };
}

function timestamp(date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${
    pad(date.getHours())
  }:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}
