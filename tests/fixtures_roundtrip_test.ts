/**
 * Every real INVENTORY fixture, stored through the real pipeline (decode → prepare →
 * handleMessage → SQLite file) and read back with getDeviceDetail, compared field by field with
 * an independent reading of the same XML (`_helpers/roundtrip.ts`).
 */
import assert from "node:assert/strict";
import type { BodyEncoding } from "../protocol/codec.ts";
import type { SimpleValue } from "../protocol/types.ts";
import { readFixtureText } from "./_helpers/fixtures.ts";
import { assertSameInventory, readReference, withPipeline } from "./_helpers/roundtrip.ts";

interface Case {
  file: string;
  encoding: BodyEncoding;
  deviceId: string;
  /** Entry counts the fixture is known to hold (from its README / the reference §9). */
  entries: Record<string, number>;
  /** Sections the document has only empty (BIOS, DOWNLOAD/HISTORY): absent once stored. */
  emptyInDocument: string[];
  accountInfo: Record<string, string>;
}

const UNIX_COMMON = {
  CONTROLLERS: 6,
  CPUS: 1,
  DRIVES: 1,
  HARDWARE: 1,
  NETWORKS: 4,
  REPOSITORY: 3,
  STORAGES: 2,
};

const CASES: Case[] = [
  {
    file: "unixagent-2.10-debian12-full.xml",
    encoding: "zlib",
    deviceId: "vm-2026-11-21-04-12-22",
    entries: { ...UNIX_COMMON, SOFTWARES: 781, LOCAL_GROUPS: 47, LOCAL_USERS: 24 },
    emptyInDocument: ["BIOS"],
    accountInfo: {},
  },
  {
    file: "unixagent-2.10-debian12-nosoftware-tag.xml",
    encoding: "plain",
    deviceId: "vm-2026-11-21-04-12-22",
    entries: { ...UNIX_COMMON, ACCOUNTINFO: 1, LOCAL_GROUPS: 48, LOCAL_USERS: 25 },
    emptyInDocument: ["BIOS"],
    accountInfo: { TAG: "SAMPLE-TAG" },
  },
  {
    file: "wire-capture/02-inventory-request-first-run.xml",
    encoding: "zlib",
    deviceId: "vm-2026-11-21-04-13-18",
    entries: { ...UNIX_COMMON, ACCOUNTINFO: 1, LOCAL_GROUPS: 48, LOCAL_USERS: 25 },
    emptyInDocument: ["BIOS", "DOWNLOAD"],
    accountInfo: { TAG: "MYTAG" },
  },
  {
    file: "wire-capture/04-inventory-request-second-run.xml",
    encoding: "gzip",
    deviceId: "vm-2026-11-21-04-13-18",
    entries: { ...UNIX_COMMON, ACCOUNTINFO: 1, DOWNLOAD: 1, LOCAL_GROUPS: 48, LOCAL_USERS: 25 },
    emptyInDocument: ["BIOS"],
    accountInfo: { TAG: "SERVERTAG" },
  },
  {
    file: "capture-ocs-server-2.8.1/002-req.xml",
    encoding: "zlib",
    deviceId: "vm-2026-11-21-04-14-54",
    entries: { ...UNIX_COMMON, SOFTWARES: 815, LOCAL_GROUPS: 48, LOCAL_USERS: 25 },
    emptyInDocument: ["BIOS", "DOWNLOAD"],
    accountInfo: {},
  },
];

/** Sections OCS repeats (forced to arrays by the server) and the ones it sends once. */
const MULTI = new Set([
  "ACCOUNTINFO",
  "CONTROLLERS",
  "CPUS",
  "DRIVES",
  "LOCAL_GROUPS",
  "LOCAL_USERS",
  "NETWORKS",
  "REPOSITORY",
  "SOFTWARES",
  "STORAGES",
]);
const SINGLE = new Set(["HARDWARE", "BIOS", "DOWNLOAD"]);

function assertShapes(sections: Record<string, SimpleValue>, label: string): void {
  for (const [name, value] of Object.entries(sections)) {
    if (MULTI.has(name)) assert.ok(Array.isArray(value), `${label}: ${name} is an array`);
    else if (SINGLE.has(name)) {
      assert.ok(
        typeof value === "object" && !Array.isArray(value),
        `${label}: ${name} is one entry`,
      );
    } else assert.fail(`${label}: unexpected section ${name}`);
  }
}

/** Occurrences of `<NAME>` in the raw text: a count that does not go through any parser. */
function rawCount(xml: string, section: string): number {
  return xml.split(`<${section}>`).length - 1;
}

for (const c of CASES) {
  Deno.test(`round trip through the pipeline: ${c.file} (${c.encoding})`, async () => {
    const xml = readFixtureText(c.file);
    const reference = readReference(xml);
    assert.equal(reference.deviceId, c.deviceId);
    assert.deepEqual(
      Object.fromEntries(reference.entries),
      c.entries,
      "the reference reader's counts",
    );
    for (const name of ["SOFTWARES", "LOCAL_USERS", "LOCAL_GROUPS", "CONTROLLERS", "NETWORKS"]) {
      assert.equal(rawCount(xml, name), c.entries[name] ?? 0, `raw <${name}> count`);
    }
    for (const name of c.emptyInDocument) {
      assert.ok(rawCount(xml, name) > 0, `${name} is in the document`);
      assert.ok(!reference.entries.has(name), `${name} is empty in the document`);
    }

    await withPipeline(async (pipeline) => {
      const outcome = await pipeline.send(xml, { encoding: c.encoding });
      assert.equal(outcome.inventory?.created, true);
      assert.equal(outcome.inventory?.accountUpdate, null, "first inventory: NO_ACCOUNT_UPDATE");
      assert.match(outcome.replyXml ?? "", /<RESPONSE>NO_ACCOUNT_UPDATE<\/RESPONSE>/);

      const detail = await pipeline.detail(c.deviceId);
      assertSameInventory(detail.sections, reference, c.file);
      assertShapes(detail.sections, c.file);
      for (const [name, count] of Object.entries(c.entries)) {
        const value = detail.sections[name];
        assert.equal(
          Array.isArray(value) ? value.length : value === undefined ? 0 : 1,
          count,
          name,
        );
      }
      for (const name of c.emptyInDocument) {
        assert.equal(detail.sections[name], undefined, `${name} stored as absent`);
      }
      assert.deepEqual(detail.accountInfo, c.accountInfo);
      assert.deepEqual(detail.accountInfo, reference.accountInfo);
      assert.equal(detail.tag, c.accountInfo.TAG ?? null);
      assert.equal(detail.name, reference.leaves.get("HARDWARE[0]/NAME[0]"));
      assert.equal(detail.osName, reference.leaves.get("HARDWARE[0]/OSNAME[0]"));
      assert.equal(detail.deviceid, c.deviceId);
      assert.equal(detail.inventories, 1);
    });
  });
}

Deno.test("round trip: the nested DOWNLOAD/HISTORY/PACKAGE@ID of the second run", async () => {
  const xml = readFixtureText("wire-capture/04-inventory-request-second-run.xml");
  await withPipeline(async (pipeline) => {
    await pipeline.send(xml);
    const detail = await pipeline.detail("vm-2026-11-21-04-13-18");
    assert.deepEqual(detail.sections.DOWNLOAD, {
      HISTORY: { PACKAGE: [{ ID: "1700000000" }, { ID: "1700000001" }] },
    });
    // CHECKSUM 513 (HARDWARE+DRIVES) is OR-ed into the device's register, never lost.
    assert.equal(detail.checksum & 513, 513);
  });
});

Deno.test("round trip: storing the same document twice changes nothing", async () => {
  const xml = readFixtureText("unixagent-2.10-debian12-full.xml");
  const reference = readReference(xml);
  await withPipeline(async (pipeline) => {
    await pipeline.send(xml);
    const second = await pipeline.send(xml, { encoding: "plain" });
    assert.equal(second.inventory?.created, false);
    assert.deepEqual(second.inventory?.sectionsWritten, [], "every section's hash is unchanged");
    assert.equal(second.inventory?.accountUpdate, null);
    const detail = await pipeline.detail(reference.deviceId);
    assert.equal(detail.inventories, 2);
    assertSameInventory(detail.sections, reference, "after a second identical inventory");
  });
});

Deno.test("round trip: a later inventory without SOFTWARES keeps the stored ones (OCS §10)", async () => {
  await withPipeline(async (pipeline) => {
    await pipeline.send(readFixtureText("unixagent-2.10-debian12-full.xml"));
    const noSoftware = readFixtureText("unixagent-2.10-debian12-nosoftware-tag.xml");
    const outcome = await pipeline.send(noSoftware);
    assert.equal(outcome.inventory?.created, false);
    const detail = await pipeline.detail("vm-2026-11-21-04-12-22");
    assert.equal((detail.sections.SOFTWARES as SimpleValue[]).length, 781);
    // The sections it did carry are the new ones.
    const reference = readReference(noSoftware);
    const { SOFTWARES: _kept, ...rest } = detail.sections;
    assertSameInventory(rest, reference, "second inventory's sections");
  });
});

Deno.test("the field-by-field comparison catches a changed, a missing and an extra field", () => {
  const reference = readReference(
    "<REQUEST><CONTENT><HARDWARE><NAME>vm</NAME></HARDWARE><CPUS><TYPE>a</TYPE></CPUS>" +
      `<DOWNLOAD><HISTORY><PACKAGE ID="1"/></HISTORY></DOWNLOAD></CONTENT>` +
      "<DEVICEID>vm-2026-01-01-00-00-00</DEVICEID><QUERY>INVENTORY</QUERY></REQUEST>",
  );
  const good = {
    HARDWARE: { NAME: "vm" },
    CPUS: [{ TYPE: "a" }],
    DOWNLOAD: { HISTORY: { PACKAGE: { ID: "1" } } },
  };
  assertSameInventory(good, reference, "good");
  const bad: Record<string, SimpleValue>[] = [
    { ...good, HARDWARE: { NAME: "other" } },
    { ...good, HARDWARE: {} },
    { ...good, HARDWARE: { NAME: "vm", UUID: "u" } },
    { ...good, CPUS: [{ TYPE: "a" }, { TYPE: "a" }] },
    { ...good, DOWNLOAD: { HISTORY: { PACKAGE: { ID: "2" } } } },
    { HARDWARE: { NAME: "vm" }, CPUS: [{ TYPE: "a" }] },
  ];
  for (const stored of bad) {
    assert.throws(() => assertSameInventory(stored, reference, "bad"), assert.AssertionError);
  }
});
