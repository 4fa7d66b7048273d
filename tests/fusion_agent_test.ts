/**
 * End to end with the REAL Debian `fusioninventory-agent` 2.6 in OCS mode: its PROLOG and
 * inventory (zlib, `application/x-compress-zlib`) are answered in kind, it exits 0, and the device
 * holds every section it sent, with its TAG. (Its state lives in /var/lib/fusioninventory-agent;
 * it has no option to move it.)
 *
 * @module
 */

import assert from "node:assert/strict";
import { decodeRequest, type InventoryRequest } from "../protocol/mod.ts";
import type { DeviceDetail, DeviceSummary } from "../server/store/devices.ts";
import { startRecordingProxy, startTestServer } from "./_helpers/server.ts";

Deno.test("real fusioninventory-agent 2.6 (OCS mode): answered in kind, every section stored", async () => {
  const server = await startTestServer({ frequency: 0, decodeWorkers: 1 });
  const proxy = startRecordingProxy(server.url);
  try {
    let output: Deno.CommandOutput;
    try {
      output = await new Deno.Command("fusioninventory-agent", {
        args: [
          `--server=${proxy.url}/ocsinventory`,
          "--force",
          "--no-task=deploy,esx,collect,netdiscovery,netinventory,wakeonlan",
          "--logger=stderr",
          "--tag=FUSIONTAG",
        ],
        stdin: "null",
        stdout: "piped",
        stderr: "piped",
        signal: AbortSignal.timeout(120_000),
      }).output();
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) {
        throw new Error("fusioninventory-agent is missing: tools/setup.sh installs it");
      }
      throw error;
    }
    const log = new TextDecoder().decode(output.stderr);
    assert.equal(output.code, 0, log);
    const queries = proxy.exchanges.map((e) => decodeRequest(e.requestBody).request.query);
    assert.deepEqual(queries, ["PROLOG", "INVENTORY"], log);
    for (const e of proxy.exchanges) {
      assert.equal(e.status, 200);
      assert.equal(e.requestType, "application/x-compress-zlib");
      assert.equal(e.replyType, "application/x-compress-zlib");
    }
    const sent = decodeRequest(proxy.exchanges[1]!.requestBody).request as InventoryRequest;
    const get = async <T>(path: string) =>
      (await (await fetch(`${server.url}/api/v1${path}`, server.authorized())).json()) as T;
    const list = await get<{ total: number; items: DeviceSummary[] }>("/devices");
    assert.equal(list.total, 1);
    const detail = await get<DeviceDetail>(`/devices/${list.items[0]!.id}`);
    assert.equal(detail.deviceid, sent.deviceId);
    assert.equal(detail.tag, "FUSIONTAG");
    assert.deepEqual(Object.keys(detail.sections).sort(), Object.keys(sent.content).sort());
    for (const [name, value] of Object.entries(sent.content)) {
      assert.deepStrictEqual(detail.sections[name], value, name);
    }
  } finally {
    await proxy.close();
    await server.stop();
  }
});
