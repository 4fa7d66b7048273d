/**
 * PRINTERS: CUPS queues from `/etc/cups/printers.conf`, or `lpstat -v` when that file is not
 * readable (it is root-only).
 *
 * @module
 */

import { type CupsPrinter, parseLpstatDevices, parsePrintersConf } from "../../parsers/cups.ts";
import type { Collector } from "../types.ts";
import { entry } from "./common.ts";

/** PRINTERS: NAME, DESCRIPTION, PORT (device URI), DRIVER (make and model), as the OCS agent. */
export const printers: Collector = {
  section: "PRINTERS",
  async collect(probe) {
    const conf = await probe.readText("/etc/cups/printers.conf");
    let list: CupsPrinter[];
    if (conf !== null) list = parsePrintersConf(conf);
    else if (await probe.stat("/etc/cups")) {
      list = parseLpstatDevices((await probe.run("lpstat", ["-v"])) ?? "");
    } else return null;
    return list.map((p) =>
      entry({
        NAME: p.name,
        DESCRIPTION: p.description,
        PORT: p.uri,
        DRIVER: p.makeModel,
        SHARED: p.shared === undefined ? undefined : p.shared ? "1" : "0",
        NETWORK: p.uri
          ? (/^(ipp|ipps|http|https|lpd|socket|smb):/.test(p.uri) ? "1" : "0")
          : undefined,
      })
    );
  },
};
