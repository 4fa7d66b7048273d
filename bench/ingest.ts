/**
 * Ingestion benchmark: 2,000 distinct devices built from the full Unix-agent inventory each do
 * the agent's exchange (PROLOG → SEND → INVENTORY → REPLY) against the server running as a
 * separate process, 16 at a time over loopback; then the same devices re-inventory (a real
 * re-run: same content, new free space and CHECKSUM). Prints throughput, latencies, the
 * server's peak RSS and CPU per thread, PASS/FAIL against the issue's targets (informative only),
 * and a JSON line.
 *
 * With `--format json` the same devices speak the GLPI agent's native protocol instead (CONTACT →
 * JSON inventory, `ingest_native.ts`); `deno task bench` runs both, one after the other.
 *
 *   deno run -A bench/ingest.ts [--devices 2000] [--concurrency 16] [--durability full|normal]
 *                               [--decode-workers N] [--scheduler | --no-scheduler]
 *                               [--client socket|fetch]
 *                               [--v8-flags F,…] [--prof] [--keep] [--format xml|json]
 *
 * By default the server runs as users run it (registry on: each pass waits until every device is
 * in the registry and reports acknowledged → in the registry per device), then again with
 * `--no-scheduler` (ingestion alone), and the ratios of the two are printed against issue 14's
 * targets. `--scheduler` or `--no-scheduler` runs that server alone.
 *
 * @module
 */

import { parseArgs } from "node:util";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import {
  decodeBody,
  decodeReply,
  encodeBody,
  readInventoryReply,
  readPrologReply,
  writePrologRequest,
} from "../protocol/mod.ts";
import {
  cpuDelta,
  formatTable,
  type LatencyStats,
  latencyStats,
  machineCpuSeconds,
  peakRssMb,
  processCpuSeconds,
  procStatusKb,
  startServerProcess,
  threadCpuSeconds,
  verdict,
} from "./_util.ts";
import { type ClientKind, createPoster, type Poster } from "./http_client.ts";
import { type RegistryLatency, RegistryWatch } from "./registry_watch.ts";
import { cliAdminToken } from "../tests/_helpers/auth.ts";
import { delayQuantile, type EventLoopSnapshot } from "../server/event_loop.ts";
import {
  buildNativeDevices,
  contactProblem,
  inventoryProblem,
  NATIVE_FIXTURE,
  NATIVE_HEADERS,
} from "./ingest_native.ts";

export const FIXTURE = new URL(
  "../../shared/fixtures/ocs/unixagent-2.10-debian12-full.xml",
  import.meta.url,
);

const USER_AGENT = "OCS-NG_unified_unix_agent_v2.10.0";

/** The issue's targets. Informative: a miss is printed, never a failure. */
export const TARGETS = {
  firstPerSecond: 250,
  firstP99Ms: 150,
  peakRssMb: 300,
  reinventorySpeedup: 2,
} as const;

/** Options of {@link benchIngest}. */
export interface IngestOptions {
  devices?: number;
  concurrency?: number;
  durability?: "full" | "normal";
  /** 0: the server's default (one per CPU core). */
  decodeWorkers?: number;
  /**
   * Run the server as users do, with its automatic actions (the registry sync new devices
   * trigger); false: `--no-scheduler`, ingestion alone. @default true
   */
  scheduler?: boolean;
  /**
   * The load generator's HTTP client (`http_client.ts`). The bare HTTP/1.1 client by default:
   * the load generator shares the two cores with the server, and real agents run elsewhere, so
   * the lighter client measures the server rather than Deno's `fetch()`. @default "socket"
   */
  client?: ClientKind;
  /** Run the server with V8's sampling profiler; the isolate logs stay in the data dir. */
  prof?: boolean;
  /** Extra V8 flags for the server process (comma-separated, as `--v8-flags=` takes them). */
  v8Flags?: string;
  /** Keep the data directory (database, server log, profiles) instead of deleting it. */
  keep?: boolean;
  /** Print progress and the summary (default true). */
  print?: boolean;
  /**
   * `xml`: the OCS Unix agent's exchange (PROLOG, XML inventory); `json`: the GLPI agent's
   * native one (CONTACT, JSON inventory), on the same device identities. @default "xml"
   */
  format?: "xml" | "json";
}

/** The figures of one pass. */
export interface PassResult {
  inventories: number;
  wallMs: number;
  perSecond: number;
  /** The INVENTORY request alone. */
  inventory: LatencyStats;
  /** PROLOG + INVENTORY, as the agent lives it. */
  exchange: LatencyStats;
  prolog: LatencyStats;
  /** Server CPU seconds during the pass, per thread name ("main" = the JS main thread). */
  serverCpu: Record<string, number>;
  serverCpuTotal: number;
  /** CPU seconds of this (client) process during the pass. */
  clientCpu: number;
  /** CPU seconds of every other process on the machine during the pass (noise indicator). */
  otherProcessesCpu: number;
  /** Machine-wide iowait seconds during the pass (all cores). */
  iowait: number;
  non200: number;
  failures: string[];
  /** With the registry on: acknowledged → in the registry, and the CPU until it caught up. */
  registry?: RegistryLatency & { serverCpuTotal: number; cpuPerDeviceMs: number };
  /** The server's event-loop delay over the pass (and the registry's catch-up). */
  eventLoop?: { p50Ms: number; p99Ms: number; maxMs: number };
}

/** Everything the benchmark measured. */
export interface IngestResult {
  bench: "ingest";
  format: "xml" | "json";
  /** When the run ended (ISO) and on which Deno. */
  at: string;
  deno: string;
  devices: number;
  concurrency: number;
  durability: "full" | "normal";
  decodeWorkers: number | "default";
  /** Whether the server ran its scheduler (the registry sync among others) during the passes. */
  scheduler: boolean;
  client: ClientKind;
  bodyBytes: { xml: number; zlib: number };
  first: PassResult;
  second: PassResult;
  /** second.perSecond / first.perSecond */
  speedup: number;
  serverPeakRssMb: number;
  serverPeakRssAfterFirstMb: number;
  serverRssEndMb: number;
  /** RSS of the idle server just after it started listening. */
  serverRssStartMb: number;
  databaseMb: number;
  /** Devices in the server's database at the end (read from the file once the server stopped). */
  storedDevices: number;
  correct: boolean;
  targets: Record<string, { value: number; target: string; pass: boolean }>;
}

/** The per-device values substituted into the fixture. */
export function deviceValues(i: number) {
  const hex = i.toString(16).padStart(4, "0");
  const pad = String(i).padStart(5, "0");
  return {
    deviceId: `bench${i}-2026-11-21-00-00-00`,
    name: `bench${i}`,
    serial: `BENCH-SN-${pad}`,
    uuid: `5eb7c000-0000-4000-8000-${i.toString(16).padStart(12, "0")}`,
    macs: [1, 2, 3].map((n) => `02:be:${hex.slice(0, 2)}:${hex.slice(2)}:00:0${n}`),
  };
}

/**
 * The fixture as a template: per-device fields become placeholders, a BIOS serial and a
 * HARDWARE UUID are added (the fixture, from a VM, has neither).
 */
export function inventoryTemplate(xml: string): string {
  const replaceOnce = (text: string, from: string | RegExp, to: string) => {
    const out = text.replace(from, to);
    if (out === text) throw new Error(`Fixture changed: "${from}" not found`);
    return out;
  };
  let t = xml;
  t = replaceOnce(t, /<DEVICEID>[^<]+<\/DEVICEID>/, "<DEVICEID>@DEVICEID@</DEVICEID>");
  t = replaceOnce(
    t,
    /<BIOS>\s*<\/BIOS>/,
    "<BIOS>\n      <SMANUFACTURER>QEMU</SMANUFACTURER>\n      <SMODEL>Standard PC (Q35 + ICH9, 2009)</SMODEL>\n      <SSN>@SSN@</SSN>\n    </BIOS>",
  );
  t = replaceOnce(t, /(<HARDWARE>[\s\S]*?)<NAME>vm<\/NAME>/, "$1<NAME>@NAME@</NAME>");
  t = replaceOnce(t, /(<HARDWARE>[\s\S]*?)(\s*)<VMSYSTEM>/, "$1$2<UUID>@UUID@</UUID>$2<VMSYSTEM>");
  t = replaceOnce(
    t,
    /(<HARDWARE>\s*)<CHECKSUM>\d+<\/CHECKSUM>/,
    "$1<CHECKSUM>@CHECKSUM@</CHECKSUM>",
  );
  t = replaceOnce(t, /(<DRIVES>[\s\S]*?)<FREE>\d+<\/FREE>/, "$1<FREE>@FREE@</FREE>");
  const macs = [...new Set([...t.matchAll(/<MACADDR>([^<]+)<\/MACADDR>/g)].map((m) => m[1]!))];
  if (macs.length !== 3) throw new Error(`Fixture changed: ${macs.length} distinct MACs, not 3`);
  macs.forEach((mac, n) => {
    t = t.replaceAll(`<MACADDR>${mac}</MACADDR>`, `<MACADDR>@MAC${n}@</MACADDR>`);
  });
  return t;
}

/**
 * Device `i`'s inventory XML. Pass 1 is a first inventory (every CHECKSUM bit, as the agent
 * sends when it has no previous state); pass 2 a re-run: 130 MB less free space on /, CHECKSUM
 * flagging HARDWARE and DRIVES (513).
 */
export function deviceXml(template: string, i: number, pass: 1 | 2): string {
  const v = deviceValues(i);
  return template
    .replace("@DEVICEID@", v.deviceId)
    .replace("@SSN@", v.serial)
    .replace("@NAME@", v.name)
    .replace("@UUID@", v.uuid)
    .replace("@CHECKSUM@", pass === 1 ? "1572863" : "513")
    .replace("@FREE@", String(pass === 1 ? 80777 : 80777 - 130 - (i % 7)))
    .replaceAll("@MAC0@", v.macs[0]!)
    .replaceAll("@MAC1@", v.macs[1]!)
    .replaceAll("@MAC2@", v.macs[2]!);
}

interface Device {
  deviceId: string;
  prolog: Uint8Array<ArrayBuffer>;
  inventory: [Uint8Array<ArrayBuffer>, Uint8Array<ArrayBuffer>];
}

/** Builds the zlib bodies of every device, both passes (before any timing). */
export function buildDevices(count: number, fixtureXml: string): Device[] {
  const template = inventoryTemplate(fixtureXml);
  const devices: Device[] = [];
  for (let i = 0; i < count; i++) {
    const { deviceId } = deviceValues(i);
    devices.push({
      deviceId,
      prolog: encodeBody(writePrologRequest(deviceId), "zlib"),
      inventory: [
        encodeBody(deviceXml(template, i, 1), "zlib"),
        encodeBody(deviceXml(template, i, 2), "zlib"),
      ],
    });
  }
  return devices;
}

const HEADERS = {
  "user-agent": USER_AGENT,
  "content-type": "application/x-compress",
  "pragma": "no-cache",
};

function describe(bytes: Uint8Array): string {
  return new TextDecoder().decode(bytes.subarray(0, 200)).trim();
}

/** One pass: every device does PROLOG then INVENTORY, `concurrency` devices at a time. */
export async function runPass(
  serverUrl: string,
  serverPid: number,
  devices: Device[],
  pass: 1 | 2,
  concurrency: number,
  client: ClientKind,
  format: "xml" | "json",
  onAcknowledged?: (deviceId: string) => void,
): Promise<PassResult> {
  const url = `${serverUrl}/ocsinventory`;
  const json = format === "json";
  const replyText = (bytes: Uint8Array) => new TextDecoder().decode(decodeBody(bytes).xml);
  const inventoryMs: number[] = [];
  const exchangeMs: number[] = [];
  const prologMs: number[] = [];
  const failures: string[] = [];
  let non200 = 0;
  let next = 0;
  let stored = 0;

  const one = async (poster: Poster, device: Device) => {
    const t0 = performance.now();
    const prolog = await poster.post(device.prolog);
    const t1 = performance.now();
    if (prolog.status !== 200) {
      non200++;
      failures.push(`${device.deviceId} PROLOG ${prolog.status}: ${describe(prolog.bytes)}`);
      return;
    }
    const refused = json
      ? contactProblem(replyText(prolog.bytes))
      : readPrologReply(decodeReply(prolog.bytes)).response !== "SEND"
      ? "PROLOG did not answer SEND"
      : null;
    if (refused !== null) {
      failures.push(`${device.deviceId}: ${refused}`);
      return;
    }
    const t2 = performance.now();
    const inventory = await poster.post(pass === 1 ? device.inventory[0] : device.inventory[1]);
    const t3 = performance.now();
    if (inventory.status === 200) onAcknowledged?.(device.deviceId);
    if (inventory.status !== 200) {
      non200++;
      failures.push(
        `${device.deviceId} INVENTORY ${inventory.status}: ${describe(inventory.bytes)}`,
      );
      return;
    }
    // Throws (and is recorded) when the body is not a REPLY.
    if (!json) readInventoryReply(decodeReply(inventory.bytes));
    else {
      const problem = inventoryProblem(replyText(inventory.bytes));
      if (problem !== null) throw new Error(problem);
    }
    stored++;
    prologMs.push(t1 - t0);
    inventoryMs.push(t3 - t2);
    exchangeMs.push(t3 - t0);
  };

  // One client per simulated agent, as each agent has its own connection.
  const loop = async () => {
    const poster = createPoster(client, url, json ? NATIVE_HEADERS : HEADERS);
    try {
      while (next < devices.length) {
        const device = devices[next++]!;
        try {
          await one(poster, device);
        } catch (error) {
          failures.push(`${device.deviceId}: ${(error as Error).message}`);
          poster.close(); // a broken exchange may leave the connection mid-response
        }
      }
    } finally {
      poster.close();
    }
  };

  const cpuBefore = threadCpuSeconds(serverPid);
  const clientBefore = processCpuSeconds("self");
  const machineBefore = machineCpuSeconds();
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, loop));
  const wallMs = performance.now() - started;
  const serverCpu = cpuDelta(cpuBefore, threadCpuSeconds(serverPid));
  const clientCpu = processCpuSeconds("self") - clientBefore;
  const machine = machineCpuSeconds();
  const serverCpuTotal = Object.values(serverCpu).reduce((a, b) => a + b, 0);
  const round2 = (n: number) => Math.round(n * 100) / 100;
  return {
    inventories: stored,
    wallMs: Math.round(wallMs),
    perSecond: Math.round(stored / (wallMs / 1000) * 10) / 10,
    inventory: latencyStats(inventoryMs),
    exchange: latencyStats(exchangeMs),
    prolog: latencyStats(prologMs),
    serverCpu,
    serverCpuTotal: round2(serverCpuTotal),
    clientCpu: round2(clientCpu),
    otherProcessesCpu: round2(
      Math.max(0, machine.busy - machineBefore.busy - serverCpuTotal - clientCpu),
    ),
    iowait: round2(machine.iowait - machineBefore.iowait),
    non200,
    failures,
  };
}

/** Runs the ingestion benchmark and returns its figures (printing them unless told not to). */
export async function benchIngest(options: IngestOptions = {}): Promise<IngestResult> {
  const count = options.devices ?? 2000;
  const concurrency = options.concurrency ?? 16;
  const durability = options.durability ?? "full";
  const client = options.client ?? "socket";
  const print = options.print ?? true;
  const say = (line: string) => print && console.log(line);
  const format = options.format ?? "xml";
  const source = format === "json" ? NATIVE_FIXTURE : FIXTURE;
  const scheduler = options.scheduler ?? true;

  say(`ingest (${format}): building ${count} devices from ${source.pathname.split("/").pop()}…`);
  const fixture = await Deno.readTextFile(source);
  const buildStarted = performance.now();
  const devices = format === "json"
    ? buildNativeDevices(count, fixture)
    : buildDevices(count, fixture);
  const xmlBytes = format === "json"
    ? decodeBody(devices[0]!.inventory[0]).xml.byteLength
    : new TextEncoder().encode(deviceXml(inventoryTemplate(fixture), 0, 1)).length;
  const zlibBytes = Math.round(
    devices.reduce((n, d) => n + d.inventory[0].byteLength, 0) / devices.length,
  );
  say(
    `  ${count} × 2 inventories precomputed in ${
      ((performance.now() - buildStarted) / 1000).toFixed(1)
    } s (${(xmlBytes / 1024).toFixed(0)} KB ${format.toUpperCase()} → ${
      (zlibBytes / 1024).toFixed(1)
    } KB zlib each)`,
  );

  const dataDir = await Deno.makeTempDir({ prefix: "inventory-bench-ingest-" });
  const v8Flags = [
    ...(options.prof ? ["--prof"] : []),
    ...(options.v8Flags ? [options.v8Flags] : []),
  ];
  const server = await startServerProcess({
    dataDir,
    durability,
    ...(options.decodeWorkers ? { decodeWorkers: options.decodeWorkers } : {}),
    args: scheduler ? [] : ["--no-scheduler"],
    denoArgs: v8Flags.length > 0 ? [`--v8-flags=${v8Flags.join(",")}`] : [],
    ...(options.prof ? { cwd: dataDir } : {}),
  });
  say(
    `  server pid ${server.pid} at ${server.url} (durability ${durability}, decode workers ${
      options.decodeWorkers || "default"
    }, scheduler ${scheduler ? "on" : "off"}, client ${client}), concurrency ${concurrency}${
      v8Flags.length > 0 ? `, V8 flags ${v8Flags.join(",")}` : ""
    }`,
  );

  const rssStart = Math.round(procStatusKb(server.pid, "VmRSS") / 1024 * 10) / 10;
  let first: PassResult, second: PassResult;
  let rssAfterFirst: number, rssPeak: number, rssEnd: number, storedDevices = -1, databaseMb = NaN;
  try {
    const token = await cliAdminToken(dataDir);
    const watch = scheduler ? new RegistryWatch(join(dataDir, "inventory.sqlite")) : null;
    const measured = async (pass: 1 | 2) => {
      const loopBefore = await eventLoopOf(server.url, token);
      const cpuBefore = threadCpuSeconds(server.pid);
      const startedAt = performance.now();
      watch?.start(pass);
      const result = await runPass(
        server.url,
        server.pid,
        devices,
        pass,
        concurrency,
        client,
        format,
        (deviceId) => watch?.acknowledged(deviceId),
      );
      if (watch) {
        say("  waiting for the registry…");
        const registry = await watch.finish(count, startedAt, REGISTRY_WAIT_MS);
        const cpu = Object.values(cpuDelta(cpuBefore, threadCpuSeconds(server.pid)))
          .reduce((a, b) => a + b, 0);
        result.registry = {
          ...registry,
          serverCpuTotal: Math.round(cpu * 100) / 100,
          cpuPerDeviceMs: Math.round(cpu / count * 1000 * 100) / 100,
        };
      }
      result.eventLoop = eventLoopBetween(await eventLoopOf(server.url, token), loopBefore);
      return result;
    };
    try {
      say("  pass 1: first inventories…");
      first = await measured(1);
      rssAfterFirst = peakRssMb(server.pid);
      say("  pass 2: re-inventories…");
      second = await measured(2);
    } finally {
      watch?.close();
    }
    rssPeak = peakRssMb(server.pid);
    rssEnd = Math.round(procStatusKb(server.pid, "VmRSS") / 1024 * 10) / 10;
  } finally {
    const code = await server.stop();
    if (code !== 0) say(`  server exited with code ${code}; log: ${server.logPath}`);
  }
  try {
    const size = (name: string) => {
      try {
        return Deno.statSync(join(dataDir, name)).size;
      } catch {
        return 0;
      }
    };
    databaseMb = Math.round(
      (size("inventory.sqlite") + size("inventory.sqlite-wal")) / 1024 / 1024 * 10,
    ) / 10;
    storedDevices = countStoredDevices(join(dataDir, "inventory.sqlite"));
  } finally {
    if (options.keep || options.prof) say(`  data kept in ${dataDir}`);
    else await Deno.remove(dataDir, { recursive: true });
  }

  const speedup = Math.round(second.perSecond / first.perSecond * 100) / 100;
  const correct = storedDevices === count && first.non200 === 0 && second.non200 === 0 &&
    first.failures.length === 0 && second.failures.length === 0 &&
    first.inventories === count && second.inventories === count;
  const targets = {
    firstPerSecond: {
      value: first.perSecond,
      target: `≥ ${TARGETS.firstPerSecond}/s`,
      pass: first.perSecond >= TARGETS.firstPerSecond,
    },
    firstInventoryP99Ms: {
      value: first.inventory.p99,
      target: `< ${TARGETS.firstP99Ms} ms`,
      pass: first.inventory.p99 < TARGETS.firstP99Ms,
    },
    serverPeakRssMb: {
      value: rssPeak,
      target: `< ${TARGETS.peakRssMb} MB`,
      pass: rssPeak < TARGETS.peakRssMb,
    },
    reinventorySpeedup: {
      value: speedup,
      target: `≥ ${TARGETS.reinventorySpeedup}×`,
      pass: speedup >= TARGETS.reinventorySpeedup,
    },
  };
  const result: IngestResult = {
    bench: "ingest",
    format,
    at: new Date().toISOString(),
    deno: Deno.version.deno,
    devices: count,
    concurrency,
    durability,
    decodeWorkers: options.decodeWorkers || "default",
    scheduler,
    client,
    bodyBytes: { xml: xmlBytes, zlib: zlibBytes },
    first,
    second,
    speedup,
    serverPeakRssMb: rssPeak,
    serverPeakRssAfterFirstMb: rssAfterFirst,
    serverRssEndMb: rssEnd,
    serverRssStartMb: rssStart,
    databaseMb,
    storedDevices,
    correct,
    targets,
  };
  if (print) console.log(summary(result));
  return result;
}

/** How long a pass waits for the registry to take every device. */
const REGISTRY_WAIT_MS = 180_000;

/** The server's cumulative event-loop histogram (GET /api/v1/metrics). */
export async function eventLoopOf(url: string, token: string): Promise<EventLoopSnapshot> {
  const response = await fetch(`${url}/api/v1/metrics`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!response.ok) throw new Error(`GET /api/v1/metrics: ${response.status}`);
  const loop = (await response.json()).eventLoop as {
    samples: number;
    maxMs: number;
    sumMs: number;
    buckets: { count: number }[];
  };
  return {
    count: loop.samples,
    maxMs: loop.maxMs,
    sumMs: loop.sumMs,
    buckets: loop.buckets.map((b) => b.count),
  };
}

/** The delays between two readings: p50, p99 (bucket bounds) and the longest bucket reached. */
export function eventLoopBetween(after: EventLoopSnapshot, before: EventLoopSnapshot) {
  const highest = after.buckets.findLastIndex((n, i) => n > (before.buckets[i] ?? 0));
  return {
    p50Ms: delayQuantile(0.5, after, before),
    p99Ms: delayQuantile(0.99, after, before),
    // The histogram's max is since the start; the top bucket reached bounds this period's.
    maxMs: after.maxMs > before.maxMs
      ? after.maxMs
      : highest < 0
      ? 0
      : delayQuantile(1, after, before),
  };
}

/**
 * Devices stored, read from the database file itself: the API needs a signed-in user, and the
 * count must not depend on anything but what ingestion wrote.
 */
function countStoredDevices(path: string): number {
  try {
    const db = new DatabaseSync(path, { readOnly: true });
    try {
      return Number((db.prepare("select count(*) as n from devices").get() as { n: number }).n);
    } finally {
      db.close();
    }
  } catch {
    return -1;
  }
}

/** The human-readable summary and the JSON line. */
export function summary(r: IngestResult): string {
  const f = r.first, s = r.second;
  const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
  const rows: (string | number)[][] = [
    ["inventories stored", f.inventories, s.inventories, ""],
    ["wall time (ms)", f.wallMs, s.wallMs, ratio(f.wallMs, s.wallMs)],
    ["throughput (inventories/s)", f.perSecond, s.perSecond, ratio(s.perSecond, f.perSecond)],
    [
      "INVENTORY request p50 (ms)",
      f.inventory.p50,
      s.inventory.p50,
      ratio(f.inventory.p50, s.inventory.p50),
    ],
    [
      "INVENTORY request p99 (ms)",
      f.inventory.p99,
      s.inventory.p99,
      ratio(f.inventory.p99, s.inventory.p99),
    ],
    ["INVENTORY request max (ms)", f.inventory.max, s.inventory.max, ""],
    [
      "PROLOG+INVENTORY p50 (ms)",
      f.exchange.p50,
      s.exchange.p50,
      ratio(f.exchange.p50, s.exchange.p50),
    ],
    [
      "PROLOG+INVENTORY p99 (ms)",
      f.exchange.p99,
      s.exchange.p99,
      ratio(f.exchange.p99, s.exchange.p99),
    ],
    [
      "PROLOG request p50 / p99 (ms)",
      `${f.prolog.p50} / ${f.prolog.p99}`,
      `${s.prolog.p50} / ${s.prolog.p99}`,
      "",
    ],
    ["server CPU (s)", f.serverCpuTotal, s.serverCpuTotal, ""],
    ["server CPU per inventory (ms)", cpuPer(f), cpuPer(s), ""],
    ["  main thread (s)", f.serverCpu.main ?? 0, s.serverCpu.main ?? 0, ""],
    ["  decode workers (s)", workerCpu(f), workerCpu(s), ""],
    ["  other threads (s)", otherCpu(f), otherCpu(s), ""],
    ["client (this process) CPU (s)", f.clientCpu, s.clientCpu, ""],
    ["other processes CPU (s)", f.otherProcessesCpu, s.otherProcessesCpu, ""],
    ["machine iowait (s)", f.iowait, s.iowait, ""],
    ["non-200 answers", f.non200, s.non200, ""],
  ];
  const lines = [
    "",
    `Ingestion (${
      r.format === "json" ? "GLPI agent native JSON" : "OCS XML"
    }): ${r.devices} devices, concurrency ${r.concurrency}, durability ${r.durability}, decode workers ${r.decodeWorkers}, scheduler ${
      r.scheduler ? "on" : "off"
    }, client ${r.client}`,
    `(inventory ${(r.bodyBytes.xml / 1024).toFixed(0)} KB ${r.format.toUpperCase()}, ${
      (r.bodyBytes.zlib / 1024).toFixed(1)
    } KB zlib)`,
    "",
    formatTable(["", "first pass", "re-inventory", "first/second"], rows),
    "",
    `server peak RSS (VmHWM): ${r.serverPeakRssMb} MB (idle at start ${r.serverRssStartMb} MB, peak after pass 1 ${r.serverPeakRssAfterFirstMb} MB, RSS at end ${r.serverRssEndMb} MB)`,
    `database on disk: ${r.databaseMb} MB`,
    `devices in the database: ${r.storedDevices} (expected ${r.devices})`,
    ...registryLines(r),
    `correctness: ${r.correct ? "OK" : "FAILED"} (every request 200, every device stored)`,
  ];
  for (const failure of [...f.failures, ...s.failures].slice(0, 10)) lines.push(`  ${failure}`);
  const capacity = navigator.hardwareConcurrency;
  for (const [name, p] of [["first pass", f], ["re-inventory", s]] as const) {
    // Other processes taking over a tenth of the machine make the figures unreliable.
    if (p.otherProcessesCpu > 0.1 * capacity * p.wallMs / 1000) {
      lines.push(
        `WARNING: other processes used ${p.otherProcessesCpu} CPU-s during the ${name} ` +
          `(${p.wallMs} ms on ${capacity} cores): its figures are disturbed; run again on a quiet machine`,
      );
    }
  }
  lines.push(
    "",
    "Targets (informative):",
    formatTable(
      ["target", "value", "goal", ""],
      [
        [
          "first-pass throughput (/s)",
          r.targets.firstPerSecond!.value,
          r.targets.firstPerSecond!.target,
          verdict(r.targets.firstPerSecond!.pass),
        ],
        [
          "first-pass INVENTORY p99 (ms)",
          r.targets.firstInventoryP99Ms!.value,
          r.targets.firstInventoryP99Ms!.target,
          verdict(r.targets.firstInventoryP99Ms!.pass),
        ],
        [
          "server peak RSS (MB)",
          r.targets.serverPeakRssMb!.value,
          r.targets.serverPeakRssMb!.target,
          verdict(r.targets.serverPeakRssMb!.pass),
        ],
        [
          "re-inventory speed-up",
          r.targets.reinventorySpeedup!.value,
          r.targets.reinventorySpeedup!.target,
          verdict(r.targets.reinventorySpeedup!.pass),
        ],
      ],
    ),
    "",
    JSON.stringify(compact(r)),
  );
  return lines.join("\n");
}

function cpuPer(p: PassResult): number {
  return Math.round(p.serverCpuTotal / p.inventories * 1000 * 100) / 100;
}

function workerCpu(p: PassResult): number {
  return Math.round(
    Object.entries(p.serverCpu).filter(([n]) => n.startsWith("worker") || n.startsWith("decode"))
      .reduce(
        (a, [, s]) => a + s,
        0,
      ) * 100,
  ) / 100;
}

function otherCpu(p: PassResult): number {
  return Math.round((p.serverCpuTotal - (p.serverCpu.main ?? 0) - workerCpu(p)) * 100) / 100;
}

/** The JSON line: the result without failure texts. */
function compact(r: IngestResult) {
  const pass = ({ failures, ...rest }: PassResult) => ({ ...rest, failures: failures.length });
  return { ...r, first: pass(r.first), second: pass(r.second) };
}

/** The registry and event-loop lines of the summary. */
function registryLines(r: IngestResult): string[] {
  const lines: string[] = [];
  for (const [name, p] of [["first pass", r.first], ["re-inventory", r.second]] as const) {
    if (p.eventLoop) {
      lines.push(
        `event-loop delay, ${name}: p50 ≤ ${p.eventLoop.p50Ms} ms, p99 ≤ ${p.eventLoop.p99Ms} ms, max ${p.eventLoop.maxMs} ms`,
      );
    }
    const g = p.registry;
    if (g) {
      lines.push(
        `registry, ${name}: ${g.inRegistry} of ${g.expected} in the registry ${g.caughtUpMs} ms after the pass began; acknowledged → in the registry p50 ${g.latency.p50} ms, p99 ${g.latency.p99} ms, max ${g.latency.max} ms; server CPU until then ${g.serverCpuTotal} s (${g.cpuPerDeviceMs} ms per device)`,
      );
    }
  }
  return lines;
}

/** Issue 14's targets, taken from a registry-on run and a `--no-scheduler` run of one sitting. */
export const DEFAULT_SERVER_TARGETS = {
  throughputRatio: 0.8,
  cpuRatio: 1.3,
  inventoryP99Ms: 150,
  eventLoopP99Ms: 50,
  registryP99Ms: 5000,
  reinventorySpeedup: 2,
  peakRssMb: 300,
} as const;

/** The registry-on run beside the `--no-scheduler` one: ratios and PASS/FAIL. */
export function compareRuns(on: IngestResult, off: IngestResult) {
  const t = DEFAULT_SERVER_TARGETS;
  const round = (n: number) => Math.round(n * 100) / 100;
  const throughputRatio = round(on.first.perSecond / off.first.perSecond);
  const cpuOn = on.first.registry?.cpuPerDeviceMs ?? NaN;
  const cpuRatio = round(cpuOn / cpuPer(off.first));
  const loopP99 = on.first.eventLoop?.p99Ms ?? Infinity;
  const registry = on.first.registry;
  const rows = {
    throughputRatio: {
      value: throughputRatio,
      target: `≥ ${t.throughputRatio}× (${on.first.perSecond}/s vs ${off.first.perSecond}/s)`,
      pass: throughputRatio >= t.throughputRatio,
    },
    cpuRatio: {
      value: cpuRatio,
      target: `≤ ${t.cpuRatio}× (${cpuOn} ms vs ${cpuPer(off.first)} ms per new device)`,
      pass: cpuRatio <= t.cpuRatio,
    },
    inventoryP99Ms: {
      value: on.first.inventory.p99,
      target: `< ${t.inventoryP99Ms} ms`,
      pass: on.first.inventory.p99 < t.inventoryP99Ms,
    },
    eventLoopP99Ms: {
      value: loopP99,
      target: `< ${t.eventLoopP99Ms} ms`,
      pass: loopP99 < t.eventLoopP99Ms,
    },
    registryP99Ms: {
      value: registry?.latency.p99 ?? NaN,
      target: `≤ ${t.registryP99Ms} ms, ${on.devices} of ${on.devices} (${
        registry?.inRegistry ?? 0
      })`,
      pass: (registry?.latency.p99 ?? Infinity) <= t.registryP99Ms &&
        registry?.inRegistry === on.devices,
    },
    reinventorySpeedup: {
      value: on.speedup,
      target: `≥ ${t.reinventorySpeedup}×`,
      pass: on.speedup >= t.reinventorySpeedup,
    },
    peakRssMb: {
      value: on.serverPeakRssMb,
      target: `< ${t.peakRssMb} MB`,
      pass: on.serverPeakRssMb < t.peakRssMb,
    },
  };
  const text = [
    "",
    "Default server (registry on) beside --no-scheduler, same sitting:",
    formatTable(
      ["target", "value", "goal", ""],
      Object.entries(rows).map(([name, r]) => [name, r.value, r.target, verdict(r.pass)]),
    ),
    "",
    JSON.stringify({ bench: "ingest-compared", at: new Date().toISOString(), targets: rows }),
  ].join("\n");
  return { rows, text };
}

/**
 * `deno task bench ingest`: the default server (registry on), then the same devices on a
 * `--no-scheduler` server, and the ratios of the two.
 */
export async function benchIngestCompared(options: IngestOptions = {}): Promise<boolean> {
  const on = await benchIngest({ ...options, scheduler: true });
  const off = await benchIngest({ ...options, scheduler: false });
  console.log(compareRuns(on, off).text);
  return on.correct && off.correct;
}

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      devices: { type: "string" },
      concurrency: { type: "string" },
      durability: { type: "string" },
      "decode-workers": { type: "string" },
      scheduler: { type: "boolean" },
      "no-scheduler": { type: "boolean" },
      client: { type: "string" },
      prof: { type: "boolean" },
      "v8-flags": { type: "string" },
      keep: { type: "boolean" },
      format: { type: "string" },
    },
  });
  const format = values.format ?? "xml";
  if (format !== "xml" && format !== "json") {
    throw new Error(`--format must be xml or json, not ${format}`);
  }
  const durability = values.durability ?? "full";
  if (durability !== "full" && durability !== "normal") {
    throw new Error(`--durability must be full or normal, not ${durability}`);
  }
  const client = values.client ?? "socket";
  if (client !== "fetch" && client !== "socket") {
    throw new Error(`--client must be fetch or socket, not ${client}`);
  }
  const options: IngestOptions = {
    client,
    ...(values.devices ? { devices: Number(values.devices) } : {}),
    ...(values.concurrency ? { concurrency: Number(values.concurrency) } : {}),
    durability,
    ...(values["decode-workers"] ? { decodeWorkers: Number(values["decode-workers"]) } : {}),
    ...(values.prof ? { prof: true } : {}),
    ...(values["v8-flags"] ? { v8Flags: values["v8-flags"] } : {}),
    ...(values.keep ? { keep: true } : {}),
    format,
  };
  // --scheduler or --no-scheduler: that server alone; neither: both, compared.
  const ok = values.scheduler || values["no-scheduler"]
    ? (await benchIngest({ ...options, scheduler: !values["no-scheduler"] })).correct
    : await benchIngestCompared(options);
  Deno.exit(ok ? 0 : 1);
}
