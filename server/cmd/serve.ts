/**
 * `inventory serve`: the server, on embedded defaults unless told otherwise.
 *
 * @module
 */

import { type Command, helpText, parseCommandArgs, print } from "../../cli/command.ts";
import { startServer } from "../serve.ts";
import { configFrom, SETTING_OPTIONS } from "./common.ts";

const USAGE = "inventory serve [options]";
const DESCRIPTION =
  `Runs the inventory server: the OCS endpoint agents report to (/ocsinventory) and
the API (/api/v1). Settings come from flags, then INVENTORY_* environment variables, then
DATA/config.json (keys are the flag names), then the defaults shown.`;

/** The `serve` command. */
export const serveCommand: Command = {
  name: "serve",
  summary: "run the server (agents, API, console)",
  async run(args) {
    const { values } = parseCommandArgs(args, SETTING_OPTIONS);
    if (values.help) {
      print(helpText(USAGE, DESCRIPTION, SETTING_OPTIONS));
      return 0;
    }
    const config = configFrom(values);
    const server = await startServer(config, {
      onListen: (url) => {
        print(`inventory server listening on ${url}`);
        print(`  agents:  ${url}/ocsinventory`);
        print(`  api:     ${url}/api/v1/devices`);
        print(`  data:    ${config.databasePath}`);
      },
    });
    const stopped = Promise.withResolvers<void>();
    const stop = () => stopped.resolve();
    Deno.addSignalListener("SIGINT", stop);
    Deno.addSignalListener("SIGTERM", stop);
    await stopped.promise;
    print("stopping: finishing in-flight requests and writes");
    await server.close();
    return 0;
  },
};
