/**
 * USERS: who is logged in now (utmp, what `who` prints). The OCS server ignores the section but
 * the agent sends it; HARDWARE/USERID carries the same names.
 *
 * @module
 */

import { loggedInUsers, parseUtmp } from "../../parsers/utmp.ts";
import type { Collector } from "../types.ts";

/** USERS, one LOGIN per distinct logged-in user. */
export const users: Collector = {
  section: "USERS",
  async collect(probe) {
    const bytes = (await probe.readBytes("/run/utmp")) ?? (await probe.readBytes("/var/run/utmp"));
    if (!bytes) return null;
    return loggedInUsers(parseUtmp(bytes)).map((login) => ({ LOGIN: login }));
  },
};
