/**
 * `dscacheutil -q user` and `dscacheutil -q group`: blank-line separated records of
 * `key: value` lines (the local directory service's users and groups, what /etc/passwd and
 * /etc/group are on Linux).
 *
 * @module
 */

import type { SimpleObject } from "../../protocol/mod.ts";
import { entry } from "./entries.ts";

/** The records of a `dscacheutil -q …` output. */
export function parseDscache(text: string): Record<string, string>[] {
  const records: Record<string, string>[] = [];
  let current: Record<string, string> | undefined;
  for (const line of text.split("\n")) {
    const match = line.match(/^(\w+):\s?(.*)$/);
    if (!match) {
      current = undefined;
      continue;
    }
    if (!current) records.push(current = {});
    current[match[1]!] = match[2]!.trim();
  }
  return records.filter((r) => r.name);
}

/** LOCAL_USERS from `dscacheutil -q user` records; NAME is the GECOS (full) name. */
export function macLocalUsers(users: Record<string, string>[]): SimpleObject[] {
  return users.map((u) =>
    entry({
      LOGIN: u.name,
      ID_USER: u.uid,
      GID: u.gid,
      NAME: u.gecos,
      HOME: u.dir,
      SHELL: u.shell,
    })
  );
}

/**
 * LOCAL_GROUPS from `dscacheutil -q group` records; MEMBER lists the group's named users, then
 * those whose primary group it is (as on Linux), comma-separated.
 */
export function macLocalGroups(
  groups: Record<string, string>[],
  users: Record<string, string>[],
): SimpleObject[] {
  return groups.map((g) => {
    const named = (g.users ?? "").split(/\s+/).filter(Boolean);
    const primary = users.filter((u) => u.gid === g.gid && u.name).map((u) => u.name!);
    return entry({
      ID_GROUP: g.gid,
      NAME: g.name,
      MEMBER: [...new Set([...named, ...primary])].join(","),
    });
  });
}
