/**
 * OCS source benchmark (issue 16): an OCS database of N computers (default 10,000) made by the
 * real OCS server from the full Unix-agent fixture, distinct the way bench/ingest.ts builds its
 * devices (DEVICEID, name, BIOS serial, UUID, MACs), is imported by `inventory sources sync` in
 * its own process (the one-shot migration: OCS → store → rules → registry); then 1% of the
 * computers change in OCS (free space, LASTDATE) and the incremental sync is timed.
 *
 * Filling: every computer posted through mod_perl is the faithful way, but the OCS server stores
 * a full inventory (781 software) in ~2.4 s on the shared 2-core machine (printed as "fill
 * rate"), and loses inventories when posted concurrently, so 10,000 would take ~7 hours.
 * `--fill copy` (the default above 300 computers) posts 10 computers through the real server,
 * then copies the first one's rows with SQL (INSERT … SELECT per table) under new ids, with the
 * same per-computer identities as the posted ones; `--fill post` posts all of them.
 *
 * Targets (reference machine): first import < 60 s, incremental sync of 1% < 5 s.
 *
 *   deno run -A bench/ocs_source.ts [--count N] [--fill post|copy]
 *
 * @module
 */

import { parseArgs } from "node:util";
import { join } from "node:path";
import { defaultConfig } from "../server/config.ts";
import { createLogger } from "../server/log.ts";
import { closeContext, openContext } from "../server/serve.ts";
import { addSource } from "../server/sources/store.ts";
import {
  postToOcs,
  startMariaDb,
  startOcsServer,
  type TestMariaDb,
} from "../tests/_helpers/ocs_server.ts";
import { deviceValues, deviceXml, inventoryTemplate } from "./ingest.ts";
import { peakRssMb, REPO_ROOT } from "./_util.ts";

const FIXTURE = new URL(
  "../../shared/fixtures/ocs/unixagent-2.10-debian12-full.xml",
  import.meta.url,
);
/** Computers posted through the real server before copying. */
const SEED = 10;
/**
 * Posts in flight. One: with 4 concurrent posts, Debian's OCS 2.8.1 stored only half of 60
 * computers (its software dictionary inserts race), though it answered 200 to every post.
 */
const POSTERS = 1;
/** Ids given to copied computers start here (posted ones have small ids). */
const COPY_BASE = 1_000_000;

/** What the benchmark measured. */
export interface OcsSourceResult {
  count: number;
  fill: "post" | "copy";
  /** Computers posted through mod_perl per second. */
  fillRate: number;
  fillSeconds: number;
  importSeconds: number;
  importPeakRssMb: number;
  /** The first import's split (ms): waiting for OCS reads, storing, the registry. */
  importTimings: { readWait: number; store: number; registry: number };
  incrementalSeconds: number;
  changed: number;
  computers: number;
  correct: boolean;
}

const say = (text: string) => console.log(text);

export async function post(
  url: string,
  template: string,
  from: number,
  to: number,
): Promise<number> {
  let next = from;
  const started = performance.now();
  await Promise.all(Array.from({ length: POSTERS }, async () => {
    while (next < to) {
      const i = next++;
      const response = await postToOcs(url, deviceXml(template, i, 1));
      await response.body?.cancel();
      if (response.status !== 200) throw new Error(`OCS refused computer ${i}: ${response.status}`);
    }
  }));
  return (to - from) / ((performance.now() - started) / 1000);
}

/** Copies computer `templateId`'s rows as computers `from`…`to - 1` (distinct identities). */
export async function copyComputers(
  db: TestMariaDb,
  database: string,
  templateId: number,
  from: number,
  to: number,
): Promise<void> {
  const columns = async (table: string) =>
    (await db.sql(
      "information_schema",
      `SELECT COLUMN_NAME FROM COLUMNS WHERE TABLE_SCHEMA='${database}' AND TABLE_NAME='${table}' ORDER BY ORDINAL_POSITION`,
    )).split("\n").slice(1).filter(Boolean);
  const tables = (await db.sql(
    "information_schema",
    `SELECT TABLE_NAME FROM COLUMNS WHERE TABLE_SCHEMA='${database}' AND COLUMN_NAME='HARDWARE_ID'`,
  )).split("\n").slice(1).filter(Boolean);
  const v = deviceValues(0);
  // The per-computer values of bench/ingest.ts's deviceValues, as SQL of n.
  const hex4 = "LPAD(LOWER(HEX(n)), 4, '0')";
  const values: Record<string, Record<string, string>> = {
    hardware: {
      ID: `${COPY_BASE} + n`,
      DEVICEID: `CONCAT('bench', n, '${v.deviceId.slice("bench0".length)}')`,
      NAME: "CONCAT('bench', n)",
      UUID: "CONCAT('5eb7c000-0000-4000-8000-', LPAD(LOWER(HEX(n)), 12, '0'))",
    },
    bios: { SSN: "CONCAT('BENCH-SN-', LPAD(n, 5, '0'))" },
    networks: {
      MACADDR:
        `IF(MACADDR = '', '', CONCAT('02:be:', LEFT(${hex4}, 2), ':', RIGHT(${hex4}, 2), RIGHT(MACADDR, 6)))`,
    },
  };
  const CHUNK = 500;
  for (let start = from; start < to; start += CHUNK) {
    const end = Math.min(to, start + CHUNK);
    const numbers = Array.from({ length: end - start }, (_, k) => `(${start + k})`).join(",");
    const statements = [
      "CREATE TEMPORARY TABLE bench_n (n INT PRIMARY KEY)",
      `INSERT INTO bench_n VALUES ${numbers}`,
    ];
    for (const table of ["hardware", ...tables]) {
      const cols = (await columns(table)).filter((c) => !(table !== "hardware" && c === "ID"));
      const select = cols.map((c) =>
        values[table]?.[c] ?? (c === "HARDWARE_ID" ? `${COPY_BASE} + n` : `t.\`${c}\``)
      );
      const key = table === "hardware" ? "ID" : "HARDWARE_ID";
      statements.push(
        `INSERT INTO \`${table}\` (${cols.map((c) => `\`${c}\``).join(",")}) SELECT ${
          select.join(",")
        } FROM \`${table}\` t JOIN bench_n WHERE t.${key} = ${templateId}`,
      );
    }
    statements.push("DROP TEMPORARY TABLE bench_n");
    await db.sql(database, statements.join(";\n") + ";");
  }
}

async function timedCli(
  args: string[],
): Promise<{ seconds: number; peakRssMb: number; out: string }> {
  const started = performance.now();
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-all", `${REPO_ROOT}main.ts`, ...args],
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  let peak = 0;
  const sampler = setInterval(() => {
    const sample = peakRssMb(child.pid);
    if (Number.isFinite(sample)) peak = Math.max(peak, sample);
  }, 25);
  const output = await child.output();
  clearInterval(sampler);
  const seconds = (performance.now() - started) / 1000;
  const out = new TextDecoder().decode(output.stdout);
  if (!output.success) throw new Error(`inventory ${args.join(" ")} failed:\n${out}`);
  return { seconds, peakRssMb: peak, out };
}

/** Runs the benchmark. */
export async function benchOcsSource(
  options: { count?: number; fill?: "post" | "copy" } = {},
): Promise<OcsSourceResult> {
  const count = options.count ?? 10_000;
  const fill = options.fill ?? (count > 300 ? "copy" : "post");
  const dir = await Deno.makeTempDir({ prefix: "inventory-bench-ocs-" });
  const mariadb = await startMariaDb(dir);
  try {
    await mariadb.createOcsDatabase("ocsweb", "ocs", "bench-pw");
    await mariadb.sql("ocsweb", "UPDATE config SET IVALUE=1 WHERE NAME='TRACE_DELETED'");
    const ocs = await startOcsServer(dir, mariadb, "ocsweb", "ocs", "bench-pw");
    const template = inventoryTemplate(await Deno.readTextFile(FIXTURE));
    const fillStarted = performance.now();
    let fillRate: number;
    try {
      const posted = fill === "post" ? count : Math.min(SEED, count);
      say(`ocs-source: posting ${posted} computers through the OCS server…`);
      fillRate = await post(ocs.url, template, 0, posted);
      say(`ocs-source: fill rate ${fillRate.toFixed(1)} computers/s through mod_perl`);
    } finally {
      await ocs.stop();
    }
    if (fill === "copy" && count > SEED) {
      say(`ocs-source: copying computer 0's rows as ${count - SEED} more computers…`);
      const [templateId] =
        (await mariadb.sql("ocsweb", "SELECT ID FROM hardware WHERE NAME='bench0'"))
          .split("\n").slice(1).map(Number);
      await copyComputers(mariadb, "ocsweb", templateId!, SEED, count);
    }
    const fillSeconds = (performance.now() - fillStarted) / 1000;
    const inOcs = Number(
      (await mariadb.sql("ocsweb", "SELECT COUNT(*) FROM hardware")).split("\n")[1],
    );
    say(`ocs-source: ${inOcs} computers in OCS after ${fillSeconds.toFixed(1)} s`);

    const dataDir = join(dir, "data");
    const ctx = await openContext(defaultConfig(dataDir), {
      log: createLogger({ level: "error" }),
    });
    try {
      await addSource(ctx.db, dataDir, {
        name: "bench",
        kind: "ocs",
        url: `mysql://ocs:bench-pw@127.0.0.1:${mariadb.port}/ocsweb`,
        options: { settleSeconds: 0 },
      }, ctx.now());
    } finally {
      await closeContext(ctx);
    }
    say("ocs-source: first import (inventory sources sync)…");
    const first = await timedCli(["sources", "sync", "bench", "--json", "--data", dataDir]);
    const [firstRun] = JSON.parse(first.out);

    const changed = Math.max(1, Math.round(count / 100));
    await mariadb.sql(
      "ocsweb",
      `CREATE TEMPORARY TABLE picked AS SELECT ID FROM hardware ORDER BY ID LIMIT ${changed};
       UPDATE drives SET FREE = FREE - 130 WHERE HARDWARE_ID IN (SELECT ID FROM picked);
       UPDATE hardware SET LASTDATE = NOW() WHERE ID IN (SELECT ID FROM picked);`,
    );
    say(`ocs-source: ${changed} computers changed; incremental sync…`);
    const second = await timedCli(["sources", "sync", "bench", "--json", "--data", dataDir]);
    const [secondRun] = JSON.parse(second.out);

    const check = await openContext(defaultConfig(dataDir), {
      log: createLogger({ level: "error" }),
    });
    let computers = 0;
    try {
      computers = Number(
        (await check.db.selectFrom("computers").select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()).n,
      );
    } finally {
      await closeContext(check);
    }
    const correct = firstRun.stored === count && firstRun.imported === count &&
      firstRun.errors.length === 0 && secondRun.stored === changed &&
      secondRun.updated === changed && computers === count;
    const result: OcsSourceResult = {
      count,
      fill,
      fillRate: Math.round(fillRate * 10) / 10,
      fillSeconds: Math.round(fillSeconds * 10) / 10,
      importSeconds: Math.round(first.seconds * 10) / 10,
      importPeakRssMb: Math.round(first.peakRssMb),
      importTimings: firstRun.timings,
      incrementalSeconds: Math.round(second.seconds * 100) / 100,
      changed,
      computers,
      correct,
    };
    say(
      [
        `| figure                           | value  | target |`,
        `| -------------------------------- | ------ | ------ |`,
        `| first import of ${count} (s)      | ${result.importSeconds} | < 60 |`,
        `| incremental, ${changed} changed (s) | ${result.incrementalSeconds} | < 5 |`,
        `| import peak RSS (MB)             | ${result.importPeakRssMb} | |`,
        `| import: OCS read wait / store / registry (s) | ${
          [firstRun.timings.readWait, firstRun.timings.store, firstRun.timings.registry]
            .map((ms: number) => (ms / 1000).toFixed(1)).join(" / ")
        } | |`,
        `| fill through mod_perl (/s)       | ${result.fillRate} | |`,
      ].join("\n"),
    );
    if (!correct) {
      say(`ocs-source: INCORRECT: ${JSON.stringify({ firstRun, secondRun, computers })}`);
    }
    console.log(JSON.stringify({ bench: "ocs-source", ...result }));
    return result;
  } finally {
    await mariadb.stop();
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  }
}

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: { count: { type: "string" }, fill: { type: "string" } },
  });
  const fill = values.fill === "post" || values.fill === "copy" ? values.fill : undefined;
  const result = await benchOcsSource({
    ...(values.count ? { count: Number(values.count) } : {}),
    ...(fill ? { fill } : {}),
  });
  Deno.exit(result.correct ? 0 : 1);
}
