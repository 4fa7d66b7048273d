/**
 * Agent settings: an OCS-style config file (`ocsinventory-agent.cfg` keys, so an existing file
 * can be reused) overridden by command-line flags, resolved into one checked object. Mistakes
 * are {@link ConfigError}s, which the CLI turns into exit code 3 with the message.
 *
 * File format, as the OCS agent reads it: `key=value` lines, keys case-insensitive, `#` starts a
 * comment line, surrounding quotes stripped; `user` and `password` are base64-encoded.
 *
 * @module
 */

import { Buffer } from "node:buffer";
import { defaultStateRoot } from "./state.ts";

/** Where `inventory agent install` writes the config; read when no `--config` is given. */
export const DEFAULT_CONFIG_FILE = "/etc/inventory-agent/agent.cfg";

/** Keys we use, as the OCS agent names them. */
export const CONFIG_KEYS = [
  "server",
  "tag",
  "user",
  "password",
  "realm",
  "ca",
  "ssl",
  "logfile",
  "basevardir",
  "nosoftware",
  "local",
  "debug",
  "remotedir",
] as const;

/** OCS agent keys we accept in a file but do not act on (reported with --debug). */
const IGNORED_OCS_KEYS = new Set([
  "proxy",
  "delaytime",
  "lazy",
  "wait",
  "daemon",
  "force",
  "stdout",
  "info",
  "nolocal",
  "snmp",
  "snmptimeout",
  "snmpretry",
  "scan-homedirs",
  "scan-root-fs",
  "backend-collect-timeout",
  "devlib",
  "nosoft",
  "nonet",
]);

/** A mistake in the settings (exit code 3). */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/** The resolved settings of one agent run. */
export interface AgentSettings {
  /** The server endpoint URL; null for runs without a server. */
  server: string | null;
  /** TAG to send, overriding `ocsinv.adm` (as `--tag` does for the OCS agent). */
  tag?: string;
  /** Basic auth, decoded from base64. */
  user?: string;
  password?: string;
  realm?: string;
  ca?: string;
  /** HTTPS certificate verification (OCS `ssl`, default 1). */
  ssl: boolean;
  logfile?: string;
  /** Where the per-server state directories live. */
  stateRoot: string;
  noSoftware: boolean;
  /** Write the inventory to this file or directory instead of sending it. */
  local?: string;
  debug: boolean;
  /** What the file had that we do not use. */
  warnings: string[];
}

/** Command-line values, as `parseArgs` gives them (undefined = not given). */
export interface AgentFlags {
  server?: string;
  tag?: string;
  user?: string;
  password?: string;
  realm?: string;
  ca?: string;
  ssl?: string;
  logfile?: string;
  "state-dir"?: string;
  nosoftware?: boolean;
  local?: string;
  nolocal?: boolean;
  debug?: boolean;
}

/**
 * Parses config file text into lower-cased keys and values.
 *
 * @throws {ConfigError} for a line that is not `key=value`, with its number
 */
export function parseConfigText(
  text: string,
  source = "config",
): { values: Record<string, string>; warnings: string[] } {
  const values: Record<string, string> = {};
  const warnings: string[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    const match = /^([\w-]+)\s*=\s*(.*)$/.exec(line);
    if (!match) {
      throw new ConfigError(`${source}:${index + 1}: expected key=value, got "${line}"`);
    }
    const key = match[1]!.toLowerCase();
    const value = match[2]!.replace(/^'(.*)'$/, "$1").replace(/^"(.*)"$/, "$1");
    if (value === "") return; // the OCS agent skips empty values too
    if (!(CONFIG_KEYS as readonly string[]).includes(key)) {
      warnings.push(
        `${source}:${index + 1}: ${IGNORED_OCS_KEYS.has(key) ? "ignored" : "unknown"} key "${key}"`,
      );
      return;
    }
    values[key] = value;
  });
  return { values, warnings };
}

/**
 * Reads a config file. With `required` false (no `--config` given) a missing file is no error.
 *
 * @throws {ConfigError} when it cannot be read or parsed
 */
export function readConfigFile(
  path: string,
  required = true,
): { values: Record<string, string>; warnings: string[] } {
  let text: string;
  try {
    text = Deno.readTextFileSync(path);
  } catch (error) {
    if (!required && error instanceof Deno.errors.NotFound) return { values: {}, warnings: [] };
    throw new ConfigError(`Cannot read the config file ${path}: ${(error as Error).message}`);
  }
  return parseConfigText(text, path);
}

/**
 * Merges file values and flags (flags win) into checked settings.
 *
 * @throws {ConfigError} for a bad `ssl`, boolean, base64 credential or server URL
 */
export function resolveSettings(
  file: Record<string, string>,
  flags: AgentFlags,
  warnings: string[] = [],
): AgentSettings {
  const pick = (flag: string | undefined, key: string) => flag ?? file[key];
  const serverValue = pick(flags.server, "server");
  const local = flags.nolocal ? undefined : pick(flags.local, "local");
  const settings: AgentSettings = {
    server: serverValue === undefined ? null : serverUrl(serverValue, file.remotedir),
    ssl: bool(pick(flags.ssl, "ssl"), "ssl", true),
    stateRoot: pick(flags["state-dir"], "basevardir") ?? defaultStateRoot(),
    noSoftware: flags.nosoftware || bool(file.nosoftware, "nosoftware", false),
    debug: flags.debug || bool(file.debug, "debug", false),
    warnings,
  };
  const optional = {
    tag: pick(flags.tag, "tag"),
    realm: pick(flags.realm, "realm"),
    ca: pick(flags.ca, "ca"),
    logfile: pick(flags.logfile, "logfile"),
    local,
    user: base64Text(pick(flags.user, "user"), "user"),
    password: base64Text(pick(flags.password, "password"), "password"),
  };
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) (settings as unknown as Record<string, string>)[key] = value;
  }
  if ((settings.user === undefined) !== (settings.password === undefined)) {
    throw new ConfigError("user and password go together: give both or neither");
  }
  return settings;
}

/**
 * The endpoint URL for a `server` setting: a bare host becomes `http://<host>/ocsinventory`
 * (OCS: `http://` + server + remotedir); a URL is kept as given.
 *
 * @throws {ConfigError} when the result is not an http(s) URL
 */
export function serverUrl(value: string, remotedir = "/ocsinventory"): string {
  const text = /^[a-z][a-z0-9+.-]*:\/\//i.test(value)
    ? value
    : `http://${value.replace(/\/+$/, "")}${remotedir.startsWith("/") ? "" : "/"}${remotedir}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ConfigError(`server "${value}" is not a URL or host name`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ConfigError(`server "${value}" must be http:// or https://`);
  }
  return text;
}

function bool(value: string | undefined, key: string, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  const v = value.trim().toLowerCase();
  if (["1", "yes", "true", "on"].includes(v)) return true;
  if (["0", "no", "false", "off"].includes(v)) return false;
  throw new ConfigError(`${key} must be 0 or 1, got "${value}"`);
}

/** Decodes an OCS base64 credential; refuses what is not base64 of UTF-8 text. */
function base64Text(value: string | undefined, key: string): string | undefined {
  if (value === undefined) return undefined;
  const compact = value.replace(/\s+/g, "");
  const decoded = /^[A-Za-z0-9+/]*={0,2}$/.test(compact) && compact.length % 4 !== 1
    ? Buffer.from(compact, "base64")
    : null;
  try {
    if (decoded === null || decoded.length === 0) throw new Error();
    return new TextDecoder("utf-8", { fatal: true }).decode(decoded);
  } catch {
    throw new ConfigError(
      `${key} must be base64-encoded, as the OCS agent takes it (e.g. \`printf %s 'secret' | base64\`)`,
    );
  }
}
