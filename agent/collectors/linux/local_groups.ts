/**
 * LOCAL_GROUPS: the groups of `/etc/group`, with the members the OCS agent lists: those named in
 * the group, then the users whose primary group it is.
 *
 * @module
 */

import { groupMembers, parseGroup, parsePasswd } from "../../parsers/passwd_group.ts";
import type { Collector } from "../types.ts";
import { entry } from "./common.ts";

/** LOCAL_GROUPS; MEMBER is comma-separated. */
export const localGroups: Collector = {
  section: "LOCAL_GROUPS",
  async collect(probe) {
    const [groupText, passwdText] = await Promise.all([
      probe.readText("/etc/group"),
      probe.readText("/etc/passwd"),
    ]);
    if (groupText === null) return null;
    const groups = parseGroup(groupText);
    const members = groupMembers(groups, parsePasswd(passwdText ?? ""));
    return groups.map((g) =>
      entry({ ID_GROUP: g.gid, NAME: g.name, MEMBER: members.get(g)!.join(",") })
    );
  },
};
