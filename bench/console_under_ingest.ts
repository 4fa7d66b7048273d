/**
 * Console under ingestion (issue 14): the default server (registry on) takes a wave of new
 * devices from 16 agents while an admin uses the console: the computers list, a search, a
 * computer page and the dashboard are requested one after another for as long as the wave lasts
 * (and the registry catches up). Prints p50/p95 per page as the client saw them, the server's
 * event-loop delay over the same time, and PASS/FAIL against the targets (p95 < 100 ms per page,
 * event-loop p99 < 50 ms). Informative only.
 *
 *   deno run -A bench/console_under_ingest.ts [--devices 1000] [--concurrency 16]
 *
 * @module
 */

import { parseArgs } from "node:util";
import { join } from "node:path";
import { cliAdminToken } from "../tests/_helpers/auth.ts";
import { formatTable, percentile, startServerProcess, verdict } from "./_util.ts";
import { buildDevices, eventLoopBetween, eventLoopOf, FIXTURE, runPass } from "./ingest.ts";
import { RegistryWatch } from "./registry_watch.ts";

/** Devices imported before the wave, so the pages have computers to show. */
const WARM_DEVICES = 50;
const PAGE_P95_MS = 100;
const EVENT_LOOP_P99_MS = 50;

interface PageFigures {
  name: string;
  requests: number;
  p50: number;
  p95: number;
  max: number;
  errors: number;
  pass: boolean;
}

/** Runs the benchmark; resolves to whether it ran correctly (every request answered 200). */
export async function benchConsoleUnderIngest(
  options: { devices?: number; concurrency?: number } = {},
): Promise<boolean> {
  const count = options.devices ?? 1000;
  const concurrency = options.concurrency ?? 16;
  const devices = buildDevices(WARM_DEVICES + count, await Deno.readTextFile(FIXTURE));
  const dataDir = await Deno.makeTempDir({ prefix: "inventory-bench-console-ingest-" });
  const server = await startServerProcess({ dataDir });
  try {
    const token = await cliAdminToken(dataDir);
    const headers = { authorization: `Bearer ${token}` };
    const watch = new RegistryWatch(join(dataDir, "inventory.sqlite"));
    // Warm-up: a few computers in the registry, so every page has something to show.
    watch.start(1);
    const warm = devices.slice(0, WARM_DEVICES);
    await runPass(
      server.url,
      server.pid,
      warm,
      1,
      concurrency,
      "socket",
      "xml",
      (deviceId) => watch.acknowledged(deviceId),
    );
    const warmed = await watch.finish(WARM_DEVICES, performance.now(), 60_000);
    if (warmed.inRegistry < WARM_DEVICES) {
      throw new Error("the warm-up devices did not reach the registry");
    }
    const listed = await (await fetch(`${server.url}/api/v1/computers?limit=1`, { headers }))
      .json();
    const computerId = listed.items[0].id as number;
    const pages = [
      { name: "computers list", path: "/computers" },
      { name: "API computers?limit=50", path: "/api/v1/computers?limit=50" },
      { name: "search (name prefix)", path: `/computers?${new URLSearchParams({ q: "bench1" })}` },
      { name: "computer page", path: `/computers/${computerId}` },
      { name: "dashboard", path: "/" },
    ];
    const times = new Map(pages.map((p) => [p.name, [] as number[]]));
    const errors = new Map(pages.map((p) => [p.name, 0]));

    console.log(`  wave: ${count} new devices, ${concurrency} agents at a time, console sampled…`);
    const loopBefore = await eventLoopOf(server.url, token);
    const started = performance.now();
    watch.start(1);
    let waveOver = false;
    const sampler = (async () => {
      for (let i = 0; !waveOver; i++) {
        const page = pages[i % pages.length]!;
        const t0 = performance.now();
        const response = await fetch(`${server.url}${page.path}`, { headers });
        await response.arrayBuffer();
        times.get(page.name)!.push(performance.now() - t0);
        if (response.status !== 200) errors.set(page.name, errors.get(page.name)! + 1);
      }
    })();
    const wave = await runPass(
      server.url,
      server.pid,
      devices.slice(WARM_DEVICES),
      1,
      concurrency,
      "socket",
      "xml",
      (deviceId) => watch.acknowledged(deviceId),
    );
    const registry = await watch.finish(count, started, 180_000);
    waveOver = true;
    await sampler;
    const loop = eventLoopBetween(await eventLoopOf(server.url, token), loopBefore);
    watch.close();

    const round = (n: number) => Math.round(n * 10) / 10;
    const figures: PageFigures[] = pages.map(({ name }) => {
      const t = times.get(name)!;
      const p95 = round(percentile(t, 95));
      return {
        name,
        requests: t.length,
        p50: round(percentile(t, 50)),
        p95,
        max: round(Math.max(...t)),
        errors: errors.get(name)!,
        pass: p95 < PAGE_P95_MS,
      };
    });
    const loopPass = loop.p99Ms < EVENT_LOOP_P99_MS;
    console.log(
      [
        "",
        `Console under ingestion: ${count} new devices at ${wave.perSecond}/s (INVENTORY p99 ${wave.inventory.p99} ms), all in the registry after ${registry.caughtUpMs} ms (${registry.inRegistry} of ${count})`,
        "",
        formatTable(
          ["page", "requests", "p50 ms", "p95 ms", "max ms", "errors", `p95 < ${PAGE_P95_MS} ms`],
          figures.map((f) => [
            f.name,
            f.requests,
            f.p50,
            f.p95,
            f.max,
            f.errors,
            verdict(f.pass),
          ]),
        ),
        "",
        `event-loop delay: p50 ≤ ${loop.p50Ms} ms, p99 ≤ ${loop.p99Ms} ms, max ${loop.maxMs} ms (p99 < ${EVENT_LOOP_P99_MS} ms: ${
          verdict(loopPass)
        })`,
        "",
        JSON.stringify({
          bench: "console-under-ingest",
          at: new Date().toISOString(),
          devices: count,
          concurrency,
          wave: { perSecond: wave.perSecond, inventoryP99: wave.inventory.p99 },
          registry,
          eventLoop: loop,
          pages: figures,
        }),
      ].join("\n"),
    );
    return figures.every((f) => f.errors === 0) && wave.non200 === 0 &&
      registry.inRegistry === count;
  } finally {
    await server.stop();
    await Deno.remove(dataDir, { recursive: true }).catch(() => {});
  }
}

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: { devices: { type: "string" }, concurrency: { type: "string" } },
  });
  const ok = await benchConsoleUnderIngest({
    ...(values.devices ? { devices: Number(values.devices) } : {}),
    ...(values.concurrency ? { concurrency: Number(values.concurrency) } : {}),
  });
  Deno.exit(ok ? 0 : 1);
}
