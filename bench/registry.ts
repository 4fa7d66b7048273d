/**
 * Registry synchronisation benchmark (issue 4): 10,000 new devices made from the full fixture
 * (781 software each) are synchronised into the registry by `inventory sync` in its own process,
 * then 1% of them change (software upgraded, a new name) and are synchronised again.
 * Prints devices/s, wall time and the sync process's peak RSS.
 *
 * Targets on the reference machine: the 10,000 import < 60 s, the resync < 5 s, RSS < 400 MB.
 *
 * @module
 */

import { defaultConfig } from "../server/config.ts";
import { importInventoryFile } from "../server/ingest/import_file.ts";
import { closeContext, openContext } from "../server/serve.ts";
import { createLogger } from "../server/log.ts";
import { readFixture } from "../tests/_helpers/fixtures.ts";
import { peakRssMb, processCpuSeconds, REPO_ROOT, threadCpuSeconds } from "./_util.ts";

const DEVICES = Number(Deno.env.get("BENCH_REGISTRY_DEVICES") ?? 10_000);
const CHANGED = Math.max(1, Math.round(DEVICES / 100));

interface SyncRun {
  seconds: number;
  /** CPU time of the sync process, all threads (its last sample, ≤ 25 ms before it exits). */
  cpuSeconds: number;
  /** The same by thread name ("main" is the JS main thread, where the writes happen). */
  threadCpuSeconds: Record<string, number>;
  /** The 1-minute load average before and after: the machine is shared. */
  load: [number, number];
  peakRssMb: number;
  processed: number;
  counts: Record<string, number>;
}

function loadAverage(): number {
  try {
    return Number(Deno.readTextFileSync("/proc/loadavg").split(" ")[0]);
  } catch {
    return NaN;
  }
}

/** Runs `inventory sync --json` on `dataDir` as a child process, sampling its peak RSS and CPU. */
async function timedSync(dataDir: string): Promise<SyncRun> {
  const loadBefore = loadAverage();
  const started = performance.now();
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-all", `${REPO_ROOT}main.ts`, "sync", "--data", dataDir, "--json"],
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  let peak = 0;
  let cpu = 0;
  let threads: Record<string, number> = {};
  const sampler = setInterval(() => {
    const sample = peakRssMb(child.pid);
    if (Number.isFinite(sample)) peak = Math.max(peak, sample);
    const cpuSample = processCpuSeconds(child.pid);
    if (Number.isFinite(cpuSample) && cpuSample >= cpu) {
      cpu = cpuSample;
      threads = threadCpuSeconds(child.pid);
    }
  }, 25);
  const output = await child.output();
  clearInterval(sampler);
  const seconds = (performance.now() - started) / 1000;
  if (!output.success) throw new Error(`inventory sync failed (${output.code})`);
  const result = JSON.parse(new TextDecoder().decode(output.stdout));
  return {
    seconds,
    cpuSeconds: cpu,
    threadCpuSeconds: threads,
    load: [loadBefore, loadAverage()],
    peakRssMb: peak,
    processed: result.processed,
    counts: result.counts,
  };
}

function mac(i: number): string {
  const hex = i.toString(16).padStart(8, "0");
  return `02:00:${hex.slice(0, 2)}:${hex.slice(2, 4)}:${hex.slice(4, 6)}:${hex.slice(6, 8)}`;
}

/** Builds the fleet: one real ingestion, then copies with new identities (fast, in SQL). */
export async function buildFleet(dataDir: string): Promise<void> {
  const ctx = await openContext(defaultConfig(dataDir, { durability: "normal" }), {
    log: createLogger({ level: "error" }),
  });
  try {
    const result = await importInventoryFile(
      ctx,
      "fixture",
      readFixture("unixagent-2.10-debian12-full.xml"),
      { userAgent: "OCS-NG_unified_unix_agent_v2.10.0", ipSource: "192.0.2.1" },
    );
    if (!result.ok) throw new Error(result.message);
    const base = result.deviceId!;
    const raw = ctx.raw;
    const sections = new Map(
      (raw.prepare("select section, data from device_sections where device_id = ?").all(base) as {
        section: string;
        data: string;
      }[]).map((r) => [r.section, JSON.parse(r.data)]),
    );
    const device = raw.prepare("select * from devices where id = ?").get(base) as Record<
      string,
      unknown
    >;
    const insertDevice = raw.prepare(
      `insert into devices (deviceid, name, os_name, serial, uuid, first_seen, last_come, last_date,
        user_agent, ip_src, tag, account_info, checksum, contacts, inventories)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 1)`,
    );
    const copySections = raw.prepare(
      `insert into device_sections (device_id, section, hash, raw_hash, data, entries, updated_at)
       select ?, section, hash, raw_hash, data, entries, updated_at from device_sections
       where device_id = ? and section not in ('HARDWARE', 'BIOS', 'NETWORKS')`,
    );
    const insertSection = raw.prepare(
      `insert into device_sections (device_id, section, hash, data, entries, updated_at)
       values (?, ?, ?, ?, ?, ?)`,
    );
    raw.exec("begin");
    for (let i = 1; i < DEVICES; i++) {
      const name = `bench-${String(i).padStart(6, "0")}`;
      const deviceid = `${name}-2026-11-21-00-00-00`;
      const serial = `SER-${i}`;
      const uuid = `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`;
      const { lastInsertRowid } = insertDevice.run(
        deviceid,
        name,
        device.os_name as string,
        serial,
        uuid,
        device.first_seen as string,
        device.last_come as string,
        device.last_date as string,
        device.user_agent as string,
        device.ip_src as string,
        device.tag as string | null,
        device.account_info as string,
        device.checksum as number,
      );
      const id = Number(lastInsertRowid);
      copySections.run(id, base);
      const hardware = { ...sections.get("HARDWARE"), NAME: name, UUID: uuid };
      const bios = { ...sections.get("BIOS"), SSN: serial };
      const networks = (sections.get("NETWORKS") as Record<string, string>[]).map((n, k) => ({
        ...n,
        MACADDR: n.MACADDR ? mac(i * 16 + k) : n.MACADDR,
      }));
      for (
        const [section, data] of [["HARDWARE", hardware], ["BIOS", bios], [
          "NETWORKS",
          networks,
        ]] as const
      ) {
        const json = JSON.stringify(data);
        insertSection.run(
          id,
          section,
          `${section}-${i}`,
          json,
          Array.isArray(data) ? data.length : 1,
          device.last_date as string,
        );
      }
      if (i % 1000 === 0) {
        raw.exec("commit");
        raw.exec("begin");
      }
    }
    raw.exec("commit");
  } finally {
    await closeContext(ctx);
  }
}

/** Changes 1% of the devices: upgraded software and a renamed machine, as a new inventory would. */
async function changeOnePercent(dataDir: string): Promise<void> {
  const ctx = await openContext(defaultConfig(dataDir, { durability: "normal" }), {
    log: createLogger({ level: "error" }),
  });
  try {
    const raw = ctx.raw;
    const ids = (raw.prepare("select id from devices order by id limit ?").all(CHANGED) as {
      id: number;
    }[]).map((r) => r.id);
    const software = JSON.parse(
      (raw.prepare("select data from device_sections where device_id = ? and section = 'SOFTWARES'")
        .get(ids[0]!) as { data: string }).data,
    ) as Record<string, string>[];
    const upgraded = software.map((s, k) =>
      k % 50 === 0 ? { ...s, VERSION: `${s.VERSION}+bench1` } : s
    );
    const json = JSON.stringify(upgraded);
    const update = raw.prepare(
      "update device_sections set data = ?, hash = ? where device_id = ? and section = 'SOFTWARES'",
    );
    const touch = raw.prepare(
      "update devices set inventories = inventories + 1, last_date = ? where id = ?",
    );
    const now = new Date().toISOString();
    raw.exec("begin");
    for (const id of ids) {
      update.run(json, `upgraded-${id}`, id);
      touch.run(now, id);
    }
    raw.exec("commit");
  } finally {
    await closeContext(ctx);
  }
}

/** Runs the benchmark; resolves whether the results were correct. */
export async function benchRegistry(): Promise<{ correct: boolean }> {
  const dataDir = await Deno.makeTempDir({ prefix: "inventory-bench-registry-" });
  try {
    console.log(`building ${DEVICES} devices from the full fixture (781 software each)…`);
    const t0 = performance.now();
    await buildFleet(dataDir);
    console.log(`  built in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const first = await timedSync(dataDir);
    await changeOnePercent(dataDir);
    const resync = await timedSync(dataDir);

    const imported = first.counts.imported ?? 0;
    const synced = resync.counts.synchronized ?? 0;
    const correct = imported === DEVICES && synced === CHANGED &&
      (first.counts.error ?? 0) === 0 && (resync.counts.error ?? 0) === 0;
    const row = (label: string, run: SyncRun, target: string, ok: boolean) =>
      console.log(
        `${label.padEnd(26)} ${String(run.processed).padStart(6)} devices  ${
          run.seconds.toFixed(1).padStart(6)
        } s  ${(run.processed / run.seconds).toFixed(0).padStart(6)}/s  CPU ${
          run.cpuSeconds.toFixed(1).padStart(5)
        } s (main ${(run.threadCpuSeconds.main ?? NaN).toFixed(1)})  RSS ${
          run.peakRssMb.toFixed(0).padStart(4)
        } MB  load ${run.load[0].toFixed(1)}→${run.load[1].toFixed(1)}   target ${target} ${
          ok ? "PASS" : "FAIL"
        }`,
      );
    row(
      "import (new devices)",
      first,
      "< 60 s, RSS < 400 MB",
      first.seconds < 60 && first.peakRssMb < 400,
    );
    row(
      `resync (${CHANGED} changed)`,
      resync,
      "< 5 s, RSS < 400 MB",
      resync.seconds < 5 && resync.peakRssMb < 400,
    );
    console.log(JSON.stringify({
      bench: "registry",
      devices: DEVICES,
      import: first,
      resync,
      correct,
    }));
    return { correct };
  } finally {
    await Deno.remove(dataDir, { recursive: true });
  }
}

if (import.meta.main) {
  const { correct } = await benchRegistry();
  Deno.exit(correct ? 0 : 1);
}
