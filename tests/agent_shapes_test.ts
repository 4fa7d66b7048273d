/**
 * Inventories in the shapes the other agents send, through the real pipeline: the OCS Windows
 * agent 2.10 (DEVICEID, CONTENT, QUERY order; OLD_DEVICEID misplaced inside DOWNLOAD/HISTORY)
 * and FusionInventory 2.6 in OCS mode (extra and unknown sections, nested values). Every section
 * must be kept, compared field by field with an independent reading of the XML.
 */
import assert from "node:assert/strict";
import { type BodyEncoding, encodeBody } from "../protocol/codec.ts";
import { decodeReply, decodeRequest } from "../protocol/mod.ts";
import { readInventoryReply } from "../protocol/reply.ts";
import type { InventoryRequest } from "../protocol/request.ts";
import type { SimpleObject, SimpleValue } from "../protocol/types.ts";
import { parseXml } from "../protocol/xml_reader.ts";
import { updateDevice } from "../server/store/devices.ts";
import {
  assertSameInventory,
  type Pipeline,
  readReference,
  withPipeline,
} from "./_helpers/roundtrip.ts";

const WINDOWS_XML = Deno.readTextFileSync(
  new URL("./fixtures/windows-agent-2.10.xml", import.meta.url),
);
const FUSION_XML = Deno.readTextFileSync(
  new URL("./fixtures/fusioninventory-2.6-ocs.xml", import.meta.url),
);
const WINDOWS_ID = "PC-COMPTA-01-2026-03-02-09-15-42";
const WINDOWS_OLD_ID = "PC-COMPTA-01-2024-05-14-08-01-10";
const WINDOWS_UA = "OCS-NG_WINDOWS_AGENT_v2.10.1.0";
const FUSION_ID = "glpi-ws01-2026-11-21-05-30-58";
const FUSION_UA = "FusionInventory-Agent_v2.6-3";

const object = (value: SimpleValue | undefined): SimpleObject => {
  assert.ok(typeof value === "object" && !Array.isArray(value), "one entry");
  return value;
};
const list = (value: SimpleValue | undefined): SimpleObject[] => {
  assert.ok(Array.isArray(value), "an array of entries");
  return value as SimpleObject[];
};
const withTag = (xml: string, tag: string) =>
  xml.replace("<KEYVALUE>COMPTA</KEYVALUE>", `<KEYVALUE>${tag}</KEYVALUE>`);

/** The account info an agent gets back, read from the reply as it travels (zlib). */
function replyAccountUpdate(replyXml: string | null): Record<string, string> | null {
  assert.ok(replyXml, "an inventory always gets a reply body");
  return readInventoryReply(decodeReply(encodeBody(replyXml, "zlib"))).accountUpdate;
}

/** Stores the machine as it was under its previous DEVICEID. */
async function storeOldWindowsDevice(pipeline: Pipeline): Promise<void> {
  const outcome = await pipeline.send(
    `<?xml version="1.0" encoding="UTF-8"?>\n<REQUEST>\n<DEVICEID>${WINDOWS_OLD_ID}</DEVICEID>\n<CONTENT>\n` +
      "<BATTERIES><NAME>old section</NAME></BATTERIES>\n" +
      "<SOFTWARES><NAME>Old Software</NAME></SOFTWARES>\n" +
      "<ACCOUNTINFO><KEYNAME>TAG</KEYNAME><KEYVALUE>COMPTA-SIEGE</KEYVALUE></ACCOUNTINFO>\n" +
      "<HARDWARE><NAME>PC-COMPTA-01</NAME><CHECKSUM>1048577</CHECKSUM></HARDWARE>\n" +
      "</CONTENT>\n<QUERY>INVENTORY</QUERY>\n</REQUEST>\n",
    { userAgent: WINDOWS_UA },
  );
  assert.equal(outcome.inventory?.created, true);
  assert.equal(replyAccountUpdate(outcome.replyXml), null);
}

Deno.test("Windows agent 2.10 fixture: the Windows shape, as the agent orders it", () => {
  const root = parseXml(WINDOWS_XML);
  assert.deepEqual(root.children?.map((c) => c.name), ["DEVICEID", "CONTENT", "QUERY"]);
  const request = decodeRequest(encodeBody(WINDOWS_XML, "zlib")).request as InventoryRequest;
  assert.equal(request.query, "INVENTORY");
  assert.equal(request.deviceId, WINDOWS_ID);
  assert.equal(request.oldDeviceId, WINDOWS_OLD_ID, "found inside DOWNLOAD/HISTORY");
  assert.equal(request.checksum, 262143);
  assert.deepEqual(request.accountInfo, { TAG: "COMPTA" });
});

Deno.test("Windows agent 2.10: every section kept through the pipeline", async () => {
  const reference = readReference(WINDOWS_XML);
  assert.deepEqual(Object.fromEntries(reference.entries), {
    DOWNLOAD: 1,
    BIOS: 1,
    CPUS: 1,
    MEMORIES: 3,
    STORAGES: 2,
    DRIVES: 3,
    NETWORKS: 3,
    SOFTWARES: 5,
    MONITORS: 2,
    PRINTERS: 2,
    REGISTRY: 2,
    ACCOUNTINFO: 1,
    HARDWARE: 1,
  });
  await withPipeline(async (pipeline) => {
    const outcome = await pipeline.send(WINDOWS_XML, { encoding: "zlib", userAgent: WINDOWS_UA });
    assert.equal(outcome.inventory?.created, true);
    assert.equal(outcome.inventory?.mergedFrom, undefined, "the old DEVICEID is unknown here");
    assert.equal(replyAccountUpdate(outcome.replyXml), null);

    const detail = await pipeline.detail(WINDOWS_ID);
    assertSameInventory(detail.sections, reference, "windows");
    assert.equal(detail.userAgent, WINDOWS_UA);
    assert.equal(detail.tag, "COMPTA");
    assert.equal(detail.name, "PC-COMPTA-01");
    assert.equal(detail.serial, "4XK2Q93");
    assert.equal(detail.uuid, "4C4C4544-0058-4B10-8032-B4C04F513933");

    const hardware = object(detail.sections.HARDWARE);
    assert.equal(hardware.WINPRODID, "00330-80000-00000-AA123");
    assert.equal(hardware.WINOWNER, "Service Comptabilité");
    assert.equal(hardware.WINCOMPANY, "Société Exemple SARL");
    assert.equal(hardware.ARCH, "x86 64 bits");
    assert.equal(hardware.LASTDATE, "2026-03-02 09:15:46");
    assert.equal(object(detail.sections.BIOS).ASSETTAG, "COMPTA-0001");
    assert.deepEqual(list(detail.sections.DRIVES).map((d) => d.LETTER), ["C:/", "D:/", "P:/"]);
    assert.equal(list(detail.sections.DRIVES)[2]?.VOLUMN, "\\\\fichiers\\compta");
    const sage = list(detail.sections.SOFTWARES)[2];
    assert.deepEqual(sage, {
      PUBLISHER: "Sage & Fils",
      NAME: "Sage 100 Comptabilité i7",
      VERSION: "9.10",
      FOLDER: "C:\\Program Files (x86)\\Sage\\Comptabilité 100c",
      COMMENTS: "Logiciel de comptabilité <édition entreprise>",
      FILENAME: "Maestria.exe",
      FILESIZE: "73400320",
      SOURCE: "1",
      GUID: "{8A2B7F6C-1D3E-4F50-9A8B-7C6D5E4F3A21}",
      LANGUAGE: "Français (France)",
      INSTALLDATE: "2024/05/20",
      BITSWIDTH: "32",
    });
    // Empty elements (`<SPEED/>`, `<CAPACITY></CAPACITY>`) are absent, as XML::Simple reads them.
    assert.deepEqual(list(detail.sections.MEMORIES)[2], {
      CAPTION: "Physical Memory",
      DESCRIPTION: "Empty slot",
      PURPOSE: "System Memory",
      TYPE: "Unknown",
      NUMSLOTS: "3",
    });
    assert.deepEqual(list(detail.sections.REGISTRY)[1], {
      NAME: "Sage data path",
      REGVALUE: "\\\\fichiers\\compta\\Sage\\Données",
    });
    // DOWNLOAD is kept as sent, the misplaced OLD_DEVICEID included.
    assert.deepEqual(detail.sections.DOWNLOAD, {
      HISTORY: {
        PACKAGE: [{ ID: "1709370000" }, { ID: "1711000000" }],
        OLD_DEVICEID: WINDOWS_OLD_ID,
      },
    });
  });
});

Deno.test("Windows agent 2.10: OLD_DEVICEID merges the device stored under it", async () => {
  const reference = readReference(WINDOWS_XML);
  await withPipeline(async (pipeline) => {
    await storeOldWindowsDevice(pipeline);
    const old = await pipeline.detail(WINDOWS_OLD_ID);
    assert.ok(old.checksum & 1048576, "the old device's register has the BATTERIES bit");
    // An admin had given the old device its own schedule: the merge must keep it (OCS §5.2).
    await pipeline.ctx.writes.run((db) =>
      updateDevice(db, old.id, { prologFreq: 6, frequency: 3 })
    );

    const outcome = await pipeline.send(WINDOWS_XML, { userAgent: WINDOWS_UA });
    assert.equal(outcome.inventory?.created, true);
    assert.equal(outcome.inventory?.mergedFrom, WINDOWS_OLD_ID);
    assert.match(outcome.summary, /merged PC-COMPTA-01-2024-05-14-08-01-10/);
    // The merged device keeps the server's account info, pushed back to the agent.
    assert.deepEqual(replyAccountUpdate(outcome.replyXml), { TAG: "COMPTA-SIEGE" });

    assert.equal(await getDetailOrUndefined(pipeline, WINDOWS_OLD_ID), undefined, "old row gone");
    const merged = await pipeline.detail(WINDOWS_ID);
    assert.equal(merged.tag, "COMPTA-SIEGE");
    assert.deepEqual(merged.accountInfo, { TAG: "COMPTA-SIEGE" });
    assert.ok(merged.checksum & 1048576, "the old CHECKSUM register is OR-ed in");
    assert.deepEqual(merged.overrides, { prologFreq: 6, frequency: 3, inventoryOnStartup: null });
    assert.equal(merged.firstSeen, old.firstSeen, "first seen is the old device's");
    assert.equal(merged.inventories, old.inventories + 1, "counters carry over");
    // Its sections are the new inventory's, nothing carried over from the old row; ACCOUNTINFO
    // as stored is the account info in force, the server's.
    assertSameInventory(merged.sections, reference, "merged windows", { ignore: ["ACCOUNTINFO"] });
    assert.deepEqual(merged.sections.ACCOUNTINFO, [{ KEYNAME: "TAG", KEYVALUE: "COMPTA-SIEGE" }]);

    // The agent applies ACCOUNT_UPDATE and sends the server's TAG next time: nothing to update.
    const next = await pipeline.send(withTag(WINDOWS_XML, "COMPTA-SIEGE"), {
      userAgent: WINDOWS_UA,
    });
    assert.equal(next.inventory?.created, false);
    assert.equal(next.inventory?.mergedFrom, undefined, "merged once only");
    assert.equal(replyAccountUpdate(next.replyXml), null);
  });
});

async function getDetailOrUndefined(pipeline: Pipeline, deviceId: string) {
  try {
    return await pipeline.detail(deviceId);
  } catch (error) {
    if (error instanceof assert.AssertionError) return undefined;
    throw error;
  }
}

Deno.test("ACCOUNT_UPDATE: the server's TAG wins over a changed agent TAG and is pushed back", async () => {
  await withPipeline(async (pipeline) => {
    const first = await pipeline.send(WINDOWS_XML, { userAgent: WINDOWS_UA });
    assert.equal(
      replyAccountUpdate(first.replyXml),
      null,
      "first inventory: the agent's TAG is taken",
    );
    assert.equal((await pipeline.detail(WINDOWS_ID)).tag, "COMPTA");

    const same = await pipeline.send(WINDOWS_XML, { userAgent: WINDOWS_UA });
    assert.equal(replyAccountUpdate(same.replyXml), null, "same TAG: NO_ACCOUNT_UPDATE");

    const changed = await pipeline.send(withTag(WINDOWS_XML, "MOVED"), { userAgent: WINDOWS_UA });
    assert.deepEqual(replyAccountUpdate(changed.replyXml), { TAG: "COMPTA" });
    const kept = await pipeline.detail(WINDOWS_ID);
    assert.equal(kept.tag, "COMPTA", "the agent's TAG is not taken");
    assert.deepEqual(kept.sections.ACCOUNTINFO, [{ KEYNAME: "TAG", KEYVALUE: "COMPTA" }]);
    assertSameInventory(kept.sections, readReference(WINDOWS_XML), "after a changed TAG");

    // No ACCOUNTINFO at all (/notag) also differs from the server's.
    const noTag = await pipeline.send(
      WINDOWS_XML.replace(/<ACCOUNTINFO>[\s\S]*?<\/ACCOUNTINFO>\n/, ""),
      { userAgent: WINDOWS_UA },
    );
    assert.deepEqual(replyAccountUpdate(noTag.replyXml), { TAG: "COMPTA" });

    // An admin changes the TAG: the next inventory carries the old one, the reply the new one.
    const { id } = await pipeline.detail(WINDOWS_ID);
    await updateDevice(pipeline.ctx.db, id, { tag: "COMPTA-2" });
    const afterAdmin = await pipeline.send(WINDOWS_XML, { userAgent: WINDOWS_UA });
    assert.deepEqual(replyAccountUpdate(afterAdmin.replyXml), { TAG: "COMPTA-2" });
    const applied = await pipeline.send(withTag(WINDOWS_XML, "COMPTA-2"), {
      userAgent: WINDOWS_UA,
    });
    assert.equal(replyAccountUpdate(applied.replyXml), null);
  });
});

Deno.test("ACCOUNT_UPDATE: with agent TAG updates allowed, the agent's TAG is stored", async () => {
  await withPipeline(async (pipeline) => {
    await pipeline.send(WINDOWS_XML, { userAgent: WINDOWS_UA });
    const changed = await pipeline.send(withTag(WINDOWS_XML, "MOVED"), { userAgent: WINDOWS_UA });
    assert.equal(replyAccountUpdate(changed.replyXml), null);
    const detail = await pipeline.detail(WINDOWS_ID);
    assert.equal(detail.tag, "MOVED");
    assert.deepEqual(detail.accountInfo, { TAG: "MOVED" });
  }, { acceptTagUpdateFromClient: true });
});

Deno.test("FusionInventory 2.6 (OCS mode): every section kept, unknown ones too", async () => {
  const reference = readReference(FUSION_XML);
  assert.deepEqual(Object.fromEntries(reference.entries), {
    ACCESSLOG: 1,
    ACCOUNTINFO: 1,
    CONTROLLERS: 2,
    CPUS: 1,
    DRIVES: 2,
    ENVS: 5,
    FIREWALL: 1,
    HARDWARE: 1,
    LICENSEINFOS: 1,
    LOCAL_GROUPS: 2,
    LOCAL_USERS: 3,
    NETWORKS: 3,
    OPERATINGSYSTEM: 1,
    PHYSICAL_VOLUMES: 1,
    PROCESSES: 3,
    SOFTWARES: 4,
    STORAGES: 1,
    USERS: 2,
    VERSIONCLIENT: 1,
    VERSIONPROVIDER: 1,
    ZZ_SITE_PROBE: 2,
  });
  for (const encoding of ["zlib", "gzip", "plain"] as BodyEncoding[]) {
    await withPipeline(async (pipeline) => {
      const outcome = await pipeline.send(FUSION_XML, { encoding, userAgent: FUSION_UA });
      assert.equal(outcome.inventory?.created, true);
      assert.equal(replyAccountUpdate(outcome.replyXml), null);
      const detail = await pipeline.detail(FUSION_ID);
      assertSameInventory(detail.sections, reference, `fusioninventory (${encoding})`);
      assert.equal(detail.tag, "LINUX-SERVERS");
      assert.equal(detail.name, "glpi-ws01");
      assert.equal(detail.userAgent, FUSION_UA);

      const s = detail.sections;
      assert.equal(s.VERSIONCLIENT, "FusionInventory-Agent_v2.6-3", "a scalar section is text");
      assert.deepEqual(object(s.OPERATINGSYSTEM).TIMEZONE, { NAME: "UTC", OFFSET: "+0000" });
      assert.equal(object(s.OPERATINGSYSTEM).FQDN, "glpi-ws01.example.org");
      assert.deepEqual(list(s.ENVS).map((e) => e.KEY), ["SHELL", "LANG", "PATH", "HOME", "_"]);
      assert.equal(list(s.PROCESSES).length, 3);
      assert.deepEqual(list(s.FIREWALL), [{ STATUS: "off" }]);
      assert.equal(list(s.LICENSEINFOS)[0]?.FULLNAME, "Microsoft Office Standard 2019");
      assert.equal(list(s.PHYSICAL_VOLUMES)[0]?.PV_PE_COUNT, "65535");
      assert.deepEqual(list(s.USERS), [{ LOGIN: "alice" }, { DOMAIN: "EXAMPLE", LOGIN: "bob" }]);
      assert.deepEqual(list(s.LOCAL_GROUPS)[1], {
        ID: "27",
        MEMBER: ["alice", "bob"],
        NAME: "sudo",
      });
      assert.equal(list(s.LOCAL_USERS)[2]?.NAME, "Alice Émilie Martin,,,");
      const softwares = list(s.SOFTWARES);
      assert.ok(softwares.every((sw) => sw.FROM === "deb"));
      assert.deepEqual(softwares.map((sw) => sw.INSTALLDATE), [
        "14/05/2024",
        "14/05/2024",
        "21/11/2026",
        undefined,
      ]);
      assert.equal(softwares[2]?.COMMENTS, "Hardware and software inventory tool (agent) & client");
      assert.equal(list(s.NETWORKS)[1]?.IPADDRESS6, "::1");
      // Sections the OCS table does not document are kept whole, as arrays.
      assert.deepEqual(s.ZZ_SITE_PROBE, [
        {
          RACK: "B-12",
          SENSOR: [{ NAME: "inlet", CELSIUS: "21.5" }, { NAME: "outlet", CELSIUS: "34.0" }],
        },
        { RACK: "B-13" },
      ]);
      assert.deepEqual(list(s.VERSIONPROVIDER)[0]?.COMMENTS, [
        "Built by Debian",
        "Source time: 2022-12-02 16:25",
      ]);
      assert.deepEqual(s.ACCESSLOG, [{ LOGDATE: "2026-11-21 05:30:58" }]);
      assert.equal(s.BIOS, undefined, "<BIOS><SSN></SSN></BIOS> is empty");
    });
  }
});

Deno.test("FusionInventory 2.6: a later inventory without an unknown section keeps it", async () => {
  await withPipeline(async (pipeline) => {
    await pipeline.send(FUSION_XML, { userAgent: FUSION_UA });
    const without = FUSION_XML.replace(/ {4}<ZZ_SITE_PROBE>[\s\S]*<\/ZZ_SITE_PROBE>\n/, "");
    assert.ok(!without.includes("<ZZ_SITE_PROBE>"));
    const outcome = await pipeline.send(without, { userAgent: FUSION_UA });
    assert.equal(outcome.inventory?.created, false);
    const detail = await pipeline.detail(FUSION_ID);
    assert.equal(list(detail.sections.ZZ_SITE_PROBE).length, 2, "absent section: old content kept");
  });
});
