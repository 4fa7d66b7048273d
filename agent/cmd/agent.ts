/**
 * `inventory agent`: inventory this machine and report it to an OCS-compatible server, write it
 * to a file, or print it; `--daemon` keeps doing so every PROLOG_FREQ hours; `install` and
 * `uninstall` set up (or remove) a daily scheduled run.
 *
 * @module
 */

import {
  CliError,
  type Command,
  EXIT,
  helpText,
  type OptionDoc,
  parseCommandArgs,
  print,
  printError,
} from "../../cli/command.ts";
import { collectInventory, type SectionReport, UnsupportedPlatformError } from "../collect.ts";
import { ALL_CHECKSUM_BITS } from "../checksum.ts";
import { liveProbe } from "../collectors/probe.ts";
import {
  type AgentFlags,
  type AgentSettings,
  ConfigError,
  DEFAULT_CONFIG_FILE,
  readConfigFile,
  resolveSettings,
} from "../config.ts";
import { abortableSleep, runDaemon } from "../daemon.ts";
import { type AgentLog, createAgentLog } from "../log.ts";
import { runOnce, type RunOptions, type RunResult } from "../run.ts";
import { loadState, stateDirFor } from "../state.ts";
import { createTransport, TransportError } from "../transport.ts";
import { INSTALL_OPTIONS, runInstall, runUninstall } from "./install.ts";

/** Options shared by runs and `install` (they end up in the config file). */
export const CONNECTION_OPTIONS: OptionDoc[] = [
  {
    flag: "server",
    type: "string",
    short: "s",
    value: "URL",
    help: "server URL (a bare host means http://HOST/ocsinventory)",
  },
  {
    flag: "tag",
    type: "string",
    short: "t",
    value: "TAG",
    help: "TAG to send (overrides ocsinv.adm)",
  },
  {
    flag: "user",
    type: "string",
    short: "u",
    value: "B64",
    help: "HTTP Basic user, base64 (as the OCS agent)",
  },
  {
    flag: "password",
    type: "string",
    short: "p",
    value: "B64",
    help: "HTTP Basic password, base64",
  },
  {
    flag: "realm",
    type: "string",
    short: "r",
    value: "REALM",
    help: "answer only this auth realm",
  },
  { flag: "ca", type: "string", value: "FILE", help: "PEM CA file to verify the HTTPS server" },
  {
    flag: "ssl",
    type: "string",
    value: "0|1",
    help: "0: HTTPS without certificate verification (default 1)",
  },
];

const OPTIONS: OptionDoc[] = [
  {
    flag: "now",
    type: "boolean",
    help: "run once now (the default); with --daemon: first run at once",
  },
  ...CONNECTION_OPTIONS,
  {
    flag: "local",
    type: "string",
    short: "l",
    value: "FILE|DIR",
    help: "write DIR/<DEVICEID>.ocs (zlib) or FILE.ocs|.xml; no server",
  },
  { flag: "xml", type: "boolean", help: "with --local DIR: write plain <DEVICEID>.xml" },
  { flag: "nolocal", type: "boolean", help: "ignore local= from the config file" },
  { flag: "stdout", type: "boolean", help: "print the inventory XML; no server" },
  { flag: "nosoftware", type: "boolean", help: "leave out installed software" },
  { flag: "force", type: "boolean", short: "f", help: "skip the PROLOG, send every section" },
  {
    flag: "debug",
    type: "boolean",
    help: "print what each collector did (section, ms, entries, error)",
  },
  {
    flag: "state-dir",
    type: "string",
    value: "DIR",
    help: "state root (default /var/lib/inventory-agent as root, else ~/.inventory-agent)",
  },
  {
    flag: "config",
    type: "string",
    short: "c",
    value: "FILE",
    help: `OCS-style cfg file (default ${DEFAULT_CONFIG_FILE} when present)`,
  },
  { flag: "logfile", type: "string", value: "FILE", help: "append log lines to FILE" },
  {
    flag: "daemon",
    type: "boolean",
    short: "d",
    help: "keep running: every PROLOG_FREQ hours, first run at a random time",
  },
  { flag: "json", type: "boolean", help: "print the run's result as JSON" },
  ...INSTALL_OPTIONS,
];

const USAGE = `inventory agent [--now] [--server URL] [--tag T] [--local FILE|DIR] [--stdout] ...
       inventory agent --daemon [--server URL] ...
       inventory agent install --server URL [--tag T] [--root DIR] [--init systemd|cron] [--now]
       inventory agent uninstall [--root DIR]`;
const DESCRIPTION =
  `Collects this machine's inventory and reports it the way the OCS Inventory NG Unix agent does:
PROLOG, then the INVENTORY when the server says SEND, with a CHECKSUM of the sections that changed
since the server last accepted one. State (DEVICEID, TAG, section hashes) is kept per server, in
the OCS agent's file formats. Settings come from --config (ocsinventory-agent.cfg keys); flags win.

\`install\` writes the config, a daily run at a random time (systemd timer, cron.daily, launchd or
a Windows scheduled task), log rotation, and a manifest; \`uninstall\` removes exactly those files.

Exit codes: 0 ok (also when the server says STOP), 1 failure, 2 usage, 3 configuration,
4 server unreachable, 5 server refused (HTTP 4xx/5xx, or not an OCS reply).`;

/** The `agent` command. */
export const agentCommand: Command = {
  name: "agent",
  summary: "inventory this machine; report it to a server, a file or stdout",
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, OPTIONS, true);
    if (values.help) {
      print(helpText(USAGE, DESCRIPTION, OPTIONS));
      return EXIT.ok;
    }
    const [action, ...extra] = positionals;
    if (extra.length > 0 || (action && action !== "install" && action !== "uninstall")) {
      throw new CliError(`Unexpected "${positionals.join(" ")}". See --help`, EXIT.usage);
    }
    if (action === "install") {
      return await runInstall(values, (v) => runWithSettings(loadSettings(v), v));
    }
    if (action === "uninstall") return runUninstall(values);
    return await runWithSettings(loadSettings(values), values);
  },
};

/** Reads `--config` (or the default file when present) and merges the flags. */
export function loadSettings(values: Record<string, unknown>): AgentSettings {
  const explicit = typeof values.config === "string" ? values.config : undefined;
  try {
    const file = readConfigFile(explicit ?? DEFAULT_CONFIG_FILE, explicit !== undefined);
    return resolveSettings(file.values, values as AgentFlags, file.warnings);
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message, EXIT.config);
    throw error;
  }
}

/** Runs once (or as a daemon) with resolved settings; resolves to the exit code. */
async function runWithSettings(
  settings: AgentSettings,
  values: Record<string, unknown>,
): Promise<number> {
  const stdout = values.stdout === true;
  if (settings.server === null && !settings.local && !stdout) {
    throw new CliError(
      "No server: give --server URL (or server= in the config), --local DIR or --stdout",
      EXIT.config,
    );
  }
  if (stdout && (values.json || values.daemon)) {
    throw new CliError(
      "--stdout prints the XML: it goes with neither --json nor --daemon",
      EXIT.usage,
    );
  }
  const log = createAgentLog({ logfile: settings.logfile, debug: settings.debug });
  for (const warning of settings.warnings) log.debug(warning);
  const options: RunOptions = {
    server: settings.server,
    stateRoot: settings.stateRoot,
    noSoftware: settings.noSoftware,
    force: values.force === true,
    xml: values.xml === true,
    stdout,
    transport: {
      ssl: settings.ssl,
      ...(settings.user !== undefined ? { user: settings.user, password: settings.password } : {}),
      ...(settings.realm !== undefined ? { realm: settings.realm } : {}),
      ...(settings.ca !== undefined ? { caFile: settings.ca } : {}),
    },
    ...(settings.tag !== undefined ? { tag: settings.tag } : {}),
    ...(settings.local !== undefined ? { local: settings.local } : {}),
  };
  const once = () => runLogged(options, settings, log);
  if (values.daemon) return await daemon(options, settings, log, values.now === true, once);

  const result = await once();
  if (stdout) print(result.xml!.trimEnd());
  else if (values.json) print(JSON.stringify({ ...result, xml: undefined }, null, 2));
  else print(summary(result));
  return EXIT.ok;
}

/** One run, its outcome logged, its failure turned into the right exit code. */
async function runLogged(options: RunOptions, settings: AgentSettings, log: AgentLog) {
  const started = performance.now();
  try {
    const result = await runOnce(options, {
      collect: ({ noSoftware }) =>
        collectInventory(liveProbe({ debug: settings.debug ? log.debug : false }), { noSoftware }),
      openTransport: createTransport,
      hostname: () => Deno.hostname(),
      now: () => new Date(),
      log: log.debug,
    });
    if (settings.debug && result.report) printReport(result.report);
    log.info(`${summary(result)} (${Math.round(performance.now() - started)} ms)`);
    return result;
  } catch (error) {
    const failure = asCliError(error);
    if (!failure) throw error;
    log.info(`failed: ${failure.message}`);
    throw failure;
  }
}

async function daemon(
  options: RunOptions,
  settings: AgentSettings,
  log: AgentLog,
  immediate: boolean,
  once: () => Promise<RunResult>,
): Promise<number> {
  const controller = new AbortController();
  const stop = () => controller.abort();
  const signals: Deno.Signal[] = Deno.build.os === "windows" ? ["SIGINT"] : ["SIGINT", "SIGTERM"];
  for (const signal of signals) Deno.addSignalListener(signal, stop);
  const server = options.local || options.stdout ? null : options.server;
  const initialFreq =
    loadState(stateDirFor(settings.stateRoot, server), Deno.hostname()).prologFreq;
  try {
    await runDaemon({
      initialFreq,
      immediate,
      signal: controller.signal,
      sleep: abortableSleep,
      log: (message) => {
        log.info(message);
        if (settings.debug) printError(`[agent] ${message}`);
      },
      runOnce: async () => {
        const result = await once();
        print(summary(result));
        return result.prologFreq;
      },
    });
  } finally {
    for (const signal of signals) Deno.removeSignalListener(signal, stop);
  }
  return EXIT.ok;
}

function asCliError(error: unknown): CliError | null {
  if (error instanceof CliError) return error;
  if (error instanceof TransportError) return new CliError(error.message, error.exitCode);
  if (error instanceof ConfigError) return new CliError(error.message, EXIT.config);
  if (error instanceof UnsupportedPlatformError) return new CliError(error.message, EXIT.failure);
  return null;
}

/** One line saying what the run did. */
function summary(r: RunResult): string {
  const sections = r.sections ? `${r.sections.length} sections, ` : "";
  const size = r.bytes !== undefined ? `${Math.round(r.bytes / 1024)} KB` : "";
  if (r.file || r.xml !== undefined) {
    return `Inventory of ${r.deviceId}${
      r.file ? ` written to ${r.file}` : ""
    } (${sections}${size})`;
  }
  const next = `next contact in ${r.prologFreq} h`;
  if (!r.sent) return `${r.server} says ${r.prolog} for ${r.deviceId}: nothing sent; ${next}`;
  const update = r.accountUpdate
    ? `; server's ACCOUNTINFO saved: ${
      Object.entries(r.accountUpdate).map(([k, v]) => `${k}=${v}`).join(" ")
    }`
    : "";
  const changed = r.checksum === ALL_CHECKSUM_BITS ? "every section" : r.changed?.join(" ");
  return `Inventory of ${r.deviceId} sent to ${r.server}: ${sections}CHECKSUM ${r.checksum} (${changed}), ${size}; ${next}${update}`;
}

function printReport(report: SectionReport[]): void {
  const rows = [...report].sort((a, b) => a.section.localeCompare(b.section));
  printError(`${"section".padEnd(16)} ${"ms".padStart(6)} ${"entries".padStart(8)}  error`);
  for (const r of rows) {
    printError(
      `${r.section.padEnd(16)} ${r.ms.toFixed(1).padStart(6)} ${String(r.entries).padStart(8)}  ${
        r.error ?? ""
      }`,
    );
  }
}
