/**
 * `inventory`: one program for the server and the agent. This file only maps argv to a command.
 *
 * @module
 */

import { inWorkerThread } from "./server/worker_thread.ts";
import {
  CliError,
  type Command,
  helpText,
  parseCommandArgs,
  print,
  printError,
} from "./cli/command.ts";
import { VERSION } from "./version.ts";

/**
 * A command whose module is imported only when it runs: the agent then never loads the server
 * (Kysely, Hono, Preact), nor the server the agent's collectors — less start-up time and memory.
 * `deno bundle` inlines these imports, so the bundle stays one file.
 */
function lazyCommand(name: string, summary: string, load: () => Promise<Command>): Command {
  return { name, summary, run: async (args) => (await load()).run(args) };
}

const versionCommand: Command = {
  name: "version",
  summary: "print the version",
  run: (args) => {
    const options = [{ flag: "json", type: "boolean" as const, help: "print JSON" }];
    const { values } = parseCommandArgs(args, options);
    if (values.help) print(helpText("inventory version [--json]", "Prints the version.", options));
    else if (values.json) print(JSON.stringify({ version: VERSION, deno: Deno.version.deno }));
    else print(`inventory ${VERSION}`);
    return Promise.resolve(0);
  },
};

/** Every command, in the order `--help` lists them. */
export const COMMANDS: readonly Command[] = [
  lazyCommand(
    "serve",
    "run the server (agents, API, console)",
    async () => (await import("./server/cmd/serve.ts")).serveCommand,
  ),
  lazyCommand(
    "agent",
    "inventory this machine; report it to a server, a file or stdout",
    async () => (await import("./agent/cmd/agent.ts")).agentCommand,
  ),
  lazyCommand(
    "import",
    "import offline .ocs/.xml inventory files",
    async () => (await import("./server/cmd/import.ts")).importCommand,
  ),
  lazyCommand(
    "devices",
    "list, search, show, change and delete devices",
    async () => (await import("./server/cmd/devices.ts")).devicesCommand,
  ),
  lazyCommand(
    "computers",
    "the asset registry: list, show, edit, lock, trash, purge, history",
    async () => (await import("./server/cmd/computers.ts")).computersCommand,
  ),
  lazyCommand(
    "sync",
    "synchronise devices into the registry now",
    async () => (await import("./server/cmd/sync.ts")).syncCommand,
  ),
  lazyCommand(
    "inbox",
    "devices not in the registry: reasons, traces, import, retry",
    async () => (await import("./server/cmd/sync.ts")).inboxCommand,
  ),
  lazyCommand(
    "sources",
    "existing OCS servers as sources: add, test, list, show, set, remove, sync",
    async () => (await import("./server/cmd/sources.ts")).sourcesCommand,
  ),
  lazyCommand(
    "rules",
    "import/link, entity, location and software rules: list, export, import, test",
    async () => (await import("./server/cmd/rules.ts")).rulesCommand,
  ),
  lazyCommand(
    "settings",
    "registry options: import, TAG lists, deletion, stale, approval",
    async () => (await import("./server/cmd/settings.ts")).settingsCommand,
  ),
  lazyCommand(
    "entities",
    "the entity tree: list, add, set an entity's inventory TAG",
    async () => (await import("./server/cmd/settings.ts")).entitiesCommand,
  ),
  lazyCommand(
    "locations",
    "the location tree: list, add",
    async () => (await import("./server/cmd/settings.ts")).locationsCommand,
  ),
  lazyCommand(
    "tasks",
    "automatic actions: list, show, log, run, enable, disable, set",
    async () => (await import("./server/cmd/tasks.ts")).tasksCommand,
  ),
  lazyCommand(
    "users",
    "manage console and API users, their profiles and API tokens",
    async () => (await import("./server/cmd/users.ts")).usersCommand,
  ),
  lazyCommand(
    "db",
    "the database: list backups, restore one, copy to or from PostgreSQL",
    async () => (await import("./server/cmd/db.ts")).dbCommand,
  ),
  versionCommand,
];

function usage(): string {
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`);
  return `inventory ${VERSION}: hardware and software inventory, server and agent in one program

Usage: inventory COMMAND [options]     (inventory COMMAND --help for details)

Commands:
${lines.join("\n")}
`;
}

/** Runs the CLI with `args`; resolves to the process exit code. */
export async function main(args: string[]): Promise<number> {
  const [name, ...rest] = args;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    print(usage());
    return name === undefined ? 2 : 0;
  }
  if (name === "--version") return versionCommand.run([]);
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    printError(`Unknown command "${name}". Commands: ${COMMANDS.map((c) => c.name).join(", ")}`);
    return 2;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    if (error instanceof CliError) {
      printError(`inventory ${name}: ${error.message}`);
      return error.exitCode;
    }
    throw error;
  }
}

// Inside a decode worker (the bundle starts its workers from this same file) serve decodes;
// otherwise run the CLI.
if (inWorkerThread()) {
  // Workers are told apart by the name they were started with.
  const name = (globalThis as { name?: string }).name;
  if (name === "checkpoint") {
    (await import("./server/db/checkpoint_worker.ts")).startCheckpointWorker();
  } else if (name === "backup") {
    (await import("./server/tasks/builtin/backup_worker.ts")).startBackupWorker();
  } else if (name === "integrity") {
    (await import("./server/db/integrity_worker.ts")).startIntegrityWorker();
  } else if (name === "registry") {
    (await import("./server/registry/registry_worker.ts")).startRegistryWorker();
  } else if (name === "sections") {
    (await import("./server/registry/section_worker.ts")).startSectionWorker();
  } else (await import("./server/ingest/decode_worker.ts")).startDecodeWorker();
} else if (import.meta.main) Deno.exit(await main(Deno.args));
