/**
 * LOCAL_USERS: the accounts of `/etc/passwd`.
 *
 * @module
 */

import { parsePasswd } from "../../parsers/passwd_group.ts";
import type { Collector } from "../types.ts";
import { entry } from "./common.ts";

/** LOCAL_USERS; NAME is the GECOS field. Unlike the OCS agent, uid/gid 0 are sent as `0`. */
export const localUsers: Collector = {
  section: "LOCAL_USERS",
  async collect(probe) {
    const text = await probe.readText("/etc/passwd");
    if (text === null) return null;
    return parsePasswd(text).map((u) =>
      entry({
        LOGIN: u.login,
        ID_USER: u.uid,
        GID: u.gid,
        NAME: u.gecos,
        HOME: u.home,
        SHELL: u.shell,
      })
    );
  },
};
