/**
 * End to end with the REAL Debian OCS Unix agent (`ocsinventory-agent` 2.10): the agent runs
 * against our server, started in-process on a temporary data directory, through a recording
 * proxy so the test sees exactly what the agent sent and what it was answered.
 *
 * Five agent runs in all (1.5–3 s each): one `--local` run for an independent copy of the
 * inventory, then four server runs: `--force` (new device), PROLOG+SEND, PROLOG+STOP, `--force`
 * after a server-side TAG change.
 *
 * The agent is required: when it is missing the test fails (CI installs it), it never skips.
 *
 * @module
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import {
  decodeReply,
  decodeRequest,
  decodeXmlText,
  type InventoryRequest,
  type OcsRequest,
  parseXml,
  readInventoryReply,
  readPrologReply,
  sectionSpec,
  type SimpleObject,
  type SimpleValue,
  simpleValue,
  textOf,
  type XmlElement,
} from "../protocol/mod.ts";
import type { DeviceDetail, DeviceSummary } from "../server/store/devices.ts";
import {
  type RecordedExchange,
  type RecordingProxy,
  startRecordingProxy,
  startTestServer,
  type TestServer,
} from "./_helpers/server.ts";

/** The agent binary; `OCS_AGENT` may point elsewhere. */
const AGENT = Deno.env.get("OCS_AGENT") ?? "ocsinventory-agent";
/** Per run; a normal run takes 1.5–3 s. */
const AGENT_TIMEOUT_MS = 90_000;

interface AgentRun {
  args: string[];
  code: number;
  stdout: string;
  stderr: string;
  /** The agent's `--logfile`. */
  log: string;
  ms: number;
  /** What went over the wire during this run, in order. */
  exchanges: DecodedExchange[];
}

interface DecodedExchange {
  raw: RecordedExchange;
  request: OcsRequest;
  /** The request XML after decompression, exactly as the agent wrote it. */
  requestXml: string;
  /** The reply's root element, or null for an empty body. */
  reply: XmlElement | null;
}

/** Section name → how many non-empty entries, and the names that were only ever empty. */
interface SectionCensus {
  counts: Map<string, number>;
  emptyOnly: Set<string>;
}

Deno.test("real ocsinventory-agent 2.10 against our server: store, PROLOG, STOP, TAG push-back", async (t) => {
  const tmp = await Deno.makeTempDir({ prefix: "inventory-real-agent-" });
  let server: TestServer | undefined;
  let proxy: RecordingProxy | undefined;
  let runNumber = 0;
  let serverLogMark = 0;
  try {
    server = await startTestServer({ frequency: 0, decodeWorkers: 1 }, {
      dataDir: join(tmp, "data"),
    });
    const srv = server;
    assert.match(
      srv.url,
      /^http:\/\/127\.0\.0\.1:[1-9]\d*$/,
      "startServer's url has the real port",
    );
    proxy = startRecordingProxy(srv.url);
    const px = proxy;
    const ocsUrl = `${px.url}/ocsinventory`;
    const basevardir = join(tmp, "agent-var");
    // The agent names its state folder after the server URL, "/" → "_".
    const stateDir = join(basevardir, ocsUrl.replaceAll("/", "_"));

    const runAgent = async (args: string[]): Promise<AgentRun> => {
      runNumber++;
      const logfile = join(tmp, `agent-run-${runNumber}.log`);
      const first = px.exchanges.length;
      const fullArgs = [...args, `--logfile=${logfile}`];
      const started = performance.now();
      let output: Deno.CommandOutput;
      try {
        output = await new Deno.Command(AGENT, {
          args: fullArgs,
          stdin: "null",
          stdout: "piped",
          stderr: "piped",
          signal: AbortSignal.timeout(AGENT_TIMEOUT_MS),
        }).output();
      } catch (error) {
        if (error instanceof Deno.errors.NotFound) {
          throw new Error(
            `"${AGENT}" is not installed: this end-to-end test needs the real OCS Unix agent ` +
              "(Debian: apt-get install ocsinventory-agent). It does not skip.",
          );
        }
        throw error;
      }
      const ms = Math.round(performance.now() - started);
      const log = await Deno.readTextFile(logfile).catch(() => "");
      const run: AgentRun = {
        args: fullArgs,
        code: output.code,
        stdout: new TextDecoder().decode(output.stdout),
        stderr: new TextDecoder().decode(output.stderr),
        log,
        ms,
        exchanges: px.exchanges.slice(first).map(decodeExchange),
      };
      if (output.signal !== null) {
        assert.fail(
          `agent killed by ${output.signal} (timeout ${AGENT_TIMEOUT_MS} ms?)\n${diagnose(run)}`,
        );
      }
      return run;
    };

    /** The agent run's output plus the server's log lines since the last call. */
    const diagnose = (run: AgentRun) => {
      const lines = srv.log.lines.slice(serverLogMark);
      return [
        `$ ${AGENT} ${run.args.join(" ")}  (exit ${run.code}, ${run.ms} ms)`,
        `--- stdout ---\n${run.stdout}`,
        `--- stderr ---\n${run.stderr}`,
        `--- agent log ---\n${run.log}`,
        `--- wire ---\n${
          run.exchanges.map((e) => `${e.request.query} → HTTP ${e.raw.status}`).join("\n")
        }`,
        `--- server log ---\n${lines.join("\n")}`,
      ].join("\n");
    };

    const api = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
      const response = await fetch(
        `${srv.url}/api/v1${path}`,
        srv.authorized({
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
    const listDevices = () => api<{ total: number; items: DeviceSummary[] }>("GET", "/devices");
    const detail = (id: number) => api<DeviceDetail>("GET", `/devices/${id}`);
    const storedPayloadXml = async (id: number) => {
      const response = await fetch(
        `${srv.url}/api/v1/devices/${id}/inventory.xml`,
        srv.authorized(),
      );
      const bytes = new Uint8Array(await response.arrayBuffer());
      assert.equal(response.status, 200, new TextDecoder().decode(bytes));
      return decodeXmlText(bytes);
    };
    const readAdmTags = async () => {
      const adm = await Deno.readTextFile(join(stateDir, "ocsinv.adm"));
      const info: Record<string, string> = {};
      for (const entry of parseXml(adm).children ?? []) {
        if (entry.name !== "ACCOUNTINFO") continue;
        const key = textOf(entry, "KEYNAME");
        if (key !== undefined) info[key] = textOf(entry, "KEYVALUE") ?? "";
      }
      return { adm, info };
    };
    const serverArgs = (...extra: string[]) => [
      "--nolocal",
      `--server=${ocsUrl}`,
      `--basevardir=${basevardir}`,
      ...extra,
    ];
    const step = async (name: string, fn: () => Promise<void>) => {
      const ok = await t.step(name, fn);
      serverLogMark = srv.log.lines.length;
      if (!ok) throw new Error(`step failed: ${name} (later steps depend on it)`);
    };

    let localRun: AgentRun | undefined;
    let localXml = "";
    let deviceId = 0;
    let deviceid = "";
    let afterFirst: DeviceDetail | undefined;
    let afterSecond: DeviceDetail | undefined;

    // An independent copy of the inventory: the same agent writing to a folder instead of posting.
    await step("--local run writes <DEVICEID>.ocs (plain XML)", async () => {
      const localDir = join(tmp, "local-out");
      await Deno.mkdir(localDir);
      localRun = await runAgent([
        `--local=${localDir}`,
        `--basevardir=${join(tmp, "agent-var-local")}`,
        "--tag=E2ETAG",
      ]);
      assert.equal(localRun.code, 0, diagnose(localRun));
      assert.equal(localRun.exchanges.length, 0, "a --local run contacts no server");
      const files = [...Deno.readDirSync(localDir)].map((e) => e.name);
      assert.equal(files.length, 1, `one .ocs file expected, got ${files.join(", ")}`);
      assert.match(files[0]!, /^.+-\d{4}(-\d{2}){5}\.ocs$/);
      localXml = await Deno.readTextFile(join(localDir, files[0]!));
    });

    await step("1. --force --tag=E2ETAG: exit 0, one new device with TAG E2ETAG", async () => {
      const run = await runAgent(serverArgs("--force", "--tag=E2ETAG"));
      assert.equal(run.code, 0, diagnose(run));
      assert.deepEqual(
        run.exchanges.map((e) => [e.request.query, e.raw.status]),
        [["INVENTORY", 200]],
        `--force skips the PROLOG\n${diagnose(run)}`,
      );
      assert.match(run.exchanges[0]!.raw.userAgent, /^OCS-NG_unified_unix_agent_v2\.10/);
      assert.equal(
        run.exchanges[0]!.raw.replyType,
        "application/x-compressed",
        "what the OCS server always answers OCS agents",
      );
      const sent = run.exchanges[0]!.request as InventoryRequest;
      assert.equal(sent.accountInfo.TAG, "E2ETAG", "the agent sent its --tag");
      assert.equal(readInventoryReply(run.exchanges[0]!.reply!).accountUpdate, null);

      const list = await listDevices();
      assert.equal(list.total, 1, diagnose(run));
      const summary = list.items[0]!;
      assert.equal(summary.deviceid, sent.deviceId);
      assert.equal(summary.tag, "E2ETAG");
      deviceId = summary.id;
      deviceid = summary.deviceid;
      afterFirst = await detail(deviceId);
      assert.equal(afterFirst.tag, "E2ETAG");
      assert.deepEqual(afterFirst.accountInfo, { TAG: "E2ETAG" });
      assert.equal(afterFirst.inventories, 1);
      assert.equal(afterFirst.userAgent, run.exchanges[0]!.raw.userAgent);

      // The agent's own state agrees on who it is.
      const conf = parseXml(await Deno.readTextFile(join(stateDir, "ocsinv.conf")));
      assert.equal(textOf(conf, "DEVICEID"), deviceid, "ocsinv.conf holds the stored DEVICEID");
      await Deno.stat(join(stateDir, "last_state")); // saved only after a valid reply
    });

    await step("2. every section and entry the agent sent is stored, field by field", async () => {
      const sentXml = await storedPayloadXml(deviceId);
      // The stored raw payload is byte for byte what went over the wire.
      const wire = await lastInventoryXml(px);
      assert.equal(sentXml, wire, "GET inventory.xml returns exactly the body the agent posted");
      const sent = readInventoryRequest(sentXml);
      const stored = afterFirst!.sections;

      // Names and counts, from the raw element tree (independent of readContent).
      const census = censusOf(contentElement(sentXml));
      assert.ok(census.counts.size >= 5, `a real inventory has sections: ${[...census.counts]}`);
      assert.deepEqual(
        Object.keys(stored).sort(),
        [...census.counts.keys()].sort(),
        "stored sections = the non-empty sections sent",
      );
      for (const name of census.emptyOnly) {
        assert.ok(!(name in stored), `${name} was sent empty and must be absent (XML::Simple)`);
      }
      assert.deepEqual(storedCounts(stored), census.counts, "entries per section");
      for (const [name, value] of Object.entries(stored)) {
        const spec = sectionSpec(name);
        if (!spec || spec.multi) assert.ok(Array.isArray(value), `${name} is stored as a list`);
      }
      // Field by field.
      for (const name of Object.keys(stored)) {
        assert.deepStrictEqual(stored[name], sent.content[name], `section ${name}`);
      }
      // The device summary reflects HARDWARE.
      const hardware = stored.HARDWARE as SimpleObject;
      assert.equal(afterFirst!.name, hardware.NAME);
      assert.equal(afterFirst!.osName, hardware.OSNAME);
      assert.equal(deviceid.split("-")[0], hardware.NAME, "DEVICEID starts with the host name");

      // The independent --local run: same sections, same entry counts, same key values.
      const local = censusOf(contentElement(localXml));
      const withoutDownload = (names: Iterable<string>) =>
        [...names].filter((n) => n !== "DOWNLOAD").sort(); // the Download module is off locally
      assert.deepEqual(
        withoutDownload(Object.keys(stored)),
        withoutDownload(local.counts.keys()),
        "same sections as the --local run",
      );
      for (const name of withoutDownload(local.counts.keys())) {
        assert.equal(
          storedCounts(stored).get(name),
          local.counts.get(name),
          `${name}: entries vs --local`,
        );
      }
      const localContent: Record<string, unknown> = readInventoryRequest(localXml).content;
      const localHardware = localContent.HARDWARE as SimpleObject;
      for (
        const key of [
          "NAME",
          "OSNAME",
          "OSVERSION",
          "OSCOMMENTS",
          "MEMORY",
          "SWAP",
          "PROCESSORT",
          "PROCESSORN",
          "WORKGROUP",
        ]
      ) {
        assert.equal(hardware[key], localHardware[key], `HARDWARE/${key} vs --local`);
      }
      assert.ok(typeof hardware.OSNAME === "string" && hardware.OSNAME !== "");
      assert.ok(typeof hardware.MEMORY === "string" && Number(hardware.MEMORY) > 0);
      const fieldValues = (value: unknown, field: string) =>
        listOf(value).map((e) => String((e as SimpleObject)[field] ?? "")).sort();
      assert.deepEqual(
        fieldValues(stored.NETWORKS, "MACADDR"),
        fieldValues(localContent.NETWORKS, "MACADDR"),
        "MAC addresses vs --local",
      );
      assert.deepEqual(
        fieldValues(stored.DRIVES, "TYPE"),
        fieldValues(localContent.DRIVES, "TYPE"),
        "mount points vs --local",
      );
      const packages = (value: unknown) =>
        listOf(value).map((e) => {
          const s = e as SimpleObject;
          return `${s.NAME ?? ""} ${s.VERSION ?? ""}`;
        }).sort();
      assert.deepEqual(
        packages(stored.SOFTWARES),
        packages(localContent.SOFTWARES),
        "software vs --local",
      );
      assert.deepEqual(
        (localContent.ACCOUNTINFO as SimpleObject[] | undefined)?.map((e) => e.KEYVALUE),
        ["E2ETAG"],
      );
    });

    await step("3. a run without --force (PROLOG → SEND) updates the same device", async () => {
      const run = await runAgent(serverArgs());
      assert.equal(run.code, 0, diagnose(run));
      assert.deepEqual(
        run.exchanges.map((e) => [e.request.query, e.raw.status]),
        [["PROLOG", 200], ["INVENTORY", 200]],
        diagnose(run),
      );
      assert.equal(run.exchanges[0]!.request.deviceId, deviceid);
      assert.equal(readPrologReply(run.exchanges[0]!.reply!).response, "SEND");
      assert.equal(run.exchanges[1]!.request.deviceId, deviceid, "the agent kept its DEVICEID");

      const list = await listDevices();
      assert.equal(list.total, 1, "still one device");
      assert.equal(list.items[0]!.id, deviceId);
      afterSecond = await detail(deviceId);
      assert.equal(afterSecond.inventories, afterFirst!.inventories + 1);
      assert.equal(afterSecond.contacts, afterFirst!.contacts + 2, "PROLOG and INVENTORY count");
      assert.ok(afterSecond.lastDate! > afterFirst!.lastDate!, "lastDate moved on");
      assert.equal(afterSecond.firstSeen, afterFirst!.firstSeen);
      assert.equal(afterSecond.tag, "E2ETAG");

      // What this run sent is stored; sections it did not send are kept.
      const sentXml = await storedPayloadXml(deviceId);
      assert.equal(sentXml, run.exchanges[1]!.requestXml);
      const sent = readInventoryRequest(sentXml);
      for (const [name, value] of Object.entries(sent.content)) {
        assert.deepStrictEqual(afterSecond.sections[name], value, `section ${name}`);
      }
      for (const name of Object.keys(afterSecond.sections)) {
        if (!(name in sent.content)) {
          assert.deepStrictEqual(afterSecond.sections[name], afterFirst!.sections[name]);
        }
      }
      // Without --tag the agent reports what ocsinv.adm holds; if that differed from the server's
      // TAG, the server pushed its TAG back and the agent wrote it down.
      const reply = readInventoryReply(run.exchanges[1]!.reply!);
      if (sent.accountInfo.TAG !== "E2ETAG") {
        assert.deepEqual(reply.accountUpdate, { TAG: "E2ETAG" }, "server TAG pushed back");
        assert.equal((await readAdmTags()).info.TAG, "E2ETAG");
      } else {
        assert.equal(reply.accountUpdate, null);
      }
    });

    await step("4. not due (device frequency 30 days): PROLOG → STOP, nothing stored", async () => {
      const patched = await api<DeviceDetail>("PATCH", `/devices/${deviceId}`, { frequency: 30 });
      assert.equal(patched.overrides.frequency, 30);
      const run = await runAgent(serverArgs());
      assert.equal(run.code, 0, diagnose(run));
      assert.deepEqual(
        run.exchanges.map((e) => [e.request.query, e.raw.status]),
        [["PROLOG", 200]],
        `STOP: no inventory posted\n${diagnose(run)}`,
      );
      assert.equal(readPrologReply(run.exchanges[0]!.reply!).response, "STOP");

      const after = await detail(deviceId);
      assert.equal(after.inventories, afterSecond!.inventories, "no new inventory");
      assert.equal(after.lastDate, afterSecond!.lastDate, "lastDate unchanged");
      assert.equal(after.contacts, afterSecond!.contacts + 1, "the PROLOG counts as a contact");
      assert.ok(after.lastCome > afterSecond!.lastCome);
      assert.deepStrictEqual(after.sections, afterSecond!.sections);
      const lines = srv.log.lines.slice(serverLogMark);
      assert.ok(
        lines.some((l) =>
          /\bINFO\s+prolog\b/.test(l) && l.includes(`deviceid=${deviceid}`) &&
          l.includes("STOP (not due)")
        ),
        `server log shows the STOP:\n${lines.join("\n")}`,
      );
      assert.ok(!lines.some((l) => /\bINFO\s+inventory\b/.test(l)), "no inventory logged");
    });

    await step(
      "5. a TAG changed on the server reaches ocsinv.adm; the server TAG wins",
      async () => {
        const patched = await api<DeviceDetail>("PATCH", `/devices/${deviceId}`, {
          tag: "SERVERTAG",
        });
        assert.equal(patched.tag, "SERVERTAG");
        const run = await runAgent(serverArgs("--force", "--tag=E2ETAG"));
        assert.equal(run.code, 0, diagnose(run));
        assert.deepEqual(
          run.exchanges.map((e) => [e.request.query, e.raw.status]),
          [["INVENTORY", 200]],
          diagnose(run),
        );
        const sent = run.exchanges[0]!.request as InventoryRequest;
        assert.equal(sent.accountInfo.TAG, "E2ETAG", "--tag overrides ocsinv.adm on every run");
        assert.deepEqual(
          readInventoryReply(run.exchanges[0]!.reply!).accountUpdate,
          { TAG: "SERVERTAG" },
          "ACCOUNT_UPDATE carries the server's TAG",
        );

        const { adm, info } = await readAdmTags();
        assert.equal(info.TAG, "SERVERTAG", `ocsinv.adm:\n${adm}`);

        const after = await detail(deviceId);
        assert.equal(after.tag, "SERVERTAG", "the server TAG stays authoritative");
        assert.deepEqual(after.accountInfo, { TAG: "SERVERTAG" });
        assert.deepEqual(
          after.sections.ACCOUNTINFO,
          [{ KEYNAME: "TAG", KEYVALUE: "SERVERTAG" }],
          "the stored ACCOUNTINFO section shows the account info in force, not the agent's claim",
        );
        assert.equal(after.inventories, afterSecond!.inventories + 1);
        assert.equal((await listDevices()).total, 1);
        const lines = srv.log.lines.slice(serverLogMark);
        assert.ok(lines.some((l) => l.includes("ACCOUNT_UPDATE sent")), lines.join("\n"));
      },
    );
  } finally {
    await proxy?.close();
    await server?.stop();
    await Deno.remove(tmp, { recursive: true }).catch(() => {});
  }
});

function decodeExchange(raw: RecordedExchange): DecodedExchange {
  const { request, xml } = decodeRequest(raw.requestBody);
  return {
    raw,
    request,
    requestXml: decodeXmlText(xml),
    reply: raw.status === 200 && raw.replyBody.length > 0 ? decodeReply(raw.replyBody) : null,
  };
}

/** The XML of the last INVENTORY the proxy saw. */
function lastInventoryXml(proxy: RecordingProxy): string {
  const last = proxy.exchanges.map(decodeExchange).filter((e) => e.request.query === "INVENTORY")
    .at(-1);
  assert.ok(last, "an INVENTORY went over the wire");
  return last.requestXml;
}

function readInventoryRequest(xml: string): InventoryRequest {
  const { request } = decodeRequest(new TextEncoder().encode(xml));
  assert.equal(request.query, "INVENTORY");
  return request as InventoryRequest;
}

function contentElement(xml: string): XmlElement {
  const content = parseXml(xml).children?.find((c) => c.name === "CONTENT");
  assert.ok(content, "REQUEST has a CONTENT");
  return content;
}

/** Counts CONTENT's children by name; an element with nothing in it counts as absent. */
function censusOf(content: XmlElement): SectionCensus {
  const counts = new Map<string, number>();
  const empty = new Set<string>();
  for (const child of content.children ?? []) {
    if (simpleValue(child) === undefined) empty.add(child.name);
    else counts.set(child.name, (counts.get(child.name) ?? 0) + 1);
  }
  return {
    counts: new Map([...counts].sort(([a], [b]) => a.localeCompare(b))),
    emptyOnly: new Set([...empty].filter((n) => !counts.has(n))),
  };
}

function storedCounts(sections: Record<string, SimpleValue>): Map<string, number> {
  return new Map(
    Object.entries(sections).map(([name, v]) => [name, Array.isArray(v) ? v.length : 1] as const)
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

function listOf(value: unknown): unknown[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}
