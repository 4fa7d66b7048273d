/**
 * Agent benchmark (issue 3): wall time and peak RSS of one full `--local` inventory run of our
 * agent (from source, and the bundle `dist/inventory.js` when built) against Debian's
 * `ocsinventory-agent` and `fusioninventory-agent` doing the same, each run N times (median).
 * Prints a table, the ratios ours/OCS and ours/Fusion with PASS/FAIL against the targets
 * (informative only), and a JSON line.
 *
 *   deno run -A bench/agent.ts [--runs 5] [--no-warmup] [--keep]
 *
 * Every program first runs once untimed (Deno writes its code cache on a module's first run,
 * which costs ~15 MB and 50 ms that no later run pays; the Perl agents get a warm page cache).
 * Runs are interleaved (one of each program per round) so that load from other processes falls
 * on all of them alike. Peak RSS comes from `/usr/bin/time` (Debian package `time`): the peak of
 * the largest process of the run, as its rusage reports it; without it, VmHWM is polled from
 * /proc, which can miss a peak in the last few milliseconds.
 *
 * @module
 */

import { parseArgs } from "node:util";
import { join } from "node:path";
import { decodeRequest } from "../protocol/mod.ts";
import { formatTable, percentile, procStatusKb, REPO_ROOT, verdict } from "./_util.ts";

/** The targets. Informative: a miss is printed, never a failure. */
export const AGENT_TARGETS = {
  /** Our wall time at most this fraction of ocsinventory-agent's. */
  vsOcsWall: 1 / 8,
  /** Our wall time at most this fraction of fusioninventory-agent's. */
  vsFusionWall: 1 / 2,
  /** Our peak RSS below this, MB. */
  peakRssMb: 80,
} as const;

/** Options of {@link runAgentBench}. */
export interface AgentBenchOptions {
  /** Timed runs per program (default 5; the median is reported). */
  runs?: number;
  /** Skip the untimed first run of each program (default: warm up). */
  warmup?: boolean;
  /** Keep the output directories (they are printed). */
  keep?: boolean;
  /** Print progress and the summary (default true). */
  print?: boolean;
}

/** One program's figures over its runs. */
export interface ProgramResult {
  name: string;
  command: string;
  /** Timed runs that exited 0 and wrote an inventory. */
  ok: number;
  runs: number;
  wallMs: { median: number; min: number; max: number };
  peakRssMb: { median: number; min: number; max: number };
  /** User + system CPU seconds of the run (its children included), median; NaN without time. */
  cpuS: number;
  /** Size of the inventory written by the last run, bytes (.ocs, compressed). */
  outputBytes: number;
  /** Why runs failed, if any did. */
  failures: string[];
}

/** One target check. */
export interface TargetCheck {
  value: number;
  target: number;
  pass: boolean;
}

/** Everything {@link runAgentBench} measured. */
export interface AgentBenchResult {
  bench: "agent";
  date: string;
  machine: { cpus: number; cpuModel: string; memoryGb: number; deno: string };
  runs: number;
  rssSource: "time" | "proc";
  programs: ProgramResult[];
  /** Per flavour of ours (`source`, `bundle`): the target checks. */
  targets: Record<string, Record<string, TargetCheck>>;
  /** True when every run of our agent wrote a well-formed inventory (reference agents that are
   * missing or fail are reported but do not make the benchmark incorrect). */
  correct: boolean;
}

interface Program {
  name: string;
  ours: boolean;
  /** The command line for an output directory `dir` (fresh per run). */
  argv(dir: string): string[];
}

const TIME = "/usr/bin/time";

function exists(path: string): boolean {
  try {
    Deno.statSync(path);
    return true;
  } catch {
    return false;
  }
}

function which(command: string): string | null {
  for (const dir of (Deno.env.get("PATH") ?? "/usr/bin:/bin").split(":")) {
    if (dir && exists(join(dir, command))) return join(dir, command);
  }
  return null;
}

function programs(): { list: Program[]; notes: string[] } {
  const deno = Deno.execPath();
  const ours = (entry: string) => (dir: string) => [
    deno,
    "run",
    "--allow-all",
    entry,
    "agent",
    "--local",
    dir,
    "--state-dir",
    join(dir, "state"),
  ];
  const list: Program[] = [
    { name: "inventory (source)", ours: true, argv: ours(join(REPO_ROOT, "main.ts")) },
  ];
  const notes: string[] = [];
  const bundle = join(REPO_ROOT, "dist/inventory.js");
  if (exists(bundle)) {
    list.push({ name: "inventory (bundle)", ours: true, argv: ours(bundle) });
    const stale = newestSource() > Deno.statSync(bundle).mtime!.getTime();
    if (stale) notes.push("dist/inventory.js is older than the sources: run `deno task bundle`");
  } else {
    notes.push("no dist/inventory.js (`deno task bundle` builds it): bundle not measured");
  }
  const ocs = which("ocsinventory-agent");
  if (ocs) {
    list.push({
      name: "ocsinventory-agent",
      ours: false,
      argv: (dir) => [ocs, `--local=${dir}`, `--basevardir=${dir}`],
    });
  } else notes.push("ocsinventory-agent is not installed (tools/setup.sh installs it)");
  const fusion = which("fusioninventory-agent");
  if (fusion) {
    list.push({
      name: "fusioninventory-agent",
      ours: false,
      argv: (dir) => [fusion, `--local=${dir}`],
    });
  } else notes.push("fusioninventory-agent is not installed (tools/setup.sh installs it)");
  return { list, notes };
}

/** The newest modification time among the sources the bundle is built from. */
function newestSource(): number {
  let newest = 0;
  const walk = (dir: string) => {
    for (const entry of Deno.readDirSync(dir)) {
      const path = join(dir, entry.name);
      if (entry.isDirectory) walk(path);
      else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith("_test.ts")) {
        newest = Math.max(newest, Deno.statSync(path).mtime?.getTime() ?? 0);
      }
    }
  };
  for (const dir of ["agent", "cli", "protocol", "server"]) walk(join(REPO_ROOT, dir));
  newest = Math.max(newest, Deno.statSync(join(REPO_ROOT, "main.ts")).mtime?.getTime() ?? 0);
  return newest;
}

interface RunOutcome {
  ok: boolean;
  wallMs: number;
  peakRssMb: number;
  cpuS: number;
  outputBytes: number;
  failure?: string;
}

/** Runs `argv` once with a fresh output directory and measures it. */
async function runOnce(program: Program, useTime: boolean, keep: boolean): Promise<RunOutcome> {
  const dir = Deno.makeTempDirSync({ prefix: "agent-bench-" });
  const timeFile = join(dir, ".time");
  const argv = program.argv(dir);
  const [command, ...args] = useTime ? [TIME, "-f", "%M %U %S", "-o", timeFile, ...argv] : argv;
  const started = performance.now();
  const child = new Deno.Command(command!, {
    args,
    cwd: dir,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).spawn();
  // Without /usr/bin/time, poll the peak while the process lives.
  let polledKb = 0;
  const poller = useTime ? undefined : setInterval(() => {
    const kb = procStatusKb(child.pid, "VmHWM");
    if (kb > polledKb) polledKb = kb;
  }, 2);
  const output = await child.output();
  const wallMs = performance.now() - started;
  if (poller !== undefined) clearInterval(poller);

  let peakRssMb = polledKb / 1024;
  let cpuS = NaN;
  if (useTime) {
    const [kb, user, sys] = Deno.readTextFileSync(timeFile).trim().split("\n").at(-1)!.split(" ")
      .map(Number);
    peakRssMb = kb! / 1024;
    cpuS = user! + sys!;
  }
  const files = [...Deno.readDirSync(dir)].filter((e) => e.isFile && /\.(ocs|xml)$/.test(e.name));
  let failure: string | undefined;
  let outputBytes = 0;
  if (output.code !== 0) {
    const stderr = new TextDecoder().decode(output.stderr).trim().split("\n").slice(-3).join(" | ");
    failure = `exit ${output.code}: ${stderr}`;
  } else if (files.length !== 1) {
    failure = `${files.length} inventory files written`;
  } else {
    const body = Deno.readFileSync(join(dir, files[0]!.name));
    outputBytes = body.length;
    if (program.ours) failure = checkInventory(body);
  }
  if (keep) console.log(`  kept ${dir}`);
  else Deno.removeSync(dir, { recursive: true });
  return {
    ok: failure === undefined,
    wallMs,
    peakRssMb,
    cpuS,
    outputBytes,
    ...(failure ? { failure } : {}),
  };
}

/** Why our inventory file is not a complete INVENTORY request; undefined when it is. */
function checkInventory(body: Uint8Array): string | undefined {
  try {
    const { request } = decodeRequest(body);
    if (request.query !== "INVENTORY") return `query ${request.query}, not INVENTORY`;
    // What every Linux machine has (BIOS, for one, is absent from VMs without DMI tables).
    for (const section of ["HARDWARE", "CPUS", "DRIVES", "NETWORKS", "SOFTWARES"]) {
      if (!(section in request.content)) return `no ${section} section`;
    }
    return undefined;
  } catch (error) {
    return `not a valid inventory: ${(error as Error).message}`;
  }
}

function machine(): AgentBenchResult["machine"] {
  const cpuinfo = Deno.readTextFileSync("/proc/cpuinfo");
  const meminfo = Deno.readTextFileSync("/proc/meminfo");
  const memKb = Number(/^MemTotal:\s+(\d+)/m.exec(meminfo)?.[1] ?? NaN);
  return {
    cpus: navigator.hardwareConcurrency,
    cpuModel: /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? "unknown",
    memoryGb: Math.round(memKb / 1024 / 1024 * 10) / 10,
    deno: Deno.version.deno,
  };
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

function stats(values: number[], digits = 1) {
  return values.length === 0 ? { median: NaN, min: NaN, max: NaN } : {
    median: round(percentile(values, 50), digits),
    min: round(Math.min(...values), digits),
    max: round(Math.max(...values), digits),
  };
}

/** Runs the benchmark; resolves to its figures (and prints them unless `print` is false). */
export async function runAgentBench(options: AgentBenchOptions = {}): Promise<AgentBenchResult> {
  const runs = Math.max(1, options.runs ?? 5);
  const show = options.print ?? true;
  const log = (line: string) => show && console.log(line);
  const useTime = exists(TIME);
  const { list, notes } = programs();
  if (!useTime) notes.push(`${TIME} missing (Debian package time): peak RSS polled from /proc`);
  for (const note of notes) log(`note: ${note}`);

  if (options.warmup ?? true) {
    log(`warm-up: one untimed run of each of ${list.length} programs`);
    for (const program of list) await runOnce(program, useTime, false);
  }
  const outcomes = new Map<Program, RunOutcome[]>(list.map((p) => [p, []]));
  for (let round = 1; round <= runs; round++) {
    const line: string[] = [];
    for (const program of list) {
      const outcome = await runOnce(program, useTime, options.keep ?? false);
      outcomes.get(program)!.push(outcome);
      line.push(`${program.name} ${(outcome.wallMs / 1000).toFixed(2)} s`);
    }
    log(`run ${round}/${runs}: ${line.join(", ")}`);
  }

  const results: ProgramResult[] = list.map((program) => {
    const all = outcomes.get(program)!;
    const good = all.filter((o) => o.ok);
    return {
      name: program.name,
      command: program.argv("DIR").map((a) => a.replace(REPO_ROOT, "")).join(" "),
      ok: good.length,
      runs: all.length,
      wallMs: stats(good.map((o) => o.wallMs), 0),
      peakRssMb: stats(good.map((o) => o.peakRssMb)),
      cpuS: round(percentile(good.map((o) => o.cpuS), 50), 2),
      outputBytes: good.at(-1)?.outputBytes ?? 0,
      failures: all.flatMap((o) => (o.failure ? [o.failure] : [])),
    };
  });

  const byName = (name: string) => results.find((r) => r.name === name);
  const ocs = byName("ocsinventory-agent");
  const fusion = byName("fusioninventory-agent");
  const targets: AgentBenchResult["targets"] = {};
  for (const ours of results.filter((r) => r.name.startsWith("inventory"))) {
    const flavour = /\((\w+)\)/.exec(ours.name)![1]!;
    const checks: Record<string, TargetCheck> = {};
    if (ocs && ocs.ok > 0) {
      const ratio = round(ours.wallMs.median / ocs.wallMs.median, 3);
      checks.vsOcsWall = { value: ratio, target: AGENT_TARGETS.vsOcsWall, pass: ratio <= 1 / 8 };
    }
    if (fusion && fusion.ok > 0) {
      const ratio = round(ours.wallMs.median / fusion.wallMs.median, 3);
      checks.vsFusionWall = {
        value: ratio,
        target: AGENT_TARGETS.vsFusionWall,
        pass: ratio <= 1 / 2,
      };
    }
    checks.peakRssMb = {
      value: ours.peakRssMb.median,
      target: AGENT_TARGETS.peakRssMb,
      pass: ours.peakRssMb.median < AGENT_TARGETS.peakRssMb,
    };
    targets[flavour] = checks;
  }

  const result: AgentBenchResult = {
    bench: "agent",
    date: new Date().toISOString(),
    machine: machine(),
    runs,
    rssSource: useTime ? "time" : "proc",
    programs: results,
    targets,
    correct: results.filter((r) => r.name.startsWith("inventory")).every((r) => r.ok === r.runs),
  };
  if (show) console.log(report(result));
  return result;
}

function report(r: AgentBenchResult): string {
  const m = r.machine;
  const lines = [
    "",
    `Agent: one full --local run, median of ${r.runs} (${m.cpus} CPUs, ${m.cpuModel}, ${m.memoryGb} GB, deno ${m.deno})`,
    "",
    formatTable(
      ["program", "wall ms", "min", "max", "peak RSS MB", "max", "CPU s", "file KB", "ok"],
      r.programs.map((p) => [
        p.name,
        p.wallMs.median,
        p.wallMs.min,
        p.wallMs.max,
        p.peakRssMb.median,
        p.peakRssMb.max,
        p.cpuS,
        round(p.outputBytes / 1024),
        `${p.ok}/${p.runs}`,
      ]),
    ),
  ];
  for (const p of r.programs) {
    for (const failure of new Set(p.failures)) lines.push(`${p.name} FAILED: ${failure}`);
  }
  const rows: (string | number)[][] = [];
  for (const [flavour, checks] of Object.entries(r.targets)) {
    const row = (label: string, check: TargetCheck | undefined, target: string) => {
      if (check) rows.push([`${flavour}: ${label}`, check.value, target, verdict(check.pass)]);
      else rows.push([`${flavour}: ${label}`, "n/a", target, "not measured"]);
    };
    row("wall ours/OCS", checks.vsOcsWall, "<= 0.125 (1/8)");
    row("wall ours/Fusion", checks.vsFusionWall, "<= 0.5 (1/2)");
    row("peak RSS (MB)", checks.peakRssMb, `< ${AGENT_TARGETS.peakRssMb}`);
  }
  lines.push("", formatTable(["target", "value", "target", "verdict"], rows), "");
  lines.push(JSON.stringify(r));
  return lines.join("\n");
}

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      runs: { type: "string" },
      "no-warmup": { type: "boolean" },
      keep: { type: "boolean" },
    },
  });
  const result = await runAgentBench({
    ...(values.runs ? { runs: Number(values.runs) } : {}),
    ...(values["no-warmup"] ? { warmup: false } : {}),
    ...(values.keep ? { keep: true } : {}),
  });
  Deno.exit(result.correct ? 0 : 1);
}
