/**
 * Probes: the live machine ({@link liveProbe}, optionally rooted in a fake tree for tests),
 * a fully recorded one ({@link recordedProbe}), and a memoizing wrapper ({@link cachedProbe}) so
 * collectors running side by side share reads and commands instead of repeating them.
 *
 * @module
 */

import { statfs as nodeStatfs } from "node:fs/promises";
import type { FileInfo, Probe } from "./types.ts";

/** Options of {@link liveProbe}. */
export interface LiveProbeOptions {
  /** Prefix for every path (a fake tree under tests/fixtures/agent/…). Default: the real root. */
  root?: string;
  /** `true` logs to stderr; a function receives the messages. Default: silent. */
  debug?: boolean | ((message: string) => void);
  /** Per-command timeout. Default 5000 ms. */
  timeoutMs?: number;
  /** Whether commands run at all; default true without `root`, false with one (a fake tree
   * has no programs, and the real machine's output would not match it). */
  commands?: boolean;
}

const DEFAULT_TIMEOUT_MS = 5000;
/** sbin directories too: `ip`, `lspci` and friends live there and a user's PATH may lack them. */
const EXTRA_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/** A probe of the live machine. */
export function liveProbe(options: LiveProbeOptions = {}): Probe {
  const root = options.root?.replace(/\/+$/, "") ?? "";
  const at = (path: string) => root + path;
  const debug = typeof options.debug === "function"
    ? options.debug
    : options.debug
    ? (message: string) => console.error(`[agent] ${message}`)
    : () => {};
  const commands = options.commands ?? root === "";
  const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const env = {
    LC_ALL: "C",
    LANG: "C",
    // Windows keeps its own PATH (";"-separated, no sbin); Unix gets the sbin directories added.
    PATH: Deno.build.os === "windows"
      ? Deno.env.get("PATH") ?? ""
      : [Deno.env.get("PATH"), EXTRA_PATH].filter(Boolean).join(":"),
  };
  const quiet = (what: string, path: string) => (error: unknown) => {
    if (!isExpected(error)) debug(`${what} ${path}: ${describe(error)}`);
    return null;
  };

  // File reads are synchronous on purpose: everything read is local (/proc, /sys, /etc,
  // /var/lib) and answers in microseconds, while each async call costs a thread-pool round trip —
  // for the ~800 dpkg list stats that is 5 ms instead of 25. statfs and commands, which can
  // hang (network mounts, daemons), stay asynchronous with a timeout.
  const attempt = <T>(what: string, path: string, read: () => T): Promise<T | null> => {
    try {
      return Promise.resolve(read());
    } catch (error) {
      return Promise.resolve(quiet(what, path)(error));
    }
  };

  return {
    readText: (path) => attempt("read", path, () => Deno.readTextFileSync(at(path))),
    readBytes: (path) => attempt("read", path, () => Deno.readFileSync(at(path))),
    async list(path) {
      const names = await attempt(
        "list",
        path,
        () => [...Deno.readDirSync(at(path))].map((e) => e.name),
      );
      return (names ?? []).sort();
    },
    readLink(path) {
      try {
        return Promise.resolve(Deno.readLinkSync(at(path)));
      } catch {
        return Promise.resolve(null);
      }
    },
    stat: (path) =>
      attempt("stat", path, () => {
        const s = Deno.statSync(at(path));
        return {
          isFile: s.isFile,
          isDirectory: s.isDirectory,
          size: s.size,
          mtimeMs: s.mtime?.getTime() ?? null,
          // Filesystems without a birth time report 0 (the epoch) rather than nothing.
          birthtimeMs: s.birthtime && s.birthtime.getTime() > 0 ? s.birthtime.getTime() : null,
        };
      }),
    async statfs(path) {
      try {
        // A dead network mount can block statfs for minutes: give up after the command timeout.
        const s = await withTimeout(nodeStatfs(at(path)), timeout, `statfs ${path}`);
        const unit = (s as { frsize?: number }).frsize || s.bsize;
        return { total: s.blocks * unit, free: s.bavail * unit };
      } catch (error) {
        return quiet("statfs", path)(error);
      }
    },
    async run(command, args, runOptions) {
      const line = [command, ...args].join(" ");
      if (!commands) return null;
      const ms = runOptions?.timeoutMs ?? timeout;
      try {
        const output = await new Deno.Command(command, {
          args,
          env,
          stdin: "null",
          stdout: "piped",
          stderr: "piped",
          signal: AbortSignal.timeout(ms),
        }).output();
        if (output.success) return new TextDecoder().decode(output.stdout);
        const stderr = new TextDecoder().decode(output.stderr).trim().slice(0, 200);
        debug(
          `${line}: exit ${output.code}${
            output.signal ? ` (${output.signal}, timeout ${ms} ms?)` : ""
          }${stderr ? `: ${stderr}` : ""}`,
        );
        return null;
      } catch (error) {
        debug(
          `${line}: ${error instanceof Deno.errors.NotFound ? "not installed" : describe(error)}`,
        );
        return null;
      }
    },
    debug,
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer after ${ms} ms`)), ms);
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}

/** Absent files, and sysfs attributes the driver cannot answer (EINVAL, ENODEV, ENXIO). */
function isExpected(error: unknown): boolean {
  if (error instanceof Deno.errors.NotFound) return true;
  return error instanceof Error && /os error (22|19|6)\)/.test(error.message);
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** What a {@link recordedProbe} knows. Paths are absolute; command keys are the command line
 * joined by single spaces (`ip -j addr`); a null output is a failed command. */
export interface Recording {
  files?: Record<string, string | Uint8Array>;
  links?: Record<string, string>;
  commands?: Record<string, string | null>;
  /** Metadata overrides (mtime, birth time); files and their directories exist without it. */
  stats?: Record<string, Partial<FileInfo>>;
  statfs?: Record<string, { total: number; free: number }>;
}

/** A probe answering from a recording, for tests. Messages go to `messages`. */
export function recordedProbe(recording: Recording): Probe & { messages: string[] } {
  const files = recording.files ?? {};
  const messages: string[] = [];
  const isDir = (path: string) => {
    const prefix = path.endsWith("/") ? path : `${path}/`;
    return Object.keys(files).some((f) => f.startsWith(prefix)) ||
      Object.keys(recording.links ?? {}).some((f) => f.startsWith(prefix)) ||
      Object.keys(recording.stats ?? {}).some((f) => f.startsWith(prefix)) ||
      recording.stats?.[path]?.isDirectory === true;
  };
  return {
    messages,
    readText(path) {
      const value = files[path];
      if (value === undefined) return Promise.resolve(null);
      return Promise.resolve(typeof value === "string" ? value : new TextDecoder().decode(value));
    },
    readBytes(path) {
      const value = files[path];
      if (value === undefined) return Promise.resolve(null);
      return Promise.resolve(typeof value === "string" ? new TextEncoder().encode(value) : value);
    },
    list(path) {
      const prefix = path.endsWith("/") ? path : `${path}/`;
      const names = new Set<string>();
      const paths = [
        ...Object.keys(files),
        ...Object.keys(recording.links ?? {}),
        ...Object.keys(recording.stats ?? {}),
      ];
      for (const f of paths) {
        if (f.startsWith(prefix)) names.add(f.slice(prefix.length).split("/")[0]!);
      }
      names.delete("");
      return Promise.resolve([...names].sort());
    },
    readLink: (path) => Promise.resolve(recording.links?.[path] ?? null),
    stat(path) {
      const override = recording.stats?.[path];
      const value = files[path];
      if (value === undefined && !override && !isDir(path)) return Promise.resolve(null);
      const size = value === undefined
        ? 0
        : typeof value === "string"
        ? new TextEncoder().encode(value).length
        : value.length;
      return Promise.resolve({
        isFile: value !== undefined || override?.isFile === true,
        isDirectory: value === undefined && override?.isFile !== true,
        size,
        mtimeMs: null,
        birthtimeMs: null,
        ...override,
      });
    },
    statfs: (path) => Promise.resolve(recording.statfs?.[path] ?? null),
    run(command, args) {
      const output = recording.commands?.[[command, ...args].join(" ")];
      if (output === undefined) messages.push(`not recorded: ${[command, ...args].join(" ")}`);
      return Promise.resolve(output ?? null);
    },
    debug: (message) => void messages.push(message),
  };
}

/**
 * Wraps a probe so that each distinct read, listing, stat and command happens once: collectors
 * run concurrently and several need the same facts (`ip -j addr`, `/proc/cpuinfo`, PCI ids).
 */
export function cachedProbe(probe: Probe): Probe {
  const cache = new Map<string, Promise<unknown>>();
  const once = <T>(key: string, load: () => Promise<T>): Promise<T> => {
    let hit = cache.get(key) as Promise<T> | undefined;
    if (!hit) cache.set(key, hit = load());
    return hit;
  };
  return {
    readText: (path) => once(`text ${path}`, () => probe.readText(path)),
    readBytes: (path) => once(`bytes ${path}`, () => probe.readBytes(path)),
    list: (path) => once(`list ${path}`, () => probe.list(path)),
    readLink: (path) => once(`link ${path}`, () => probe.readLink(path)),
    stat: (path) => once(`stat ${path}`, () => probe.stat(path)),
    statfs: (path) => once(`statfs ${path}`, () => probe.statfs(path)),
    run: (command, args, options) =>
      once(`run ${JSON.stringify([command, ...args])}`, () => probe.run(command, args, options)),
    debug: (message) => probe.debug(message),
  };
}
