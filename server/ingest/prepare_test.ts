import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { DEFAULT_DECODE_LIMITS, encodeBody, OcsSyntaxError } from "../../protocol/mod.ts";
import { defaultConfig } from "../config.ts";
import { createLogger } from "../log.ts";
import { closeContext, openContext } from "../serve.ts";
import { getDeviceDetail } from "../store/devices.ts";
import { handleMessage } from "./pipeline.ts";
import { prepareBody, type PreparedInventory, type StoredRawHashes } from "./prepare.ts";

const xml = Deno.readTextFileSync(
  new URL("../../../shared/fixtures/ocs/unixagent-2.10-debian12-full.xml", import.meta.url),
);
const limits = DEFAULT_DECODE_LIMITS;

function prepare(text: string, stored?: StoredRawHashes): PreparedInventory {
  const { message } = prepareBody(new TextEncoder().encode(text), limits, stored);
  assert.equal(message.query, "INVENTORY");
  return message as PreparedInventory;
}

/** What a store would hold after `first`: its raw hashes by section. */
function storedAfter(first: PreparedInventory): StoredRawHashes {
  const hashes = new Map(first.sections.map((s) => [s.name, s.rawHash!]));
  return (deviceId) => (deviceId === first.deviceId ? hashes : undefined);
}

Deno.test("prepareBody() gives every section a raw hash on a first inventory", () => {
  const first = prepare(xml);
  assert.deepEqual(first.skipped, []);
  assert.ok(first.sections.length >= 10);
  assert.ok(first.sections.every((s) => typeof s.rawHash === "string" && s.rawHash.length > 10));
});

Deno.test("prepareBody() skips sections whose raw text is unchanged, never HARDWARE", () => {
  const first = prepare(xml);
  const again = prepare(xml.replace(/<FREE>\d+<\/FREE>/, "<FREE>1</FREE>"), storedAfter(first));
  const parsed = again.sections.map((s) => s.name).sort();
  assert.deepEqual(parsed, ["DRIVES", "HARDWARE"]);
  assert.ok(again.skipped.some((s) => s.name === "SOFTWARES"));
  assert.equal(again.checksum, first.checksum, "HARDWARE is parsed: its CHECKSUM is read");
  assert.equal(again.searchKeys.software, undefined, "skipped sections keep their stored keys");
});

Deno.test("prepareBody() stays strict: a DOCTYPE or a broken changed section is refused", () => {
  const first = prepare(xml);
  const stored = storedAfter(first);
  const withDoctype = xml.replace("<REQUEST>", '<!DOCTYPE REQUEST [<!ENTITY x "y">]>\n<REQUEST>');
  assert.throws(() => prepare(withDoctype, stored), OcsSyntaxError);
  const broken = xml.replace("<NAME>adduser</NAME>", "<NAME>adduser</NAMEX>");
  assert.throws(() => prepare(broken, stored), OcsSyntaxError);
  const outside = xml.replace("</CONTENT>", "</CONTENT><JUNK>");
  assert.throws(() => prepare(outside, stored), OcsSyntaxError);
});

Deno.test("a section skipped as unchanged but changed meanwhile is decoded again and stored", async () => {
  const ctx = await openContext(defaultConfig(Deno.makeTempDirSync()), {
    log: createLogger({ write: () => {} }),
  });
  try {
    const send = async (text: string) => {
      const { prepared, body } = await ctx.decoder.decode(encodeBody(text, "zlib"));
      return { message: prepared.message, body, encoding: prepared.encoding };
    };
    const origin = { userAgent: "test", ipSource: "127.0.0.1" };
    const a = await send(xml);
    await handleMessage(ctx, a.message, { ...origin, body: a.body, encoding: a.encoding });
    // B is decoded against A's stored hashes: SOFTWARES skipped as unchanged…
    const b = await send(xml.replace(/<FREE>\d+<\/FREE>/, "<FREE>2</FREE>"));
    assert.ok((b.message as PreparedInventory).skipped.some((s) => s.name === "SOFTWARES"));
    // …then C changes SOFTWARES before B is stored.
    const c = await send(xml.replace("<NAME>adduser</NAME>", "<NAME>adduser-renamed</NAME>"));
    await handleMessage(ctx, c.message, { ...origin, body: c.body, encoding: c.encoding });
    const outcome = await handleMessage(ctx, b.message, {
      ...origin,
      body: b.body,
      encoding: b.encoding,
    });
    assert.ok(outcome.inventory);
    const device = await getDeviceDetail(ctx.db, 1);
    const names = (device!.sections.SOFTWARES as { NAME: string }[]).map((s) => s.NAME);
    assert.ok(names.includes("adduser"), "B, stored last, wins: its SOFTWARES are stored whole");
    assert.ok(!names.includes("adduser-renamed"));
  } finally {
    await closeContext(ctx);
  }
});

Deno.test("prepareBody() gives each section's JSON as UTF-8 bytes, and hashes the JSON text", () => {
  const first = prepare(xml.replace("<NAME>vm</NAME>", "<NAME>vm-é</NAME>"));
  const hardware = first.sections.find((s) => s.name === "HARDWARE")!;
  const json = new TextDecoder().decode(hardware.data);
  assert.equal(JSON.parse(json).NAME, "vm-é");
  assert.equal(hardware.hash, createHash("sha1").update(json).digest("base64"));
});

Deno.test("prepareBody() skips a section whose entries are not together in the document", () => {
  // One SOFTWARES entry moved after the other sections: its raw text is hashed entry by entry.
  const entry = /<SOFTWARES>[\s\S]*?<\/SOFTWARES>\s*/.exec(xml)![0];
  const scattered = xml.replace(entry, "").replace("</CONTENT>", `${entry}</CONTENT>`);
  const first = prepare(scattered);
  const again = prepare(
    scattered.replace(/<FREE>\d+<\/FREE>/, "<FREE>1</FREE>"),
    storedAfter(first),
  );
  assert.ok(again.skipped.some((s) => s.name === "SOFTWARES"));
  const changed = prepare(
    scattered.replace(entry, entry.replace("<NAME>", "<NAME>renamed-")),
    storedAfter(first),
  );
  assert.ok(changed.sections.some((s) => s.name === "SOFTWARES"), "a changed entry is parsed");
});

Deno.test("prepareBody() uses stored hashes only for the DEVICEID the request really has", () => {
  // The request's DEVICEID is the attribute; a <DEVICEID> element names another device.
  const other = "other-2026-11-21-00-00-00";
  const first = prepare(xml);
  const hashes = new Map(first.sections.map((s) => [s.name, s.rawHash!]));
  const confusing = xml.replace("<REQUEST>", `<REQUEST DEVICEID="${first.deviceId}">`)
    .replace(/<DEVICEID>[^<]*<\/DEVICEID>/, `<DEVICEID>${other}</DEVICEID>`);
  const again = prepare(confusing, (deviceId) => (deviceId === other ? hashes : undefined));
  assert.equal(again.deviceId, first.deviceId);
  assert.deepEqual(again.skipped, [], "another device's hashes never skip a section");
});
