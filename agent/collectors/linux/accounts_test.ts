import assert from "node:assert/strict";
import { utmpRecord } from "../../parsers/test_helpers.ts";
import { recordedProbe } from "../probe.ts";
import { localGroups } from "./local_groups.ts";
import { localUsers } from "./local_users.ts";
import { users } from "./users.ts";

const FILES = {
  "/etc/passwd":
    "root:x:0:0:root:/root:/bin/bash\n_apt:x:42:65534::/nonexistent:/usr/sbin/nologin\n",
  "/etc/group": "root:x:0:\nadm:x:4:syslog,root\nnogroup:x:65534:\n",
};

Deno.test("local users and groups, with uid/gid 0 and primary-group members", async () => {
  const probe = recordedProbe({ files: FILES });
  assert.deepEqual(await localUsers.collect(probe), [
    { LOGIN: "root", ID_USER: "0", GID: "0", NAME: "root", HOME: "/root", SHELL: "/bin/bash" },
    {
      LOGIN: "_apt",
      ID_USER: "42",
      GID: "65534",
      HOME: "/nonexistent",
      SHELL: "/usr/sbin/nologin",
    },
  ]);
  assert.deepEqual(await localGroups.collect(probe), [
    { ID_GROUP: "0", NAME: "root", MEMBER: "root" },
    { ID_GROUP: "4", NAME: "adm", MEMBER: "syslog,root" },
    { ID_GROUP: "65534", NAME: "nogroup", MEMBER: "_apt" },
  ]);
});

Deno.test("users: logged-in logins from utmp; sections absent without their files", async () => {
  const utmp = new Uint8Array([
    ...utmpRecord(7, "alice", "pts/0", 1),
    ...utmpRecord(7, "alice", "pts/1", 2),
  ]);
  assert.deepEqual(await users.collect(recordedProbe({ files: { "/run/utmp": utmp } })), [{
    LOGIN: "alice",
  }]);
  const empty = recordedProbe({});
  assert.equal(await users.collect(empty), null);
  assert.equal(await localUsers.collect(empty), null);
  assert.equal(await localGroups.collect(empty), null);
});
