/**
 * What the server-side commands share: the settings table as CLI options, and resolving the
 * configuration with a clear error.
 *
 * @module
 */

import { CliError, EXIT, type OptionDoc } from "../../cli/command.ts";
import { ConfigError, resolveConfig, type ServerConfig, SETTINGS } from "../config.ts";
import type { ServerContext } from "../context.ts";
import { createLogger } from "../log.ts";
import { StartupError } from "../db/startup.ts";
import { closeContext, openContext } from "../serve.ts";

/** Every setting as a CLI option (`serve` shows them all). */
export const SETTING_OPTIONS: OptionDoc[] = SETTINGS.map((s) => ({
  flag: s.flag,
  type: "string",
  value: s.kind === "int"
    ? "N"
    : s.kind === "bool"
    ? "BOOL"
    : s.flag === "listen"
    ? "HOST:PORT"
    : "VALUE",
  help: `${s.help} [${s.env}; default ${s.default || "none"}]`,
}));

/** The data-directory options only, for commands that just open the database. */
export const DATA_OPTIONS: OptionDoc[] = SETTING_OPTIONS.filter((o) =>
  o.flag === "data" || o.flag === "config"
);

/** Resolves the configuration from parsed flags and the environment. */
export function configFrom(values: Record<string, unknown>): ServerConfig {
  const flags: Record<string, string | undefined> = {};
  for (const s of SETTINGS) {
    const v = values[s.flag];
    if (typeof v === "string") flags[s.flag] = v;
  }
  try {
    return resolveConfig({ flags, env: Deno.env.toObject() });
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message, EXIT.config);
    throw error;
  }
}

/** A whole-number option, or `fallback` when absent; anything else is a usage error. */
export function intOption(value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "string" || !/^\d+$/.test(value)) {
    throw new CliError(`"${value}" is not a whole number`, EXIT.usage);
  }
  return Number(value);
}

/** Runs `open`, turning a refused data directory into a one-line CLI error and its exit code. */
export async function explainStartup<T>(open: () => Promise<T>): Promise<T> {
  try {
    return await open();
  } catch (error) {
    if (!(error instanceof StartupError)) throw error;
    const code = error.kind === "storage"
      ? EXIT.storage
      : error.kind === "damaged"
      ? EXIT.damaged
      : EXIT.inUse;
    throw new CliError(error.message, code);
  }
}

/**
 * Runs `fn` on the context of the data directory the options name, logging errors only, and
 * closes it whatever happens: what every command that reads or edits the database does.
 */
export async function withDataContext<T>(
  values: Record<string, unknown>,
  fn: (ctx: ServerContext) => Promise<T>,
): Promise<T> {
  // Only the data options: a command's own flag may share a setting's name (`devices set
  // --frequency default` is the device's override, not the server's inventory frequency).
  const data = Object.fromEntries(DATA_OPTIONS.map((o) => [o.flag, values[o.flag]]));
  const config = configFrom(data);
  const ctx = await explainStartup(() =>
    openContext(config, { log: createLogger({ level: "error" }) })
  );
  try {
    return await fn(ctx);
  } finally {
    await closeContext(ctx);
  }
}

/**
 * A list as every `--json` list prints it, the API's shape: `{total, limit, offset, items}`.
 * Without a page, the whole list (limit = total, offset 0).
 */
export function jsonList<T>(
  items: readonly T[],
  page: { total: number; limit: number; offset: number } = {
    total: items.length,
    limit: items.length,
    offset: 0,
  },
): string {
  return JSON.stringify({ ...page, items }, null, 2);
}
