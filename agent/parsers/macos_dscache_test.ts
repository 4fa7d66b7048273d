import assert from "node:assert/strict";
import { macLocalGroups, macLocalUsers, parseDscache } from "./macos_dscache.ts";

const fixture = (name: string) =>
  Deno.readTextFileSync(new URL(`../../tests/fixtures/agent/macos/${name}`, import.meta.url));

Deno.test("macos LOCAL_USERS and LOCAL_GROUPS from dscacheutil", () => {
  const users = parseDscache(fixture("dscacheutil-user.txt"));
  const groups = parseDscache(fixture("dscacheutil-group.txt"));
  assert.equal(users.length, 4);
  assert.deepEqual(macLocalUsers(users)[0], {
    LOGIN: "jane",
    ID_USER: "501",
    GID: "20",
    NAME: "Jane Doe",
    HOME: "/Users/jane",
    SHELL: "/bin/zsh",
  });
  assert.deepEqual(macLocalGroups(groups, users), [
    { ID_GROUP: "20", NAME: "staff", MEMBER: "root,jane,admin" },
    { ID_GROUP: "80", NAME: "admin", MEMBER: "root,jane,admin" },
    { ID_GROUP: "0", NAME: "wheel", MEMBER: "root" },
    { ID_GROUP: "89", NAME: "_spotlight", MEMBER: "_spotlight" },
  ]);
  assert.deepEqual(parseDscache("garbage without records\n"), []);
});
