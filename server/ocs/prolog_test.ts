import assert from "node:assert/strict";
import { decideProlog, type PrologDevice } from "./prolog.ts";

const settings = { frequency: 0, prologFreq: 24, inventoryOnStartup: true };
const now = new Date("2026-11-21T12:00:00Z");
const device = (over: Partial<PrologDevice> = {}): PrologDevice => ({
  lastDate: "2026-11-20T12:00:00Z",
  frequency: null,
  prologFreq: null,
  inventoryOnStartup: null,
  ...over,
});

Deno.test("decideProlog() sends for a new device, with the DOWNLOAD option and PROLOG_FREQ", () => {
  const { reply, reason } = decideProlog(null, { ...settings, frequency: 7 }, now);
  assert.equal(reply.response, "SEND");
  assert.equal(reason, "new device");
  assert.equal(reply.prologFreq, 24);
  assert.equal(reply.inventoryOnStartup, true);
  assert.equal(reply.options[0]?.name, "DOWNLOAD");
});

Deno.test("decideProlog() sends on every contact with FREQUENCY 0", () => {
  assert.equal(decideProlog(device(), settings, now).reply.response, "SEND");
});

Deno.test("decideProlog() stops without options when FREQUENCY is -1, even for a new device", () => {
  for (const d of [null, device()]) {
    const { reply } = decideProlog(d, { ...settings, frequency: -1 }, now);
    assert.equal(reply.response, "STOP");
    assert.deepEqual(reply.options, []);
  }
});

Deno.test("decideProlog() sends when the last inventory is FREQUENCY days old, stops before", () => {
  const notDue = decideProlog(device({ lastDate: "2026-11-20T12:00:01Z" }), {
    ...settings,
    frequency: 1,
  }, now);
  assert.equal(notDue.reply.response, "STOP");
  assert.equal(notDue.reason, "not due");
  assert.equal(notDue.reply.options[0]?.name, "DOWNLOAD", "a plain STOP still carries options");
  const due = decideProlog(device({ lastDate: "2026-11-20T12:00:00Z" }), {
    ...settings,
    frequency: 1,
  }, now);
  assert.equal(due.reply.response, "SEND");
  assert.equal(due.reason, "due");
  const never = decideProlog(device({ lastDate: null }), { ...settings, frequency: 30 }, now);
  assert.equal(never.reason, "no inventory yet");
});

Deno.test("decideProlog() applies per-device overrides over the global settings", () => {
  const d = device({ frequency: 30, prologFreq: 2, inventoryOnStartup: 0 });
  const { reply } = decideProlog(d, settings, now);
  assert.equal(reply.response, "STOP");
  assert.equal(reply.prologFreq, 2);
  assert.equal(reply.inventoryOnStartup, false);
  assert.equal(
    decideProlog(device({ frequency: 0 }), { ...settings, frequency: 30 }, now).reply.response,
    "SEND",
  );
  assert.equal(decideProlog(device({ frequency: -1 }), settings, now).reply.response, "STOP");
});
