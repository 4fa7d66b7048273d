import assert from "node:assert/strict";
import { fixturePath } from "../tests/_helpers/fixtures.ts";
import { encodeBody } from "./codec.ts";
import { OcsProtocolError } from "./errors.ts";
import { decodeRequest } from "./mod.ts";
import {
  accountInfoEntries,
  type InventoryRequest,
  type OcsRequest,
  QUERIES,
  readRequest,
  writeInventoryRequest,
  writePrologRequest,
} from "./request.ts";
import type { InventoryContent } from "./types.ts";
import { parseXml } from "./xml_reader.ts";

const read = (xml: string): OcsRequest => readRequest(parseXml(xml));
const inventory = (xml: string) => read(xml) as InventoryRequest;
const ID = "vm-2026-11-21-04-13-18";

function refused(xml: string, pattern: RegExp): void {
  try {
    read(xml);
  } catch (error) {
    assert.ok(error instanceof OcsProtocolError, `expected OcsProtocolError, got ${error}`);
    assert.equal(error.status, 400);
    assert.match(error.message, pattern);
    return;
  }
  assert.fail(`expected a 400 for ${xml}`);
}

Deno.test("readRequest: PROLOG, with and without TOKEN", () => {
  assert.deepEqual(read(`<REQUEST><DEVICEID>${ID}</DEVICEID><QUERY>PROLOG</QUERY></REQUEST>`), {
    query: "PROLOG",
    deviceId: ID,
  });
  assert.deepEqual(
    read(
      `<REQUEST><DEVICEID>${ID}</DEVICEID><QUERY>PROLOG</QUERY><TOKEN>12345678</TOKEN></REQUEST>`,
    ),
    { query: "PROLOG", deviceId: ID, token: "12345678" },
  );
});

Deno.test("readRequest: DOWNLOAD in attribute form equals the child-element form", () => {
  const attributes = read(
    `<REQUEST QUERY="DOWNLOAD" DEVICEID="x-2026-01-01-00-00-00" ID="1" ERR="SUCCESS"/>`,
  );
  const children = read(
    "<REQUEST><QUERY>DOWNLOAD</QUERY><DEVICEID>x-2026-01-01-00-00-00</DEVICEID><ID>1</ID>" +
      "<ERR>SUCCESS</ERR></REQUEST>",
  );
  // Windows: ID/ERR as attributes, DEVICEID/QUERY as children.
  const windows = read(
    `<?xml version="1.0" encoding="UTF-8"?><REQUEST ID="1" ERR="SUCCESS"><DEVICEID>x-2026-01-01-00-00-00</DEVICEID><QUERY>DOWNLOAD</QUERY></REQUEST>`,
  );
  const expected = {
    query: "DOWNLOAD",
    deviceId: "x-2026-01-01-00-00-00",
    packageId: "1",
    result: "SUCCESS",
  };
  assert.deepEqual(attributes, expected);
  assert.deepEqual(children, expected);
  assert.deepEqual(windows, expected);
});

Deno.test("readRequest: DOWNLOAD needs ID and ERR", () => {
  refused(`<REQUEST QUERY="DOWNLOAD" DEVICEID="${ID}" ID="1"/>`, /ID and ERR/);
  refused(`<REQUEST QUERY="DOWNLOAD" DEVICEID="${ID}" ERR="SUCCESS"/>`, /ID and ERR/);
  refused(`<REQUEST QUERY="DOWNLOAD" DEVICEID="${ID}" ID="" ERR="SUCCESS"/>`, /ID and ERR/);
});

Deno.test("readRequest: DEVICEID falls back to CONTENT/DEVICEID", () => {
  const request = inventory(
    `<REQUEST><CONTENT><DEVICEID>${ID}</DEVICEID><HARDWARE><NAME>vm</NAME></HARDWARE></CONTENT>` +
      "<QUERY>INVENTORY</QUERY></REQUEST>",
  );
  assert.equal(request.deviceId, ID);
});

Deno.test("readRequest: valid DEVICEID shapes", () => {
  for (
    const id of [
      ID,
      "DESKTOP-AB12CD-2024-01-31-23-59-59",
      "host.example.com-2026-01-01-00-00-00",
      "poste été-2026-01-01-00-00-00",
      "x-0000-00-00-00-00-00",
    ]
  ) {
    assert.equal(
      read(`<REQUEST><DEVICEID>${id}</DEVICEID><QUERY>PROLOG</QUERY></REQUEST>`).deviceId,
      id,
    );
  }
  // Surrounding whitespace is not part of it.
  assert.equal(
    read(`<REQUEST><DEVICEID>\n  ${ID}\n</DEVICEID><QUERY>PROLOG</QUERY></REQUEST>`).deviceId,
    ID,
  );
});

Deno.test("readRequest: invalid DEVICEID shapes are 400", () => {
  for (
    const id of [
      "vm",
      "vm-2026-11-21",
      "vm-2026-11-21-04-13",
      "vm-2026-11-21-04-13-18-",
      "vm-26-11-21-04-13-18",
      "vm-2026-11-21-04-13-1",
      "vm_2026_11_21_04_13_18",
      "-2026-11-21-04-13-18",
      "2026-11-21-04-13-18",
      "vm-2026-11-21-04-13-18x",
      "vm&amp;-2026-11-21-04-13-18",
      "v&lt;m-2026-11-21-04-13-18",
      "v&#x1;m-2026-11-21-04-13-18",
      "x".repeat(201) + "-2026-11-21-04-13-18",
    ]
  ) {
    refused(
      `<REQUEST><DEVICEID>${id}</DEVICEID><QUERY>PROLOG</QUERY></REQUEST>`,
      /Invalid DEVICEID/,
    );
  }
});

Deno.test("readRequest: missing DEVICEID, missing QUERY, unknown QUERY, wrong root are 400", () => {
  refused("<REQUEST><QUERY>PROLOG</QUERY></REQUEST>", /No DEVICEID/);
  refused("<REQUEST><DEVICEID></DEVICEID><QUERY>PROLOG</QUERY></REQUEST>", /No DEVICEID/);
  refused(`<REQUEST><DEVICEID>${ID}</DEVICEID></REQUEST>`, /No QUERY/);
  refused(`<REQUEST><DEVICEID>${ID}</DEVICEID><QUERY> </QUERY></REQUEST>`, /No QUERY/);
  for (const query of ["SYSTEM", "FILE", "PROLOGUE", "INVENTORYX"]) {
    refused(
      `<REQUEST><DEVICEID>${ID}</DEVICEID><QUERY>${query}</QUERY></REQUEST>`,
      /Unknown QUERY/,
    );
  }
  // An unknown QUERY is refused even without a DEVICEID.
  refused("<REQUEST><QUERY>SYSTEM</QUERY></REQUEST>", /Unknown QUERY/);
  refused(`<REPLY><DEVICEID>${ID}</DEVICEID><QUERY>PROLOG</QUERY></REPLY>`, /expected "REQUEST"/);
  assert.deepEqual([...QUERIES], ["PROLOG", "INVENTORY", "DOWNLOAD", "NOTIFY", "UPDATE"]);
});

Deno.test("readRequest: UPDATE needs no DEVICEID but a valid PLATFORM", () => {
  const update = read(
    "<REQUEST><QUERY>UPDATE</QUERY><PLATFORM>linux</PLATFORM><AGENT>2.10</AGENT></REQUEST>",
  );
  assert.equal(update.query, "UPDATE");
  assert.ok(update.query === "UPDATE");
  assert.equal(update.platform, "LINUX");
  assert.equal(update.agentVersion, "2.10");
  assert.equal(update.deviceId, undefined);
  for (const platform of ["WINDOWS", "MAC", "Linux"]) {
    assert.equal(read(`<REQUEST QUERY="UPDATE" PLATFORM="${platform}"/>`).query, "UPDATE");
  }
  // A DEVICEID is passed along but not checked.
  assert.equal(
    read(`<REQUEST QUERY="UPDATE" PLATFORM="MAC" DEVICEID="whatever"/>`).deviceId,
    "whatever",
  );
  refused("<REQUEST><QUERY>UPDATE</QUERY></REQUEST>", /invalid PLATFORM ""/);
  refused(
    "<REQUEST><QUERY>UPDATE</QUERY><PLATFORM>AMIGA</PLATFORM></REQUEST>",
    /invalid PLATFORM "AMIGA"/,
  );
  refused(
    "<REQUEST><QUERY>UPDATE</QUERY><PLATFORM>LINUXX</PLATFORM></REQUEST>",
    /invalid PLATFORM/,
  );
});

Deno.test("readRequest: NOTIFY carries HARDWARE and every IFACE", () => {
  const notify = read(
    `<REQUEST><DEVICEID>${ID}</DEVICEID><QUERY>NOTIFY</QUERY><TYPE>IP</TYPE>` +
      "<HARDWARE><NAME>PC1</NAME><IPADDR>10.0.0.5</IPADDR></HARDWARE>" +
      "<IFACE><MAC>00:11:22:33:44:55</MAC><IP>10.0.0.5</IP><MASK>255.255.255.0</MASK></IFACE>" +
      "<IFACE><MAC>00:11:22:33:44:66</MAC><IP>10.0.1.5</IP></IFACE></REQUEST>",
  );
  assert.deepEqual(notify, {
    query: "NOTIFY",
    deviceId: ID,
    type: "IP",
    hardware: { NAME: "PC1", IPADDR: "10.0.0.5" },
    interfaces: [
      { MAC: "00:11:22:33:44:55", IP: "10.0.0.5", MASK: "255.255.255.0" },
      { MAC: "00:11:22:33:44:66", IP: "10.0.1.5" },
    ],
  });
  const bare = read(
    `<REQUEST QUERY="NOTIFY" DEVICEID="${ID}"><IFACE><MAC>m</MAC></IFACE></REQUEST>`,
  );
  assert.deepEqual(bare, {
    query: "NOTIFY",
    deviceId: ID,
    type: "IP",
    hardware: {},
    interfaces: [{ MAC: "m" }],
  });
});

Deno.test("readRequest: INVENTORY content, CHECKSUM and ACCOUNTINFO", () => {
  const request = inventory(
    `<REQUEST><CONTENT>` +
      "<ACCOUNTINFO><KEYNAME>TAG</KEYNAME><KEYVALUE>MYTAG</KEYVALUE></ACCOUNTINFO>" +
      "<ACCOUNTINFO><KEYNAME>fields_3</KEYNAME><KEYVALUE></KEYVALUE></ACCOUNTINFO>" +
      "<HARDWARE><NAME>vm</NAME><CHECKSUM>513</CHECKSUM></HARDWARE>" +
      "<CPUS><TYPE>Xeon</TYPE></CPUS>" +
      `</CONTENT><DEVICEID>${ID}</DEVICEID><QUERY>INVENTORY</QUERY></REQUEST>`,
  );
  assert.equal(request.query, "INVENTORY");
  assert.equal(request.deviceId, ID);
  assert.equal(request.checksum, 513);
  assert.deepEqual(request.accountInfo, { TAG: "MYTAG", fields_3: "" });
  assert.deepEqual(request.content.CPUS, [{ TYPE: "Xeon" }]);
  assert.equal(request.oldDeviceId, undefined);
});

Deno.test("readRequest: CHECKSUM absent or not a number is null", () => {
  for (
    const hardware of [
      "<HARDWARE><NAME>vm</NAME></HARDWARE>",
      "<HARDWARE><CHECKSUM>-1</CHECKSUM></HARDWARE>",
      "<HARDWARE><CHECKSUM>12a</CHECKSUM></HARDWARE>",
      "",
    ]
  ) {
    const request = inventory(
      `<REQUEST><CONTENT>${hardware}<BIOS><SSN>1</SSN></BIOS></CONTENT><DEVICEID>${ID}</DEVICEID><QUERY>INVENTORY</QUERY></REQUEST>`,
    );
    assert.equal(request.checksum, null, hardware);
  }
});

Deno.test("readRequest: INVENTORY without CONTENT is 400", () => {
  refused(`<REQUEST><DEVICEID>${ID}</DEVICEID><QUERY>INVENTORY</QUERY></REQUEST>`, /no CONTENT/);
});

Deno.test("readRequest: OLD_DEVICEID from CONTENT, or misplaced in DOWNLOAD/HISTORY (Windows)", () => {
  const old = "PC1-2025-06-01-10-00-00";
  const inContent = inventory(
    `<REQUEST><DEVICEID>${ID}</DEVICEID><CONTENT><OLD_DEVICEID>${old}</OLD_DEVICEID></CONTENT><QUERY>INVENTORY</QUERY></REQUEST>`,
  );
  assert.equal(inContent.oldDeviceId, old);
  const inHistory = inventory(
    `<REQUEST><DEVICEID>${ID}</DEVICEID><CONTENT><DOWNLOAD><HISTORY><PACKAGE ID="1"/>` +
      `<OLD_DEVICEID>${old}</OLD_DEVICEID></HISTORY></DOWNLOAD></CONTENT><QUERY>INVENTORY</QUERY></REQUEST>`,
  );
  assert.equal(inHistory.oldDeviceId, old);
  // Same as the DEVICEID, or not a DEVICEID: ignored.
  for (const value of [ID, "not-a-deviceid"]) {
    const request = inventory(
      `<REQUEST><DEVICEID>${ID}</DEVICEID><CONTENT><OLD_DEVICEID>${value}</OLD_DEVICEID></CONTENT><QUERY>INVENTORY</QUERY></REQUEST>`,
    );
    assert.equal(request.oldDeviceId, undefined, value);
  }
});

Deno.test("writePrologRequest: the Unix agent's shape, read back", () => {
  const xml = writePrologRequest(ID);
  assert.ok(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<REQUEST>\n'));
  assert.deepEqual(read(xml), { query: "PROLOG", deviceId: ID });
  assert.deepEqual(read(writePrologRequest(ID, "12345678")), {
    query: "PROLOG",
    deviceId: ID,
    token: "12345678",
  });
});

Deno.test("writePrologRequest: byte for byte what the real Unix agent sent", async () => {
  const real = await Deno.readTextFile(fixturePath("wire-capture/01-prolog-request.xml"));
  assert.equal(writePrologRequest(ID), real);
});

Deno.test("writeInventoryRequest: round trip of every kind of section", () => {
  const content: InventoryContent = {
    HARDWARE: { NAME: "vm", CHECKSUM: "513", OSNAME: 'Debian <12> & "friends"' },
    ACCOUNTINFO: [{ KEYNAME: "TAG", KEYVALUE: "T'1" }],
    CPUS: [{ TYPE: "a" }, { TYPE: "b" }],
    SOFTWARES: [{ NAME: "bash", VERSION: "5.2" }],
    // The typed model says HISTORY is text; on the wire it nests PACKAGE@ID.
    DOWNLOAD: { HISTORY: { PACKAGE: [{ ID: "1700000000" }, { ID: "1700000001" }] } } as unknown as {
      HISTORY: string;
    },
    VERSIONCLIENT: "inventory-agent_v0.1",
    CUSTOM: [{ K: ["x", "y"] }],
  };
  const xml = writeInventoryRequest(ID, content);
  const sectionOrder = [...xml.matchAll(/^ {4}<([A-Z_]+)>/gm)].map((m) => m[1]);
  assert.deepEqual(
    [...new Set(sectionOrder)],
    ["ACCOUNTINFO", "CPUS", "CUSTOM", "DOWNLOAD", "HARDWARE", "SOFTWARES", "VERSIONCLIENT"],
    "alphabetical, as the Unix agent writes",
  );
  const request = inventory(xml);
  assert.equal(request.deviceId, ID);
  assert.deepEqual(request.content, content);
  assert.equal(request.checksum, 513);
  assert.deepEqual(request.accountInfo, { TAG: "T'1" });
});

Deno.test("accountInfoEntries: KEYNAME/KEYVALUE pairs in order", () => {
  assert.deepEqual(accountInfoEntries({ TAG: "A", fields_3: "B" }), [
    { KEYNAME: "TAG", KEYVALUE: "A" },
    { KEYNAME: "fields_3", KEYVALUE: "B" },
  ]);
  assert.deepEqual(accountInfoEntries({}), []);
});

Deno.test("decodeRequest: the real wire capture is a zlib PROLOG", async () => {
  const body = await Deno.readFile(fixturePath("wire-capture/01-prolog-request.zlib.bin"));
  const decoded = decodeRequest(body);
  assert.equal(decoded.encoding, "zlib");
  assert.deepEqual(decoded.request, { query: "PROLOG", deviceId: "vm-2026-11-21-04-13-18" });
  assert.equal(
    new TextDecoder().decode(decoded.xml),
    await Deno.readTextFile(fixturePath("wire-capture/01-prolog-request.xml")),
  );
});

Deno.test("decodeRequest: the real fixtures decode to the right messages", async () => {
  const cases: [string, string, string][] = [
    ["capture-ocs-server-2.8.1/001-req.xml", "PROLOG", "vm-2026-11-21-04-14-54"],
    ["capture-ocs-server-2.8.1/002-req.xml", "INVENTORY", "vm-2026-11-21-04-14-54"],
    ["wire-capture/02-inventory-request-first-run.xml", "INVENTORY", "vm-2026-11-21-04-13-18"],
    ["wire-capture/04-inventory-request-second-run.xml", "INVENTORY", "vm-2026-11-21-04-13-18"],
    ["unixagent-2.10-debian12-full.xml", "INVENTORY", "vm-2026-11-21-04-12-22"],
  ];
  for (const [name, query, deviceId] of cases) {
    const xml = await Deno.readFile(fixturePath(name));
    for (const encoding of ["plain", "zlib", "gzip"] as const) {
      const decoded = decodeRequest(encodeBody(xml, encoding));
      assert.equal(decoded.encoding, encoding);
      assert.equal(decoded.request.query, query, name);
      assert.equal(decoded.request.deviceId, deviceId, name);
    }
  }
  const second = decodeRequest(
    await Deno.readFile(fixturePath("wire-capture/04-inventory-request-second-run.xml")),
  ).request as InventoryRequest;
  assert.equal(second.checksum, 513);
  assert.deepEqual(second.accountInfo, { TAG: "SERVERTAG" });
  assert.deepEqual(second.content.DOWNLOAD, {
    HISTORY: { PACKAGE: [{ ID: "1700000000" }, { ID: "1700000001" }] },
  });
});
