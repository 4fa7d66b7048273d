/**
 * End to end with the REAL GLPI agent (`../shared/peers/glpi-agent`, run by Perl with Debian's
 * modules): it reports to our server through a recording proxy, first with the server keeping
 * GLPI agents in OCS mode (`--glpi-protocol ocs`), then, on the same data, with the native
 * protocol (the default). The agent runs with its default settings (zlib compression), so the
 * replies must name their compression for it to read them.
 *
 * Each run: exit 0, the device stored with every category the agent sent (compared with what went
 * over the wire and with the agent's own `glpi-inventory --json` of this host), its TAG, a
 * computer in the registry. Then: a run without `--force` is told to wait when FREQUENCY says so;
 * a TAG changed on the server stays applied; a partial inventory (written by the agent's own
 * `glpi-inventory --partial`) keeps the other categories; the OCS agent on the same machine joins
 * the same computer.
 *
 * The agent and its Perl modules are required (tools/setup.sh installs them): never skipped.
 *
 * @module
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  decodeBody,
  decodeRequest,
  encodeBody,
  glpiContent,
  type InventoryRequest,
  isJsonMessage,
  loadGlpiValidator,
  readGlpiAnswer,
  readGlpiInventory,
  type SimpleValue,
} from "../protocol/mod.ts";
import { syncBatch } from "../server/registry/batch.ts";
import type { DeviceDetail, DeviceSummary } from "../server/store/devices.ts";
import {
  type RecordedExchange,
  startRecordingProxy,
  startTestServer,
  type TestServer,
} from "./_helpers/server.ts";

// Reading a native inventory needs its schema validator, loaded on demand.
await loadGlpiValidator();

const PEER = fileURLToPath(new URL("../../shared/peers/glpi-agent/", import.meta.url));
const AGENT_TIMEOUT_MS = 120_000;
/** Tasks this server does not serve, and that would scan the network or wait for jobs. */
const NO_TASKS = "--no-task=deploy,esx,collect,netdiscovery,netinventory,wakeonlan,remoteinventory";

interface Run {
  code: number;
  log: string;
  exchanges: Exchange[];
}

/** One exchange, its body decoded: a JSON message (native) or an OCS XML request. */
interface Exchange {
  raw: RecordedExchange;
  kind: "PROLOG" | "INVENTORY" | "CONTACT" | "inventory";
  json: Record<string, unknown> | null;
  xml: InventoryRequest | null;
  reply: string;
}

async function perl(script: string, args: string[]): Promise<Deno.CommandOutput> {
  try {
    return await new Deno.Command("perl", {
      args: ["-I", join(PEER, "lib"), join(PEER, "bin", script), ...args],
      cwd: PEER,
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
      signal: AbortSignal.timeout(AGENT_TIMEOUT_MS),
    }).output();
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      throw new Error("perl is missing: tools/setup.sh installs the GLPI agent's dependencies");
    }
    throw error;
  }
}

function decodeExchange(raw: RecordedExchange): Exchange {
  const { xml: bytes } = decodeBody(raw.requestBody);
  const reply = raw.replyBody.length > 0 && raw.status === 200
    ? new TextDecoder().decode(decodeBody(raw.replyBody).xml)
    : new TextDecoder().decode(raw.replyBody);
  if (isJsonMessage(bytes)) {
    const json = JSON.parse(new TextDecoder().decode(bytes));
    return {
      raw,
      kind: json.action === "contact" ? "CONTACT" : "inventory",
      json,
      xml: null,
      reply,
    };
  }
  const { request } = decodeRequest(raw.requestBody);
  return {
    raw,
    kind: request.query as "PROLOG" | "INVENTORY",
    json: null,
    xml: request.query === "INVENTORY" ? request : null,
    reply,
  };
}

const sortedKeys = (value: object) => Object.keys(value).sort();

Deno.test("real GLPI agent 1.12: OCS mode, then the native protocol, on one computer", async (t) => {
  const tmp = await Deno.makeTempDir({ prefix: "inventory-glpi-agent-" });
  const dataDir = join(tmp, "data");
  const vardir = join(tmp, "agent-var");
  await Deno.mkdir(vardir);
  let server: TestServer | undefined;
  let proxy: ReturnType<typeof startRecordingProxy> | undefined;
  try {
    // The agent's own inventory of this host, as JSON: the categories a run sends.
    const own = await perl("glpi-inventory", ["--json"]);
    assert.equal(own.code, 0, new TextDecoder().decode(own.stderr));
    const ownContent = glpiContent(JSON.parse(new TextDecoder().decode(own.stdout)).content);

    const start = async (glpiProtocol: "ocs" | "native") => {
      server = await startTestServer({ frequency: 0, decodeWorkers: 1, glpiProtocol }, {
        dataDir,
      });
      proxy = startRecordingProxy(server.url);
    };
    const stop = async () => {
      await proxy?.close();
      await server?.stop({ keepData: true });
      proxy = undefined;
      server = undefined;
    };
    const srv = () => server!;
    const api = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
      const response = await fetch(
        `${srv().url}/api/v1${path}`,
        srv().authorized({
          method,
          ...(body !== undefined
            ? { body: JSON.stringify(body), headers: { "content-type": "application/json" } }
            : {}),
        }),
      );
      const text = await response.text();
      assert.equal(response.status, 200, `${method} ${path}: ${text}`);
      return JSON.parse(text) as T;
    };
    const devices = () => api<{ total: number; items: DeviceSummary[] }>("GET", "/devices");
    const detail = (id: number) => api<DeviceDetail>("GET", `/devices/${id}`);

    let runs = 0;
    const runAgent = async (...extra: string[]): Promise<Run> => {
      runs++;
      const first = proxy!.exchanges.length;
      const output = await perl("glpi-agent", [
        "--server",
        `${proxy!.url}/ocsinventory`,
        NO_TASKS,
        "--vardir",
        vardir,
        "--logger=stderr",
        "--debug",
        ...extra,
      ]);
      const run: Run = {
        code: output.code,
        log: new TextDecoder().decode(output.stderr),
        exchanges: proxy!.exchanges.slice(first).map(decodeExchange),
      };
      await Deno.writeTextFile(join(tmp, `agent-run-${runs}.log`), run.log);
      return run;
    };
    const diagnose = (run: Run) =>
      [
        `exit ${run.code}`,
        `--- wire ---\n${
          run.exchanges.map((e) =>
            `${e.kind} (${e.raw.requestType}) → ${e.raw.status} ${e.raw.replyType}: ${
              e.reply.slice(0, 300)
            }`
          ).join("\n")
        }`,
        `--- agent log (end) ---\n${run.log.slice(-4000)}`,
        `--- server log ---\n${srv().log.lines.slice(-30).join("\n")}`,
      ].join("\n");

    /** The stored sections equal what the agent sent, read into the OCS model. */
    const assertStoredAsSent = (
      stored: Record<string, SimpleValue>,
      sent: Record<string, unknown>,
    ) => {
      const { ACCOUNTINFO: _s, ...storedRest } = stored;
      const { ACCOUNTINFO: _a, ...sentRest } = sent;
      assert.deepEqual(sortedKeys(storedRest), sortedKeys(sentRest), "stored = sent categories");
      for (const name of Object.keys(sentRest)) {
        assert.deepStrictEqual(storedRest[name], sentRest[name], `section ${name}`);
      }
    };
    /** The categories match the agent's own glpi-inventory run (values differ: another run). */
    const assertOwnCategories = (stored: Record<string, SimpleValue>, ocsMode: boolean) => {
      const names = sortedKeys(stored).filter((n) => n !== "ACCOUNTINFO");
      // In OCS mode the agent leaves the database category out (a host running a database).
      const own = sortedKeys(ownContent).filter((n) => !ocsMode || n !== "DATABASES_SERVICES");
      assert.deepEqual(names, own, "categories vs glpi-inventory --json");
    };
    const computersOf = async () => {
      assert.deepEqual((await syncBatch(srv().server.ctx)).errors, []);
      return api<{ total: number; items: { id: number; name: string }[] }>(
        "GET",
        "/computers",
      );
    };

    let deviceId = 0;
    let deviceid = "";

    await t.step(
      "(a) default settings, OCS mode: PROLOG and XML inventory, zlib replies",
      async () => {
        await start("ocs");
        const run = await runAgent("--force", "--tag", "GLPITAG");
        assert.equal(run.code, 0, diagnose(run));
        assert.deepEqual(
          run.exchanges.map((e) => [e.kind, e.raw.status]),
          [["PROLOG", 200], ["INVENTORY", 200]],
          diagnose(run),
        );
        for (const e of run.exchanges) {
          assert.equal(e.raw.requestType, "application/x-compress-zlib", "the agent's default");
          assert.equal(e.raw.replyType, "application/x-compress-zlib", "the reply names it");
        }
        assert.doesNotMatch(run.log, /can't uncompress/);
        const sent = run.exchanges[1]!.xml!;
        assert.equal(sent.accountInfo.TAG, "GLPITAG");
        const list = await devices();
        assert.equal(list.total, 1, diagnose(run));
        deviceId = list.items[0]!.id;
        deviceid = list.items[0]!.deviceid;
        assert.equal(deviceid, sent.deviceId);
        const stored = await detail(deviceId);
        assert.equal(stored.tag, "GLPITAG");
        assert.match(stored.userAgent, /^GLPI-Agent_v1\.12/);
        assertStoredAsSent(stored.sections, sent.content);
        assertOwnCategories(stored.sections, true);
        assert.equal((await computersOf()).total, 1, "a computer in the registry");
        await stop();
      },
    );

    await t.step("(b) native: PROLOG → CONTACT → JSON inventory, the same device", async () => {
      await start("native");
      const before = await detail(deviceId);
      const run = await runAgent("--force", "--tag", "GLPITAG");
      assert.equal(run.code, 0, diagnose(run));
      assert.deepEqual(
        run.exchanges.map((e) => [e.kind, e.raw.status]),
        [["PROLOG", 200], ["CONTACT", 200], ["inventory", 200]],
        diagnose(run),
      );
      const [prolog, contact, inventory] = run.exchanges as [Exchange, Exchange, Exchange];
      assert.equal(JSON.parse(prolog.reply).status, "pending", "the switch to native");
      assert.match(run.log, /answer shows it supports GLPI Agent protocol/);
      const contactAnswer = readGlpiAnswer(contact.reply);
      assert.equal(contactAnswer.status, "ok");
      assert.equal(contactAnswer.expirationSeconds, 24 * 3600, "PROLOG_FREQ");
      assert.ok(!contactAnswer.disabled?.includes("inventory"), "inventory is due");
      assert.equal(inventory.raw.replyType, "application/x-compress-zlib");
      assert.equal(readGlpiAnswer(inventory.reply).status, "ok");
      const message = inventory.json!;
      assert.equal(message.deviceid, deviceid, "the agent keeps its deviceid");
      assert.equal(message.tag, "GLPITAG");

      const list = await devices();
      assert.equal(list.total, 1, "one machine, one device, whatever the protocol");
      const stored = await detail(deviceId);
      assert.equal(stored.inventories, before.inventories + 1);
      assert.equal(stored.tag, "GLPITAG");
      const sent = readGlpiInventory(deviceid, message);
      assertStoredAsSent(stored.sections, sent.content);
      assertOwnCategories(stored.sections, false);
      // The same names as in OCS mode (what the registry reads), field for field.
      for (const name of ["CPUS", "NETWORKS", "STORAGES", "SOFTWARES", "HARDWARE"]) {
        const fields = (v: unknown) =>
          [...new Set((Array.isArray(v) ? v : [v]).flatMap((e) => Object.keys(e ?? {})))].sort();
        assert.deepEqual(fields(stored.sections[name]), fields(before.sections[name]), name);
      }
      assert.equal((await computersOf()).total, 1, "still one computer");
    });

    await t.step(
      "not due (device FREQUENCY 30 days): CONTACT says wait, nothing stored",
      async () => {
        await api("PATCH", `/devices/${deviceId}`, { frequency: 30 });
        const before = await detail(deviceId);
        const run = await runAgent();
        assert.equal(run.code, 0, diagnose(run));
        // With no task left to run, the agent still sends the legacy PROLOG (for GLPI's
        // glpiinventory plugin, without its agent id): it gets the same decision, STOP.
        const kinds = run.exchanges.map((e) => e.kind);
        assert.equal(kinds[0], "CONTACT", diagnose(run));
        assert.ok(kinds.every((k) => k === "CONTACT" || k === "PROLOG"), diagnose(run));
        for (const e of run.exchanges.slice(1)) {
          assert.match(e.reply, /<RESPONSE>STOP</, diagnose(run));
        }
        const answer = readGlpiAnswer(run.exchanges[0]!.reply);
        assert.deepEqual(answer.disabled?.includes("inventory"), true);
        assert.match(answer.message ?? "", /not due/);
        assert.match(run.log, /server message: inventory not due/);
        assert.doesNotMatch(run.log, /New inventory from/);
        const after = await detail(deviceId);
        assert.equal(after.inventories, before.inventories);
        assert.equal(after.contacts, before.contacts + run.exchanges.length);
      },
    );

    await t.step("a TAG changed on the server is applied, --force still inventories", async () => {
      await api("PATCH", `/devices/${deviceId}`, { tag: "SERVERTAG" });
      const before = await detail(deviceId);
      const run = await runAgent("--force", "--tag", "GLPITAG");
      assert.equal(run.code, 0, diagnose(run));
      assert.deepEqual(run.exchanges.map((e) => e.kind), ["CONTACT", "inventory"], diagnose(run));
      const after = await detail(deviceId);
      assert.equal(after.inventories, before.inventories + 1);
      assert.equal(after.tag, "SERVERTAG", "the server's TAG stays in force");
      assert.deepEqual(after.sections.ACCOUNTINFO, [{ KEYNAME: "TAG", KEYVALUE: "SERVERTAG" }]);
    });

    await t.step(
      "a partial inventory from the agent keeps the categories it does not carry",
      async () => {
        // The agent sends partial inventories on events; its glpi-inventory writes the same
        // document for a category. Posted as the agent posts (zlib, its headers).
        const partial = await perl("glpi-inventory", ["--partial=cpu"]);
        assert.equal(partial.code, 0, new TextDecoder().decode(partial.stderr));
        const message = JSON.parse(new TextDecoder().decode(partial.stdout));
        assert.equal(message.partial, true);
        message.deviceid = deviceid; // this host, as the agent's own state names it
        const before = await detail(deviceId);
        const response = await fetch(`${srv().url}/ocsinventory`, {
          method: "POST",
          headers: {
            "content-type": "application/x-compress-zlib",
            "user-agent": "GLPI-Agent_v1.12-dev",
            "glpi-agent-id": "3a9f2c56-9e0f-4b7c-8b8e-1d2c3b4a5f60",
          },
          body: encodeBody(JSON.stringify(message), "zlib"),
        });
        const answer = new TextDecoder().decode(
          decodeBody(new Uint8Array(await response.arrayBuffer())).xml,
        );
        assert.equal(response.status, 200, answer);
        const after = await detail(deviceId);
        assert.equal(after.inventories, before.inventories + 1);
        const sent = readGlpiInventory(deviceid, message).content;
        for (const name of Object.keys(sent)) {
          assert.deepStrictEqual(after.sections[name], sent[name], `${name} as sent`);
        }
        for (const name of Object.keys(before.sections)) {
          if (!(name in sent) && name !== "ACCOUNTINFO") {
            assert.deepStrictEqual(after.sections[name], before.sections[name], `${name} kept`);
          }
        }
        assert.equal(after.tag, "SERVERTAG");
      },
    );

    await t.step("the OCS agent on the same machine joins the same computer", async () => {
      const run = await new Deno.Command("ocsinventory-agent", {
        args: [
          "--nolocal",
          `--server=${proxy!.url}/ocsinventory`,
          `--basevardir=${join(tmp, "ocs-var")}`,
          "--force",
          `--logfile=${join(tmp, "ocs-agent.log")}`,
        ],
        stdin: "null",
        stdout: "piped",
        stderr: "piped",
        signal: AbortSignal.timeout(AGENT_TIMEOUT_MS),
      }).output();
      assert.equal(run.code, 0, new TextDecoder().decode(run.stderr));
      assert.equal((await devices()).total, 2, "two agents, two devices");
      const computers = await computersOf();
      assert.equal(computers.total, 1, "one machine, one computer");
      const computer = await api<{ links: { deviceid: string }[] }>(
        "GET",
        `/computers/${computers.items[0]!.id}`,
      );
      assert.equal(computer.links.length, 2, JSON.stringify(computer.links));
    });
  } finally {
    await proxy?.close();
    await server?.stop();
    await Deno.remove(tmp, { recursive: true }).catch(() => {});
  }
});
