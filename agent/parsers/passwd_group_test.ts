import assert from "node:assert/strict";
import { groupMembers, parseGroup, parsePasswd } from "./passwd_group.ts";

const PASSWD = `root:x:0:0:root:/root:/bin/bash
# a comment
sync:x:4:65534:sync:/bin:/bin/sync
_apt:x:42:65534::/nonexistent:/usr/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
postgres:x:101:104:PostgreSQL administrator,,,:/var/lib/postgresql:/bin/bash
+@netgroup
`;

const GROUP = `root:x:0:
adm:x:4:
nogroup:x:65534:
ssl-cert:x:103:postgres
postgres:x:104:postgres
`;

Deno.test("passwd: entries with GECOS, skipping comments and NIS lines", () => {
  const users = parsePasswd(PASSWD);
  assert.deepEqual(users.map((u) => u.login), ["root", "sync", "_apt", "nobody", "postgres"]);
  assert.deepEqual(users[4], {
    login: "postgres",
    uid: "101",
    gid: "104",
    gecos: "PostgreSQL administrator,,,",
    home: "/var/lib/postgresql",
    shell: "/bin/bash",
  });
  assert.equal(users[2]!.gecos, "");
});

Deno.test("group: members include primary-group users, once", () => {
  const groups = parseGroup(GROUP);
  const members = groupMembers(groups, parsePasswd(PASSWD));
  const of = (name: string) => members.get(groups.find((g) => g.name === name)!);
  assert.deepEqual(of("root"), ["root"]);
  assert.deepEqual(of("adm"), []);
  assert.deepEqual(of("nogroup"), ["sync", "_apt", "nobody"]);
  assert.deepEqual(of("ssl-cert"), ["postgres"]);
  // Listed explicitly and as primary group: reported once.
  assert.deepEqual(of("postgres"), ["postgres"]);
});

Deno.test("passwd/group: truncated and garbage input", () => {
  assert.deepEqual(parsePasswd(""), []);
  assert.deepEqual(parseGroup("\u0000\u0001\n::::\nnocolon\n"), []);
  assert.deepEqual(parsePasswd("root:x").length, 0);
  assert.deepEqual(parsePasswd("root:x:0").map((u) => [u.uid, u.home]), [["0", ""]]);
  assert.deepEqual(parseGroup("wheel:x:10:a,,b, \r\n")[0]!.members, ["a", "b"]);
});
