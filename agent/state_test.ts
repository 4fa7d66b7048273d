import assert from "node:assert/strict";
import { join } from "node:path";
import {
  loadState,
  LOCAL_DIR_NAME,
  saveAccountInfo,
  saveConfig,
  saveLastState,
  stateDirFor,
  writeAtomic,
} from "./state.ts";

const AT = new Date(2026, 10, 21, 4, 13, 18);

Deno.test("state: directory per server, named as the OCS agent names it", () => {
  assert.equal(
    stateDirFor("/var/lib/x", "http://127.0.0.1:18080/ocsinventory"),
    "/var/lib/x/http:__127.0.0.1:18080_ocsinventory",
  );
  assert.equal(stateDirFor("/r", null), `/r/${LOCAL_DIR_NAME}`);
  assert.match(
    stateDirFor("/r", "https://h:1/ocsinventory", "windows"),
    /https___h_1_ocsinventory$/,
  );
});

Deno.test("state: first run makes a DEVICEID; it is kept, and replaced on a rename", () => {
  const dir = join(Deno.makeTempDirSync(), "srv");
  const first = loadState(dir, "vm.example.org", AT);
  assert.equal(first.deviceId, "vm-2026-11-21-04-13-18");
  assert.equal(first.newDeviceId, true);
  assert.equal(first.lastState, null);
  assert.equal(first.prologFreq, 24);
  assert.deepEqual(first.accountInfo, {});
  saveConfig({ ...first, prologFreq: 10 });

  const again = loadState(dir, "vm", new Date());
  assert.equal(again.deviceId, first.deviceId);
  assert.equal(again.newDeviceId, false);
  assert.equal(again.prologFreq, 10);

  // "vm2" must not keep "vm-…" (a prefix is not the host), nor "vm" keep "vm2-…".
  const renamed = loadState(dir, "vm2", AT);
  assert.equal(renamed.deviceId, "vm2-2026-11-21-04-13-18");
  assert.equal(renamed.newDeviceId, true);
});

Deno.test("state: files are the OCS agent's XML; last_state is dropped with a new DEVICEID", () => {
  const dir = Deno.makeTempDirSync();
  saveConfig({ dir, deviceId: "vm-2026-11-21-04-13-18", prologFreq: 12 });
  saveAccountInfo(dir, { TAG: "Paris & Co", fields_3: "x" });
  saveLastState(dir, { HARDWARE: "aGFzaA==", CPUS: "b3RoZXI=" });
  assert.equal(
    Deno.readTextFileSync(join(dir, "ocsinv.conf")),
    "<CONF>\n  <DEVICEID>vm-2026-11-21-04-13-18</DEVICEID>\n  <PROLOG_FREQ>12</PROLOG_FREQ>\n</CONF>\n",
  );
  assert.match(
    Deno.readTextFileSync(join(dir, "ocsinv.adm")),
    /^<\?xml[^>]*\?>\n<ADM>\n {2}<ACCOUNTINFO>\n {4}<KEYNAME>TAG<\/KEYNAME>\n {4}<KEYVALUE>Paris &amp; Co<\/KEYVALUE>/,
  );
  const state = loadState(dir, "vm");
  assert.deepEqual(state.accountInfo, { TAG: "Paris & Co", fields_3: "x" });
  assert.deepEqual(state.lastState, { HARDWARE: "aGFzaA==", CPUS: "b3RoZXI=" });
  assert.equal(loadState(dir, "other").lastState, null);

  saveAccountInfo(dir, {});
  assert.deepEqual(loadState(dir, "vm").accountInfo, {});
});

Deno.test("state: the real agent's files read back (one ACCOUNTINFO, no PROLOG_FREQ)", () => {
  const dir = Deno.makeTempDirSync();
  Deno.writeTextFileSync(
    join(dir, "ocsinv.conf"),
    "<CONF>\n  <DEVICEID>vm-2026-11-21-05-52-58</DEVICEID>\n</CONF>\n",
  );
  Deno.writeTextFileSync(
    join(dir, "ocsinv.adm"),
    '<?xml version="1.0" encoding="UTF-8"?>\n<ADM>\n  <ACCOUNTINFO>\n    <KEYNAME>TAG</KEYNAME>\n' +
      "    <KEYVALUE>lab</KEYVALUE>\n  </ACCOUNTINFO>\n</ADM>\n",
  );
  const state = loadState(dir, "vm");
  assert.equal(state.deviceId, "vm-2026-11-21-05-52-58");
  assert.equal(state.prologFreq, 24);
  assert.deepEqual(state.accountInfo, { TAG: "lab" });
});

Deno.test("state: unreadable files count as absent, with a warning", () => {
  const dir = Deno.makeTempDirSync();
  Deno.writeTextFileSync(join(dir, "ocsinv.conf"), "<CONF><DEVICEID>oops");
  Deno.writeTextFileSync(join(dir, "last_state"), "not xml");
  const state = loadState(dir, "vm", AT);
  assert.equal(state.newDeviceId, true);
  assert.equal(state.lastState, null);
  assert.equal(state.warnings.length, 2);
  assert.match(state.warnings[0]!, /^ocsinv\.conf: /);
});

Deno.test("state: atomic writes leave no temporary file and create the directory", () => {
  const root = Deno.makeTempDirSync();
  const path = join(root, "a", "b", "f");
  writeAtomic(path, "one");
  writeAtomic(path, new TextEncoder().encode("two"));
  assert.equal(Deno.readTextFileSync(path), "two");
  assert.deepEqual([...Deno.readDirSync(join(root, "a", "b"))].map((e) => e.name), ["f"]);
  // A failed write (the target is a directory) leaves nothing behind.
  Deno.mkdirSync(join(root, "d"));
  assert.throws(() => writeAtomic(join(root, "d"), "x"));
  assert.deepEqual([...Deno.readDirSync(root)].map((e) => e.name).sort(), ["a", "d"]);
});
