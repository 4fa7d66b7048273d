/**
 * `inventory serve`: the server, on embedded defaults unless told otherwise.
 *
 * @module
 */

import {
  type Command,
  helpText,
  type OptionDoc,
  parseCommandArgs,
  print,
} from "../../cli/command.ts";
import { ensureFirstAdmin, writeFirstPasswordFile } from "../auth/first_start.ts";
import { startServer } from "../serve.ts";
import { configFrom, explainStartup, SETTING_OPTIONS } from "./common.ts";

const USAGE = "inventory serve [--no-scheduler] [--init] [options]";
const OPTIONS: OptionDoc[] = [
  ...SETTING_OPTIONS,
  {
    flag: "no-scheduler",
    type: "boolean",
    help: "run no automatic actions in this process (as --scheduler false)",
  },
  {
    flag: "init",
    type: "boolean",
    help: "start with an empty database where it is missing, empty or damaged (kept aside)",
  },
];
const DESCRIPTION =
  `Runs the inventory server: the OCS endpoint agents report to (/ocsinventory), the
API (/api/v1, personal API tokens) and the console (/). On first start, with no users, it
creates "admin" with a one-time password in DATA/first-admin-password.txt (mode 0600,
deleted at admin's first sign-in). Settings come from flags, then INVENTORY_*
environment variables, then DATA/config.json (keys are the flag names), then the defaults shown.

Before serving, the database is checked (PRAGMA quick_check, waited for --start-check seconds
at most). A damaged database, or one missing or empty while DATA/backups holds backups, stops
the start with the newest backup's name and the command to restore it (inventory db restore);
--init starts with an empty database instead, keeping the old file beside it.
Exit codes: 0 stopped cleanly, 2 usage, 3 configuration, 6 the data directory cannot be written
(read-only, permissions, full), 7 the database is damaged or lost, 8 a restore is running.`;

/** The `serve` command. */
export const serveCommand: Command = {
  name: "serve",
  summary: "run the server (agents, API, console)",
  async run(args) {
    const { values } = parseCommandArgs(args, OPTIONS);
    if (values.help) {
      print(helpText(USAGE, DESCRIPTION, OPTIONS));
      return 0;
    }
    const config = configFrom(values["no-scheduler"] ? { ...values, scheduler: "false" } : values);
    const server = await explainStartup(() =>
      startServer(config, {
        scheduler: true,
        warmCaches: true,
        integrityCheck: true,
        ...(values.init ? { init: true } : {}),
        onListen: (url) => {
          print(`inventory server listening on ${url}`);
          print(`  console: ${url}/`);
          print(`  agents:  ${url}/ocsinventory`);
          print(`  api:     ${url}/api/v1/devices`);
          print(`  data:    ${config.databasePath}`);
          print(
            `  tasks:   ${
              config.scheduler ? "scheduler on (inventory tasks list)" : "scheduler off"
            }`,
          );
        },
      })
    );
    const firstAdmin = await ensureFirstAdmin(server.ctx, server.ctx.now());
    if (firstAdmin) {
      // Only its hash is stored; the password itself goes to a file only its owner can read.
      const file = await writeFirstPasswordFile(config.dataDir, firstAdmin.password);
      print(`first start: created user "${firstAdmin.login}"; its one-time password is in ${file}`);
      print(`  sign in at ${server.url}/login; you will be asked to choose a new password`);
      server.ctx.log.info("first start: created the admin user", {
        user: firstAdmin.login,
        passwordFile: file,
      });
    }
    const stopped = Promise.withResolvers<void>();
    const stop = () => stopped.resolve();
    Deno.addSignalListener("SIGINT", stop);
    Deno.addSignalListener("SIGTERM", stop);
    await stopped.promise;
    print("stopping: finishing in-flight requests, the running task and writes");
    await server.close();
    return 0;
  },
};
