/**
 * `inventory serve` as a real child process on a data directory, with its output kept, for tests
 * that need several processes or a SIGKILL.
 *
 * @module
 */

import { fileURLToPath } from "node:url";

const MAIN = fileURLToPath(new URL("../../main.ts", import.meta.url));

/** A server process. */
export interface ServeProcess {
  url: string;
  pid: number;
  /** Its stderr so far. */
  log(): string;
  /** Its stdout so far. */
  stdout(): string;
  /** Waits (up to `timeoutMs`) until stdout matches `pattern`; the match. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  /** SIGTERM (graceful) and wait; resolves to the exit code. */
  stop(): Promise<number>;
  /** SIGKILL and wait. Never throws. */
  kill(): Promise<void>;
}

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

/**
 * Starts `main.ts serve --data DIR` plus `args`; resolves once /healthz answers. `prefix` runs it
 * under another command (e.g. `unshare … --`), which must end by exec'ing its arguments.
 */
export async function spawnServe(
  dataDir: string,
  args: string[] = [],
  env: Record<string, string> = {},
  options: { prefix?: string[] } = {},
): Promise<ServeProcess> {
  const port = freePort();
  const url = `http://127.0.0.1:${port}`;
  const [command = Deno.execPath(), ...before] = [...(options.prefix ?? []), Deno.execPath()];
  const child = new Deno.Command(command, {
    args: [
      ...before,
      ...["run", "-A", MAIN, "serve", "--data", dataDir, "--listen", `127.0.0.1:${port}`, ...args],
    ],
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1", ...env },
  }).spawn();
  let stdout = "";
  let stderr = "";
  const keep = (stream: ReadableStream<Uint8Array<ArrayBuffer>>, add: (text: string) => void) =>
    stream.pipeThrough(new TextDecoderStream()).pipeTo(new WritableStream({ write: add }));
  const drained = Promise.all([
    keep(child.stdout, (text) => stdout += text),
    keep(child.stderr, (text) => stderr += text),
  ]).catch(() => {});
  let exited = false;
  const status = child.status.then((s) => {
    exited = true;
    return s;
  });
  const signal = async (name: Deno.Signal) => {
    if (!exited) {
      try {
        child.kill(name);
      } catch {
        // Already gone.
      }
    }
    const s = await status;
    await drained;
    return s.code;
  };
  const process: ServeProcess = {
    url,
    pid: child.pid,
    log: () => stderr,
    stdout: () => stdout,
    waitForOutput: async (pattern, timeoutMs = 30_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const match = pattern.exec(stdout);
        if (match) return match;
        if (exited || Date.now() > deadline) {
          throw new Error(`stdout never matched ${pattern}:\n${stdout}\n${stderr}`);
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    stop: () => signal("SIGTERM"),
    kill: async () => {
      await signal("SIGKILL");
    },
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) {
      await drained;
      throw new Error(`The server exited before answering:\n${stderr}`);
    }
    try {
      const response = await fetch(`${url}/healthz`);
      await response.body?.cancel();
      if (response.ok) return process;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await process.kill();
      throw new Error(`The server did not answer /healthz within 60 s:\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
