import assert from "node:assert/strict";
import { fixturePath } from "../tests/_helpers/fixtures.ts";
import { encodeBody } from "./codec.ts";
import { OcsProtocolError } from "./errors.ts";
import { decodeReply } from "./mod.ts";
import {
  DOWNLOAD_OFF_OPTION,
  type PrologReply,
  readInventoryReply,
  readPrologReply,
  writeInventoryReply,
  writePrologReply,
} from "./reply.ts";
import { parseXml } from "./xml_reader.ts";

const SERVER_DECLARATION = "<?xml version='1.0' encoding='UTF-8'?>\n";

Deno.test("writePrologReply: the OCS server's shape", () => {
  const xml = writePrologReply({
    response: "SEND",
    prologFreq: 10,
    inventoryOnStartup: false,
    options: [DOWNLOAD_OFF_OPTION],
  });
  assert.ok(
    xml.startsWith(SERVER_DECLARATION + "<REPLY>\n"),
    "single-quoted declaration, REPLY root",
  );
  assert.match(xml, /<RESPONSE>SEND<\/RESPONSE>/);
  assert.match(xml, /<PROLOG_FREQ>10<\/PROLOG_FREQ>/);
  assert.match(xml, /<INVENTORY_ON_STARTUP>0<\/INVENTORY_ON_STARTUP>/);
  assert.match(xml, /<OPTION>\s*<NAME>DOWNLOAD<\/NAME>\s*<PARAM [^>]*\/>\s*<\/OPTION>/);
  const param = parseXml(xml).children?.find((c) => c.name === "OPTION")?.children?.find((c) =>
    c.name === "PARAM"
  );
  assert.equal(param?.attributes?.TYPE, "CONF");
  assert.equal(param?.attributes?.ON, "0");
});

Deno.test("writePrologReply → readPrologReply round trip", () => {
  const replies: PrologReply[] = [
    { response: "SEND", prologFreq: 10, inventoryOnStartup: false, options: [DOWNLOAD_OFF_OPTION] },
    { response: "STOP", prologFreq: 24, inventoryOnStartup: true, options: [] },
    {
      response: "SEND",
      prologFreq: 1,
      inventoryOnStartup: true,
      options: [
        DOWNLOAD_OFF_OPTION,
        {
          name: "REGISTRY",
          params: [
            {
              attributes: { REGTREE: "2", REGKEY: 'SOFTWARE\\A & "B"', NAME: "<ver>" },
              text: "Version",
            },
            { attributes: { REGTREE: "3", REGKEY: "X", NAME: "all" }, text: "*" },
          ],
        },
        {
          name: "IPDISCOVER",
          params: [{
            attributes: { IPDISC_LAT: "100", SCAN_TYPE_IPDISCOVER: "ICMP" },
            text: "192.168.1.0",
          }],
        },
      ],
    },
  ];
  for (const reply of replies) {
    assert.deepEqual(readPrologReply(parseXml(writePrologReply(reply))), reply);
    // And through the wire framing, as an agent gets it.
    assert.deepEqual(
      readPrologReply(decodeReply(encodeBody(writePrologReply(reply), "zlib"))),
      reply,
    );
  }
});

Deno.test("readPrologReply: the real OCS server 2.8.1 reply", async () => {
  const root = parseXml(
    await Deno.readTextFile(fixturePath("capture-ocs-server-2.8.1/001-resp.xml")),
  );
  const reply = readPrologReply(root);
  assert.equal(reply.response, "SEND");
  assert.equal(reply.prologFreq, 24);
  assert.equal(reply.inventoryOnStartup, true);
  assert.equal(reply.options.length, 1);
  // What we send with download off is exactly what the real server sends.
  assert.deepEqual(reply.options[0], DOWNLOAD_OFF_OPTION);
});

Deno.test("readPrologReply: missing or odd values get the agents' defaults", () => {
  const reply = readPrologReply(parseXml("<REPLY><RESPONSE>send</RESPONSE></REPLY>"));
  assert.deepEqual(reply, {
    response: "SEND",
    prologFreq: 10,
    inventoryOnStartup: false,
    options: [],
  });
  assert.equal(
    readPrologReply(parseXml("<REPLY><RESPONSE>MAYBE</RESPONSE></REPLY>")).response,
    "OTHER",
  );
  assert.equal(
    readPrologReply(
      parseXml("<REPLY><RESPONSE>STOP</RESPONSE><PROLOG_FREQ>0</PROLOG_FREQ></REPLY>"),
    ).prologFreq,
    10,
  );
  assert.equal(
    readPrologReply(
      parseXml("<REPLY><RESPONSE>STOP</RESPONSE><PROLOG_FREQ>x</PROLOG_FREQ></REPLY>"),
    ).prologFreq,
    10,
  );
  // A PARAM with only text (legacy IPDISCOVER) is kept as text.
  const legacy = readPrologReply(
    parseXml(
      "<REPLY><RESPONSE>SEND</RESPONSE><OPTION><NAME>IPDISCOVER</NAME><PARAM>10.0.0.0</PARAM></OPTION></REPLY>",
    ),
  );
  assert.deepEqual(legacy.options, [{
    name: "IPDISCOVER",
    params: [{ attributes: {}, text: "10.0.0.0" }],
  }]);
});

Deno.test("readPrologReply / readInventoryReply: not a REPLY is an error", () => {
  for (const read of [readPrologReply, readInventoryReply]) {
    assert.throws(
      () => read(parseXml("<REQUEST><RESPONSE>SEND</RESPONSE></REQUEST>")),
      OcsProtocolError,
    );
    assert.throws(() => read(parseXml("<REPLY></REPLY>")), /Empty REPLY/);
    assert.throws(() => read(parseXml("<REPLY>text</REPLY>")), /Empty REPLY/);
  }
});

Deno.test("writeInventoryReply: NO_ACCOUNT_UPDATE", () => {
  const xml = writeInventoryReply({ accountUpdate: null });
  assert.equal(
    xml,
    SERVER_DECLARATION + "<REPLY>\n  <RESPONSE>NO_ACCOUNT_UPDATE</RESPONSE>\n</REPLY>\n",
  );
  assert.deepEqual(readInventoryReply(parseXml(xml)), { accountUpdate: null });
});

Deno.test("writeInventoryReply: byte for byte the real server's NO_ACCOUNT_UPDATE", async () => {
  const real = await Deno.readTextFile(fixturePath("capture-ocs-server-2.8.1/002-resp.xml"));
  assert.equal(writeInventoryReply({ accountUpdate: null }), real);
  assert.deepEqual(readInventoryReply(parseXml(real)), { accountUpdate: null });
});

Deno.test("writeInventoryReply → readInventoryReply: ACCOUNT_UPDATE round trip", () => {
  const info = { TAG: "SERVERTAG", fields_3: 'Bâtiment <A> & "B"', fields_4: "" };
  const xml = writeInventoryReply({ accountUpdate: info });
  assert.ok(
    xml.startsWith(SERVER_DECLARATION + "<REPLY>\n  <RESPONSE>ACCOUNT_UPDATE</RESPONSE>\n"),
  );
  assert.match(
    xml,
    /<ACCOUNTINFO>\s*<KEYNAME>TAG<\/KEYNAME>\s*<KEYVALUE>SERVERTAG<\/KEYVALUE>\s*<\/ACCOUNTINFO>/,
  );
  assert.deepEqual(readInventoryReply(parseXml(xml)), { accountUpdate: info });
  assert.deepEqual(readInventoryReply(decodeReply(encodeBody(xml, "gzip"))), {
    accountUpdate: info,
  });
  // A single key is one ACCOUNTINFO, read back all the same.
  const one = writeInventoryReply({ accountUpdate: { TAG: "X" } });
  assert.deepEqual(readInventoryReply(parseXml(one)), { accountUpdate: { TAG: "X" } });
});

Deno.test("readInventoryReply: the stub's ACCOUNT_UPDATE as the Unix agent got it", () => {
  const root = parseXml(
    "<?xml version='1.0' encoding='UTF-8'?>\n<REPLY>\n  <RESPONSE>ACCOUNT_UPDATE</RESPONSE>\n" +
      "  <ACCOUNTINFO>\n    <KEYNAME>TAG</KEYNAME>\n    <KEYVALUE>SERVERTAG</KEYVALUE>\n  </ACCOUNTINFO>\n</REPLY>\n",
  );
  assert.deepEqual(readInventoryReply(root), { accountUpdate: { TAG: "SERVERTAG" } });
  // Attribute form reads the same (XML::Simple).
  const attributes = parseXml(
    `<REPLY RESPONSE="ACCOUNT_UPDATE"><ACCOUNTINFO KEYNAME="TAG" KEYVALUE="SERVERTAG"/></REPLY>`,
  );
  assert.deepEqual(readInventoryReply(attributes), { accountUpdate: { TAG: "SERVERTAG" } });
});
