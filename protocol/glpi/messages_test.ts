import assert from "node:assert/strict";
import { OcsProtocolError } from "../errors.ts";
import { expirationSeconds, readGlpiAnswer, readGlpiMessage, writeGlpiAnswer } from "./messages.ts";

Deno.test("CONTACT as the GLPI agent writes it", () => {
  const contact = readGlpiMessage(JSON.stringify({
    action: "contact",
    deviceid: "vm-2026-12-07-20-46-53",
    name: "GLPI-Agent",
    version: "1.12-dev",
    "installed-tasks": ["Inventory", "Deploy"],
    "enabled-tasks": ["inventory"],
    tag: "T1",
  }));
  assert.deepEqual(contact, {
    action: "contact",
    deviceId: "vm-2026-12-07-20-46-53",
    name: "GLPI-Agent",
    version: "1.12-dev",
    installedTasks: ["Inventory", "Deploy"],
    enabledTasks: ["inventory"],
    tag: "T1",
  });
});

Deno.test("messages that are not GLPI agent messages are 400 with a reason", () => {
  const cases: [string, RegExp][] = [
    ["{not json", /Not a JSON message/],
    ["[1]", /JSON object/],
    ['{"action":"netdiscovery","deviceid":"a-2026-01-01-00-00-00"}', /Unsupported action/],
    ['{"action":"contact"}', /No deviceid/],
    ['{"action":"inventory","deviceid":"nodate"}', /Invalid deviceid/],
  ];
  for (const [text, reason] of cases) {
    assert.throws(() => readGlpiMessage(text), (error: unknown) => {
      assert.ok(error instanceof OcsProtocolError);
      assert.equal(error.status, 400);
      assert.match(error.message, reason);
      return true;
    });
  }
});

Deno.test("answers: expiration in hours when whole, disabled tasks, read back", () => {
  const text = writeGlpiAnswer({
    status: "ok",
    expirationSeconds: 24 * 3600,
    disabled: ["inventory"],
    message: "not due",
    tasks: { inventory: { server: "glpi", version: "1" } },
  });
  assert.deepEqual(JSON.parse(text), {
    status: "ok",
    expiration: 24,
    message: "not due",
    disabled: ["inventory"],
    tasks: { inventory: { server: "glpi", version: "1" } },
  });
  const read = readGlpiAnswer(text);
  assert.equal(read.expirationSeconds, 86400);
  assert.deepEqual(read.disabled, ["inventory"]);
  assert.equal(
    JSON.parse(writeGlpiAnswer({ status: "ok", expirationSeconds: 90 })).expiration,
    "90s",
  );
  assert.deepEqual(JSON.parse(writeGlpiAnswer({ status: "pending" })), { status: "pending" });
  assert.deepEqual(
    [
      expirationSeconds(2),
      expirationSeconds("30m"),
      expirationSeconds("1d"),
      expirationSeconds("x"),
    ],
    [7200, 1800, 86400, null],
  );
});
