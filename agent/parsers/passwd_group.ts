/**
 * `/etc/passwd` and `/etc/group`, for LOCAL_USERS and LOCAL_GROUPS.
 *
 * @module
 */

/** One passwd line. */
export interface PasswdEntry {
  login: string;
  uid: string;
  gid: string;
  /** The GECOS field (full name and more), possibly empty. */
  gecos: string;
  home: string;
  shell: string;
}

/** One group line; `members` are the explicitly listed ones. */
export interface GroupEntry {
  name: string;
  gid: string;
  members: string[];
}

/** Lines that are entries: not blank, not comments, not NIS `+`/`-` inclusions. */
function entryLines(text: string): string[][] {
  return text
    .split("\n")
    .filter((line) => line.trim() !== "" && !/^[#+-]/.test(line))
    .map((line) => line.replace(/\r$/, "").split(":"));
}

/** Parses /etc/passwd; lines without at least a login and a uid are skipped. */
export function parsePasswd(text: string): PasswdEntry[] {
  return entryLines(text)
    .filter((f) => f[0] && f.length >= 3)
    .map((f) => ({
      login: f[0]!,
      uid: f[2] ?? "",
      gid: f[3] ?? "",
      gecos: f[4] ?? "",
      home: f[5] ?? "",
      shell: f[6] ?? "",
    }));
}

/** Parses /etc/group; lines without at least a name and a gid are skipped. */
export function parseGroup(text: string): GroupEntry[] {
  return entryLines(text)
    .filter((f) => f[0] && f.length >= 3)
    .map((f) => ({
      name: f[0]!,
      gid: f[2] ?? "",
      members: (f[3] ?? "").split(",").map((m) => m.trim()).filter(Boolean),
    }));
}

/**
 * Members of each group as the OCS agent reports them: the listed members, then the users whose
 * primary group it is (in passwd order). Unlike the agent, a user listed both ways appears once.
 */
export function groupMembers(
  groups: GroupEntry[],
  users: PasswdEntry[],
): Map<GroupEntry, string[]> {
  const byGid = new Map<string, string[]>();
  for (const user of users) {
    const list = byGid.get(user.gid);
    if (list) list.push(user.login);
    else byGid.set(user.gid, [user.login]);
  }
  const result = new Map<GroupEntry, string[]>();
  for (const group of groups) {
    result.set(group, [...new Set([...group.members, ...(byGid.get(group.gid) ?? [])])]);
  }
  return result;
}
