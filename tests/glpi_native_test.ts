/**
 * The GLPI agent protocol over HTTP, as the GLPI agent frames it (JSON, zlib or plain, with its
 * `GLPI-Agent-ID` header), on a real server: partial inventories keep the categories they do not
 * carry, a complete one replaces them all, a document outside the GLPI inventory format is
 * refused with a JSON error and changes nothing, and `--glpi-protocol ocs` keeps GLPI agents in
 * OCS mode.
 *
 * @module
 */

import assert from "node:assert/strict";
import { inflateSync } from "node:zlib";
import { encodeBody } from "../protocol/mod.ts";
import { VERSION } from "../version.ts";
import type { DeviceDetail } from "../server/store/devices.ts";
import { readGlpiAgentFixture } from "./_helpers/fixtures.ts";
import { startTestServer, type TestServer } from "./_helpers/server.ts";

const NATIVE = JSON.parse(readGlpiAgentFixture("glpi-agent-1.12-debian12-native.json"));
const DEVICEID = NATIVE.deviceid as string;
const AGENT_ID = "3a9f2c56-9e0f-4b7c-8b8e-1d2c3b4a5f60";

async function post(
  server: TestServer,
  message: unknown,
  compress = true,
): Promise<{ status: number; type: string; answer: Record<string, unknown> | string }> {
  const text = JSON.stringify(message);
  const response = await fetch(`${server.url}/ocsinventory`, {
    method: "POST",
    headers: {
      "content-type": compress ? "application/x-compress-zlib" : "application/json",
      "user-agent": "GLPI-Agent_v1.12-dev",
      "glpi-agent-id": AGENT_ID,
    },
    body: compress ? encodeBody(text, "zlib") : text,
  });
  const type = response.headers.get("content-type") ?? "";
  const bytes = new Uint8Array(await response.arrayBuffer());
  const body = new TextDecoder().decode(
    type === "application/x-compress-zlib" ? inflateSync(bytes) : bytes,
  );
  let answer: Record<string, unknown> | string = body;
  try {
    answer = JSON.parse(body);
  } catch {
    // Plain text.
  }
  return { status: response.status, type, answer };
}

async function device(server: TestServer): Promise<DeviceDetail | null> {
  const list = await (await fetch(`${server.url}/api/v1/devices`, server.authorized())).json();
  if (list.total === 0) return null;
  const response = await fetch(
    `${server.url}/api/v1/devices/${list.items[0].id}`,
    server.authorized(),
  );
  return await response.json();
}

Deno.test("native inventories: complete, partial, refused, over HTTP", async () => {
  const server = await startTestServer({ frequency: 0 });
  try {
    const full = await post(server, NATIVE);
    assert.equal(full.status, 200, JSON.stringify(full.answer));
    assert.equal(full.type, "application/x-compress-zlib");
    assert.deepEqual(full.answer, { status: "ok", expiration: 24 });
    const first = (await device(server))!;
    assert.equal(first.deviceid, DEVICEID);
    assert.equal(first.tag, "GLPITAG");
    assert.equal(first.name, "vm");
    assert.ok(Array.isArray(first.sections.DATABASES_SERVICES), "a section OCS lacks is kept");
    assert.equal((first.sections.SOFTWARES as unknown[]).length, 864);

    // Partial: only the CPUs (plus what the agent always adds), sent plain; the rest stays.
    const partial = {
      action: "inventory",
      deviceid: DEVICEID,
      itemtype: "Computer",
      partial: true,
      content: {
        cpus: [{ name: "AMD EPYC 2", core: 4, thread: 2 }],
        hardware: NATIVE.content.hardware,
        versionclient: "GLPI-Agent_v1.12-dev",
      },
    };
    const answered = await post(server, partial, false);
    assert.equal(answered.status, 200, JSON.stringify(answered.answer));
    assert.equal(answered.type, "application/json");
    const afterPartial = (await device(server))!;
    assert.deepEqual(afterPartial.sections.CPUS, [{ CORE: "4", NAME: "AMD EPYC 2", THREAD: "2" }]);
    assert.deepEqual(afterPartial.sections.SOFTWARES, first.sections.SOFTWARES, "kept");
    assert.deepEqual(afterPartial.sections.NETWORKS, first.sections.NETWORKS, "kept");
    assert.equal(afterPartial.tag, "GLPITAG", "a partial inventory without tag keeps the TAG");
    assert.equal(afterPartial.inventories, first.inventories + 1);

    // Refused: the format says a CPU core count is a number. Nothing changes.
    const bad = structuredClone(NATIVE);
    bad.content.cpus[0].core = "many";
    const refused = await post(server, bad);
    assert.equal(refused.status, 400);
    assert.equal(refused.type, "application/json");
    assert.equal((refused.answer as Record<string, unknown>).status, "error");
    assert.match(
      String((refused.answer as Record<string, unknown>).message),
      /GLPI inventory format: \/content\/cpus\/0\/core must be integer/,
    );
    const afterRefusal = (await device(server))!;
    assert.deepEqual(afterRefusal.sections, afterPartial.sections);
    assert.equal(afterRefusal.inventories, afterPartial.inventories);
    assert.ok(
      server.log.lines.some((l) =>
        /refused.*must be integer/.test(l) && l.includes(`deviceid=${DEVICEID}`)
      ),
      server.log.lines.join("\n"),
    );

    // Complete again, without processes: a category the machine no longer reports is gone.
    const { processes: _gone, ...withoutProcesses } = NATIVE.content;
    const complete = await post(server, { ...NATIVE, content: withoutProcesses });
    assert.equal(complete.status, 200);
    const last = (await device(server))!;
    assert.equal(last.sections.PROCESSES, undefined);
    assert.deepEqual(last.sections.CPUS, first.sections.CPUS);
    // The raw payload is kept as it came: JSON.
    const raw = await fetch(
      `${server.url}/api/v1/devices/${last.id}/inventory.xml`,
      server.authorized(),
    );
    assert.equal(raw.headers.get("content-type"), "application/json");
    assert.match(raw.headers.get("content-disposition") ?? "", /\.json"$/);
    assert.deepEqual(await raw.json(), { ...NATIVE, content: withoutProcesses });

    // CONTACT: the inventory task, PROLOG_FREQ as expiration, unserved tasks disabled.
    const contact = await post(server, {
      action: "contact",
      deviceid: DEVICEID,
      name: "GLPI-Agent",
      version: "1.12-dev",
      "installed-tasks": ["Inventory", "Deploy", "NetDiscovery"],
      "enabled-tasks": ["inventory", "deploy"],
    });
    assert.deepEqual(contact.answer, {
      status: "ok",
      expiration: 24,
      disabled: ["deploy", "netdiscovery"],
      tasks: {
        inventory: { server: "glpi", version: VERSION },
      },
    });
  } finally {
    await server.stop();
  }
});

Deno.test("--glpi-protocol ocs: GLPI agents stay in OCS mode", async () => {
  const server = await startTestServer({ glpiProtocol: "ocs" });
  try {
    const prolog = `<?xml version="1.0" encoding="UTF-8"?>\n<REQUEST><DEVICEID>${DEVICEID}` +
      "</DEVICEID><QUERY>PROLOG</QUERY><TOKEN>12345678</TOKEN></REQUEST>\n";
    const response = await fetch(`${server.url}/ocsinventory`, {
      method: "POST",
      headers: {
        "content-type": "application/x-compress-zlib",
        "user-agent": "GLPI-Agent_v1.12-dev",
        "glpi-agent-id": AGENT_ID,
      },
      body: encodeBody(prolog, "zlib"),
    });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("content-type"), "application/x-compress-zlib");
    const reply = new TextDecoder().decode(
      inflateSync(new Uint8Array(await response.arrayBuffer())),
    );
    assert.match(reply, /<RESPONSE>SEND<\/RESPONSE>/);
    // A CONTACT gets no JSON: the agent falls back to OCS mode.
    const contact = await post(server, { action: "contact", deviceid: DEVICEID });
    assert.equal(contact.status, 400);
    assert.equal(typeof contact.answer, "string");
    assert.equal(await device(server), null, "nothing stored");
  } finally {
    await server.stop();
  }
});
