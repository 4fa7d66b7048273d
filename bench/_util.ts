/**
 * What the benchmarks share: percentiles, a free loopback port, the server as a child process
 * (with its peak RSS and CPU time read from /proc), and table printing.
 *
 * @module
 */

import { join } from "node:path";

/** The repository root (bench/ is one level below it). */
export const REPO_ROOT = new URL("..", import.meta.url).pathname;

/** The `p`-th percentile (0–100) of `values`, nearest-rank; NaN when empty. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

/** p50, p99, max and mean of a list of latencies. */
export interface LatencyStats {
  p50: number;
  p99: number;
  max: number;
  mean: number;
}

/** Summarises latencies in ms, rounded to 0.1 ms. */
export function latencyStats(values: readonly number[]): LatencyStats {
  const round = (n: number) => Math.round(n * 10) / 10;
  const sum = values.reduce((a, b) => a + b, 0);
  return {
    p50: round(percentile(values, 50)),
    p99: round(percentile(values, 99)),
    max: round(Math.max(...values)),
    mean: round(sum / values.length),
  };
}

/** A TCP port free on 127.0.0.1 right now. */
export function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

/** One line of /proc/<pid>/status as a number of kB (VmHWM, VmRSS…), or NaN. */
export function procStatusKb(pid: number | "self", field: string): number {
  try {
    const status = Deno.readTextFileSync(`/proc/${pid}/status`);
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status);
    return match ? Number(match[1]) : NaN;
  } catch {
    return NaN;
  }
}

/** Peak resident set size (VmHWM) of a process, in MB. */
export function peakRssMb(pid: number | "self"): number {
  return Math.round(procStatusKb(pid, "VmHWM") / 1024 * 10) / 10;
}

const CLOCK_TICKS = 100; // USER_HZ on Linux

/** CPU seconds (user + system) from a /proc/…/stat line. */
function cpuOfStat(stat: string): number {
  // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
  const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(rest[11]) + Number(rest[12])) / CLOCK_TICKS;
}

/** CPU seconds used so far by a process (all its threads). */
export function processCpuSeconds(pid: number | "self"): number {
  try {
    return cpuOfStat(Deno.readTextFileSync(`/proc/${pid}/stat`));
  } catch {
    return NaN;
  }
}

/**
 * CPU seconds per thread of a process, grouped by thread name (`comm`), the first thread (the
 * JS main thread) reported as "main". Worker threads started by `new Worker(…, {name})` carry
 * that name.
 */
export function threadCpuSeconds(pid: number): Record<string, number> {
  const out: Record<string, number> = {};
  let tasks: Deno.DirEntry[];
  try {
    tasks = [...Deno.readDirSync(`/proc/${pid}/task`)];
  } catch {
    return out;
  }
  for (const task of tasks) {
    try {
      const stat = Deno.readTextFileSync(`/proc/${pid}/task/${task.name}/stat`);
      const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const name = task.name === String(pid) ? "main" : comm;
      out[name] = (out[name] ?? 0) + cpuOfStat(stat);
    } catch {
      // the thread ended meanwhile
    }
  }
  return out;
}

/** The difference of two per-thread CPU readings, rounded to 0.01 s, largest first. */
export function cpuDelta(
  before: Record<string, number>,
  after: Record<string, number>,
): Record<string, number> {
  const entries = Object.entries(after)
    .map(([name, s]): [string, number] => [name, Math.round((s - (before[name] ?? 0)) * 100) / 100])
    .filter(([, s]) => s > 0)
    .sort((a, b) => b[1] - a[1]);
  return Object.fromEntries(entries);
}

/** Machine-wide CPU seconds from /proc/stat: busy (all cores, every process) and iowait. */
export function machineCpuSeconds(): { busy: number; iowait: number } {
  const line = Deno.readTextFileSync("/proc/stat").split("\n")[0]!;
  const [user, nice, system, _idle, iowait, irq, softirq, steal] = line.trim().split(/\s+/)
    .slice(1).map(Number) as number[];
  return {
    busy: (user! + nice! + system! + irq! + softirq! + steal!) / CLOCK_TICKS,
    iowait: iowait! / CLOCK_TICKS,
  };
}

/** Options for {@link startServerProcess}. */
export interface ServerProcessOptions {
  /** Data directory (created by the server). */
  dataDir: string;
  durability?: "full" | "normal";
  /** 0 (default): the server's own default, one per CPU core. */
  decodeWorkers?: number;
  /** Extra `serve` flags. */
  args?: string[];
  /** Extra `deno run` flags placed before the script (e.g. `--v8-flags=--prof`). */
  denoArgs?: string[];
  /** Working directory of the server process (V8 profiles land there). */
  cwd?: string;
}

/** A server running as a child process. */
export interface ServerProcess {
  pid: number;
  url: string;
  /** The server's stderr (its log), written to this file. */
  logPath: string;
  /** Sends SIGTERM and waits for a clean exit; resolves to the exit code. */
  stop(): Promise<number>;
}

/**
 * Starts `deno run -A main.ts serve` on a free loopback port and waits until it listens.
 * Its stdout is read for the "listening on" line; its stderr (the log) goes to a file.
 */
export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  await Deno.mkdir(options.dataDir, { recursive: true });
  const port = freePort();
  const logPath = join(options.dataDir, "server.log");
  const args = [
    "run",
    "--allow-all",
    ...(options.denoArgs ?? []),
    join(REPO_ROOT, "main.ts"),
    "serve",
    "--data",
    options.dataDir,
    "--listen",
    `127.0.0.1:${port}`,
    "--durability",
    options.durability ?? "full",
    ...(options.decodeWorkers ? ["--decode-workers", String(options.decodeWorkers)] : []),
    ...(options.args ?? []),
  ];
  const child = new Deno.Command(Deno.execPath(), {
    args,
    cwd: options.cwd ?? REPO_ROOT,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const logFile = await Deno.open(logPath, { write: true, create: true, truncate: true });
  const logDone = child.stderr.pipeTo(logFile.writable).catch(() => {});

  // Read stdout until the server says it listens; keep draining it afterwards.
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let seen = "";
  const deadline = setTimeout(() => {
    try {
      child.kill("SIGKILL");
    } catch {
      // already gone
    }
  }, 60_000);
  let url: string | null = null;
  while (url === null) {
    const { done, value } = await reader.read();
    if (done) break;
    seen += value;
    const match = /listening on (\S+)/.exec(seen);
    if (match) url = match[1]!;
  }
  clearTimeout(deadline);
  if (url === null) {
    await child.status;
    await logDone;
    throw new Error(
      `The server did not start. stdout:\n${seen}\nlog (${logPath}):\n${await Deno.readTextFile(
        logPath,
      )}`,
    );
  }
  const drained = (async () => {
    while (!(await reader.read()).done) { /* discard */ }
  })().catch(() => {});
  return {
    pid: child.pid,
    url,
    logPath,
    async stop() {
      try {
        child.kill("SIGTERM");
      } catch {
        // already gone
      }
      const status = await child.status;
      await drained;
      await logDone;
      return status.code;
    },
  };
}

/** Formats a table with a header row; numbers right-aligned, text left-aligned. */
export function formatTable(header: string[], rows: (string | number)[][]): string {
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((r) => String(r[i] ?? "").length))
  );
  const line = (r: (string | number)[]) =>
    r.map((c, i) =>
      typeof c === "number" ? String(c).padStart(widths[i]!) : String(c).padEnd(widths[i]!)
    ).join("  ").trimEnd();
  const rule = widths.map((w) => "-".repeat(w)).join("  ");
  return [line(header), rule, ...rows.map(line)].join("\n");
}

/** "PASS" or "FAIL" for a target. */
export function verdict(ok: boolean): "PASS" | "FAIL" {
  return ok ? "PASS" : "FAIL";
}
