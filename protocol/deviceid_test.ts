import assert from "node:assert/strict";
import { isValidDeviceId, makeDeviceId } from "./deviceid.ts";

Deno.test("isValidDeviceId: <host>-YYYY-MM-DD-HH-MM-SS", () => {
  for (
    const id of [
      "vm-2026-11-21-04-13-18",
      "DESKTOP-7QK2M1P-2024-02-29-23-59-59",
      "a-2026-01-01-00-00-00",
      "poste été-2026-01-01-00-00-00",
      "h".repeat(200) + "-2026-01-01-00-00-00",
    ]
  ) {
    assert.equal(isValidDeviceId(id), true, id);
  }
});

Deno.test("isValidDeviceId: anything else is refused", () => {
  for (
    const id of [
      "",
      "vm",
      "-2026-11-21-04-13-18",
      "2026-11-21-04-13-18",
      "vm-2026-11-21-04-13",
      "vm-2026-11-21-04-13-18-19x",
      "vm-2026-11-21-04-13-1",
      "vm-2026-11-21-04-13-188",
      "vm-226-11-21-04-13-18",
      "vm 2026 11 21 04 13 18",
      "vm-2026-11-21-04-13-18\n",
      "vm-2026-11-21-04-13-18 ",
      "v\x00m-2026-11-21-04-13-18",
      "v\tm-2026-11-21-04-13-18",
      "<vm>-2026-11-21-04-13-18",
      "v&m-2026-11-21-04-13-18",
      `v"m-2026-11-21-04-13-18`,
      "v'm-2026-11-21-04-13-18",
      "h".repeat(201) + "-2026-01-01-00-00-00",
    ]
  ) {
    assert.equal(isValidDeviceId(id), false, JSON.stringify(id));
  }
});

Deno.test("makeDeviceId: short hostname and local time, zero-padded", () => {
  const date = new Date(2026, 10, 21, 4, 13, 18);
  assert.equal(makeDeviceId("vm", date), "vm-2026-11-21-04-13-18");
  assert.equal(makeDeviceId("web01.example.com", date), "web01-2026-11-21-04-13-18");
  assert.equal(makeDeviceId("", date), "unknown-2026-11-21-04-13-18");
  assert.equal(makeDeviceId(".hidden", date), "unknown-2026-11-21-04-13-18");
  assert.equal(makeDeviceId("pc", new Date(2027, 0, 2, 3, 4, 5)), "pc-2027-01-02-03-04-05");
});

Deno.test("makeDeviceId: what it makes is valid, also for now", () => {
  assert.equal(isValidDeviceId(makeDeviceId("host.lan")), true);
  assert.equal(isValidDeviceId(makeDeviceId("vm", new Date(2026, 10, 21, 4, 13, 18))), true);
});
