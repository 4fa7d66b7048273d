/**
 * A throw-away PostgreSQL cluster for tests and benchmarks: Debian's `postgresql` binaries
 * (installed by tools/setup.sh), a data directory under a temporary directory, its unix socket
 * there too and a free loopback port. Nothing assumes a running service.
 *
 * As root, the cluster runs as the `postgres` OS user the Debian package creates (the server
 * refuses to run as root). Durability is off (fsync, synchronous_commit, full_page_writes):
 * a test cluster is thrown away, never recovered.
 *
 * @module
 */

import { join } from "node:path";
import pg from "pg";

/** A running cluster. */
export interface PostgresCluster {
  /** `postgres://` URL of the `postgres` maintenance database. */
  readonly url: string;
  readonly port: number;
  /** Directory of the unix socket. */
  readonly socketDir: string;
  /** Creates a new empty database; its `postgres://` URL. */
  createDatabase(name?: string): Promise<string>;
  /** Stops the server (immediate) and removes its files. Never throws. */
  stop(): Promise<void>;
}

const POSTGRES_LIB = "/usr/lib/postgresql";

/** The bin directory of the newest PostgreSQL installed by Debian's packages. */
export function postgresBinDir(): string {
  let versions: number[] = [];
  try {
    versions = [...Deno.readDirSync(POSTGRES_LIB)]
      .map((e) => Number(e.name))
      .filter((v) => Number.isInteger(v))
      .sort((a, b) => b - a);
  } catch {
    // Reported below.
  }
  const dir = versions.map((v) => join(POSTGRES_LIB, String(v), "bin"))
    .find((d) => exists(join(d, "pg_ctl")));
  if (!dir) {
    throw new Error(
      `No PostgreSQL server under ${POSTGRES_LIB}: run tools/setup.sh (Debian package postgresql)`,
    );
  }
  return dir;
}

function exists(path: string): boolean {
  try {
    Deno.statSync(path);
    return true;
  } catch {
    return false;
  }
}

/** The uid and gid to run the server as: ourselves, or `postgres` when we are root. */
function serverUser(): { uid: number; gid: number; name: string } | null {
  if (Deno.uid() !== 0) return null;
  const line = Deno.readTextFileSync("/etc/passwd").split("\n")
    .find((l) => l.startsWith("postgres:"));
  if (!line) throw new Error("Running as root and no `postgres` OS user: install postgresql");
  const [, , uid, gid] = line.split(":");
  return { uid: Number(uid), gid: Number(gid), name: "postgres" };
}

async function run(command: string, args: string[], asUser: string | null): Promise<void> {
  // runuser (util-linux) drops root for the one command; no password, no PAM session.
  const [cmd, argv] = asUser
    ? ["runuser", ["-u", asUser, "--", command, ...args]]
    : [command, args];
  const out = await new Deno.Command(cmd, { args: argv, stdout: "piped", stderr: "piped" })
    .output();
  if (out.code !== 0) {
    const text = new TextDecoder().decode(out.stderr) + new TextDecoder().decode(out.stdout);
    throw new Error(`${command} ${args.join(" ")} failed (${out.code}): ${text.trim()}`);
  }
}

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

let databases = 0;

/** Creates and starts a new cluster; call `stop()` when done (in a `finally`). */
export async function startPostgres(): Promise<PostgresCluster> {
  const bin = postgresBinDir();
  const user = serverUser();
  const root = await Deno.makeTempDir({ prefix: "inventory-pg-" });
  if (user) await Deno.chown(root, user.uid, user.gid);
  const data = join(root, "data");
  const asUser = user?.name ?? null;
  const stop = async () => {
    try {
      await run(join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"], asUser);
    } catch {
      // Not started, or already gone.
    }
    await Deno.remove(root, { recursive: true }).catch(() => {});
  };
  try {
    await run(join(bin, "initdb"), [
      "-D",
      data,
      "-U",
      "postgres",
      "--auth=trust",
      "--encoding=UTF8",
      "--locale=C",
      "--no-sync",
    ], asUser);
    // A port taken between freePort() and the server's bind fails the start: try another.
    for (let attempt = 1;; attempt++) {
      const port = freePort();
      const options = [
        `-p ${port}`,
        `-k ${root}`,
        "-c listen_addresses=127.0.0.1",
        "-c fsync=off",
        "-c synchronous_commit=off",
        "-c full_page_writes=off",
        "-c max_connections=50",
        "-c shared_buffers=32MB",
      ].join(" ");
      try {
        await run(join(bin, "pg_ctl"), [
          "-D",
          data,
          "-l",
          join(root, "server.log"),
          "-o",
          options,
          "-w",
          "-t",
          "120",
          "start",
        ], asUser);
      } catch (error) {
        if (attempt >= 3) {
          const log = await Deno.readTextFile(join(root, "server.log")).catch(() => "");
          throw new Error(`${(error as Error).message}\n${log}`);
        }
        continue;
      }
      const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
      return {
        url,
        port,
        socketDir: root,
        createDatabase: async (name = `test_${Deno.pid}_${++databases}`) => {
          const client = new pg.Client({ connectionString: url });
          await client.connect();
          try {
            await client.query(`create database "${name.replaceAll('"', '""')}"`);
          } finally {
            await client.end();
          }
          return `postgres://postgres@127.0.0.1:${port}/${encodeURIComponent(name)}`;
        },
        stop,
      };
    }
  } catch (error) {
    await stop();
    throw error;
  }
}
