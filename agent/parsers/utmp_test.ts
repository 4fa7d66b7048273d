import assert from "node:assert/strict";
import { lastLogin, loggedInUsers, parseUtmp, USER_PROCESS, UTMP_RECORD_SIZE } from "./utmp.ts";
import { utmpRecord } from "./test_helpers.ts";

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) out.set(p, (o += p.length) - p.length);
  return out;
}

Deno.test("utmp: logged-in users, distinct, and the last login", () => {
  const bytes = concat(
    utmpRecord(2, "reboot", "~", 1000),
    utmpRecord(USER_PROCESS, "alice", "pts/0", 2000),
    utmpRecord(USER_PROCESS, "bob", "pts/1", 3000),
    utmpRecord(USER_PROCESS, "alice", "pts/2", 4000),
    utmpRecord(8, "", "pts/1", 5000),
  );
  const records = parseUtmp(bytes);
  assert.equal(records.length, 5);
  assert.equal(records[1]!.host, "10.0.0.9");
  assert.deepEqual(loggedInUsers(records), ["alice", "bob"]);
  const last = lastLogin(records)!;
  assert.equal(last.user, "alice");
  assert.equal(last.time, 4000);
});

Deno.test("utmp: truncated and garbage input", () => {
  assert.deepEqual(parseUtmp(new Uint8Array(0)), []);
  const one = utmpRecord(USER_PROCESS, "alice", "pts/0", 1);
  assert.equal(parseUtmp(one.subarray(0, 200)).length, 0);
  assert.equal(parseUtmp(concat(one, one.subarray(0, 100))).length, 1);
  const garbage = new Uint8Array(UTMP_RECORD_SIZE * 3).fill(0xff);
  assert.deepEqual(parseUtmp(garbage), []);
  assert.equal(lastLogin([]), null);
});
