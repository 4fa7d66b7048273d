/**
 * A throw-away OCS Inventory NG server for tests and benchmarks, made of Debian's real parts:
 * MariaDB (`mariadbd`, own datadir, socket and loopback port under a temp dir, a real user with a
 * password), the OCS schema shipped by `ocsinventory-reports`, and Apache (`apache2` with the
 * mod_perl handler of `ocsinventory-server`) on its own loopback port with its own ServerRoot, so
 * the system's services and port 80 are never touched. tools/setup.sh installs the packages; when
 * one is missing the start fails (never a skip).
 *
 * @module
 */

import { join } from "node:path";

const SCHEMA_DIR = "/usr/share/ocsinventory-reports/files";
const OCS_APACHE_CONF = "/etc/apache2/conf-available/ocsinventory-server.conf";
const APACHE_MODULES = "/usr/lib/apache2/modules";

/** Waits for start-ups; generous because the machine may be busy. */
const START_TIMEOUT_MS = 60_000;

/** A running MariaDB. */
export interface TestMariaDb {
  port: number;
  socket: string;
  /** Runs SQL as root through the socket (the `mariadb` client); its tab-separated output. */
  sql(database: string, text: string): Promise<string>;
  /** Creates `database` with the OCS schema and a user with all rights on it. */
  createOcsDatabase(database: string, user: string, password: string): Promise<void>;
  stop(): Promise<void>;
}

/** A running OCS communication server (Apache + mod_perl). */
export interface TestOcsServer {
  /** What agents post to: `http://127.0.0.1:PORT/ocsinventory`. */
  url: string;
  /** Apache's error log so far (for diagnostics). */
  errorLog(): Promise<string>;
  stop(): Promise<void>;
}

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

async function run(cmd: string, args: string[], stdin?: string): Promise<string> {
  const child = new Deno.Command(cmd, {
    args,
    stdin: stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  if (stdin !== undefined) {
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(stdin));
    await writer.close();
  }
  const out = await child.output();
  const text = new TextDecoder().decode(out.stdout);
  if (!out.success) {
    throw new Error(
      `${cmd} ${args.join(" ")} failed (${out.code}): ${new TextDecoder().decode(out.stderr)}`,
    );
  }
  return text;
}

async function waitFor(what: string, ready: () => Promise<boolean>, log: () => Promise<string>) {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (await ready().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not start in ${START_TIMEOUT_MS} ms:\n${await log()}`);
}

const isRoot = () => Deno.uid() === 0;

/** Starts MariaDB on a loopback port with its data under `dir`. */
export async function startMariaDb(dir: string): Promise<TestMariaDb> {
  const datadir = join(dir, "mariadb");
  const socket = join(dir, "mariadb.sock");
  const errLog = join(dir, "mariadb.err");
  const port = freePort();
  await run("mariadb-install-db", [
    "--no-defaults",
    `--datadir=${datadir}`,
    "--auth-root-authentication-method=normal",
    "--skip-test-db",
    ...(isRoot() ? ["--user=root"] : []),
  ]);
  const child = new Deno.Command("/usr/sbin/mariadbd", {
    args: [
      "--no-defaults",
      `--datadir=${datadir}`,
      `--socket=${socket}`,
      `--port=${port}`,
      "--bind-address=127.0.0.1",
      `--pid-file=${join(dir, "mariadb.pid")}`,
      `--log-error=${errLog}`,
      "--skip-log-bin",
      // A test database: small and fast, durability is not the point.
      "--innodb-buffer-pool-size=64M",
      "--innodb-flush-log-at-trx-commit=2",
      "--skip-name-resolve",
      ...(isRoot() ? ["--user=root"] : []),
    ],
    stdin: "null",
    stdout: "null",
    stderr: "null",
  }).spawn();
  const exited = child.status;
  const readLog = () => Deno.readTextFile(errLog).catch(() => "");
  const client = (database: string, text: string, extra: string[] = []) =>
    run("mariadb", ["--no-defaults", "-S", socket, "-uroot", "--batch", ...extra, database], text);
  await waitFor("mariadbd", async () => {
    await client("mysql", "SELECT 1");
    return true;
  }, readLog);
  let stopped = false;
  return {
    port,
    socket,
    sql: (database, text) => client(database, text),
    async createOcsDatabase(database, user, password) {
      const quote = (s: string) => `'${s.replaceAll("\\", "\\\\").replaceAll("'", "\\'")}'`;
      await client(
        "mysql",
        `CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4;
         CREATE USER IF NOT EXISTS ${quote(user)}@'127.0.0.1' IDENTIFIED BY ${quote(password)};
         CREATE USER IF NOT EXISTS ${quote(user)}@'localhost' IDENTIFIED BY ${quote(password)};
         GRANT ALL ON \`${database}\`.* TO ${quote(user)}@'127.0.0.1';
         GRANT ALL ON \`${database}\`.* TO ${quote(user)}@'localhost';`,
      );
      await client(database, await Deno.readTextFile(join(SCHEMA_DIR, "ocsbase_new.sql")));
      // Only the base schema (GUI_VERSION 7039): Debian's communication server (2.8.1) is older
      // than its console (2.11) and fails on the later updates (software_name.CATEGORY dropped).
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        child.kill("SIGTERM");
      } catch {
        // Already gone.
      }
      await exited;
    },
  };
}

/** The package's mod_perl settings, pointed at our database and log dir, SOAP left out. */
function ocsPerlConfig(
  conf: string,
  db: { port: number; database: string; user: string; password: string },
  logDir: string,
): string {
  const set = (text: string, name: string, directive: string, value: string) =>
    text.replace(
      new RegExp(`^\\s*Perl(?:SetEnv|SetVar) ${name} .*$`, "m"),
      `  ${directive} ${name} ${value}`,
    );
  let text = conf.replace(/\s*PerlModule Apache::Ocsinventory::SOAP[\s\S]*?<\/location>/i, "\n");
  text = set(text, "OCS_DB_HOST", "PerlSetEnv", "127.0.0.1");
  text = set(text, "OCS_DB_PORT", "PerlSetEnv", String(db.port));
  text = set(text, "OCS_DB_NAME", "PerlSetEnv", db.database);
  text = set(text, "OCS_DB_LOCAL", "PerlSetEnv", db.database);
  text = set(text, "OCS_DB_USER", "PerlSetEnv", db.user);
  text = set(text, "OCS_DB_PWD", "PerlSetVar", db.password);
  text = set(text, "OCS_OPT_LOGPATH", "PerlSetEnv", `"${logDir}/"`);
  return text;
}

/** Starts Apache with the OCS handler on a loopback port, storing into `database`. */
export async function startOcsServer(
  dir: string,
  mariadb: TestMariaDb,
  database: string,
  user: string,
  password: string,
): Promise<TestOcsServer> {
  const root = await Deno.makeTempDir({ dir, prefix: "apache-" });
  const logDir = join(root, "logs");
  await Deno.mkdir(logDir);
  if (isRoot()) {
    // Apache drops root to `nobody`, which must reach and write the OCS log.
    await Deno.chmod(dir, 0o711);
    await Deno.chmod(root, 0o711);
    await Deno.chmod(logDir, 0o777);
  }
  const port = freePort();
  const perl = ocsPerlConfig(
    await Deno.readTextFile(OCS_APACHE_CONF),
    { port: mariadb.port, database, user, password },
    logDir,
  );
  const config = `ServerRoot "${root}"
ServerName 127.0.0.1
Listen 127.0.0.1:${port}
PidFile "${root}/apache.pid"
ErrorLog "${logDir}/error.log"
LogLevel warn
Mutex file:${root}
DefaultRuntimeDir "${root}"
LoadModule mpm_prefork_module ${APACHE_MODULES}/mod_mpm_prefork.so
LoadModule authz_core_module ${APACHE_MODULES}/mod_authz_core.so
LoadModule perl_module ${APACHE_MODULES}/mod_perl.so
StartServers 2
MinSpareServers 1
MaxSpareServers 4
MaxRequestWorkers 8
${isRoot() ? "User nobody\nGroup nogroup\n" : ""}
${perl}
`;
  const confFile = join(root, "apache.conf");
  await Deno.writeTextFile(confFile, config);
  // Its own session: on shutdown, prefork Apache signals its whole process group, which would
  // otherwise be the test runner's.
  const child = new Deno.Command("setsid", {
    args: ["/usr/sbin/apache2", "-f", confFile, "-DFOREGROUND"],
    stdin: "null",
    stdout: "null",
    stderr: "piped",
    env: { APACHE_RUN_DIR: root, APACHE_LOCK_DIR: root, APACHE_LOG_DIR: logDir },
  }).spawn();
  let stderr = "";
  const drained = child.stderr.pipeThrough(new TextDecoderStream()).pipeTo(
    new WritableStream({ write: (t) => void (stderr += t) }),
  ).catch(() => {});
  const errorLog = async () =>
    stderr + await Deno.readTextFile(join(logDir, "error.log")).catch(() => "");
  const url = `http://127.0.0.1:${port}/ocsinventory`;
  await waitFor("apache2 with the OCS handler", async () => {
    // A GET without a file is answered by the OCS handler itself (400), proving it loaded.
    const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
    await response.body?.cancel();
    return response.status === 400 || response.status === 200;
  }, errorLog);
  let stopped = false;
  return {
    url,
    errorLog,
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        child.kill("SIGTERM");
      } catch {
        // Already gone.
      }
      await child.status;
      await drained;
    },
  };
}

/** Posts one inventory XML to an OCS server as the Unix agent would (zlib-compressed). */
export async function postToOcs(url: string, xml: string): Promise<Response> {
  const stream = new Blob([xml]).stream().pipeThrough(new CompressionStream("deflate"));
  const body = new Uint8Array(await new Response(stream).arrayBuffer());
  return fetch(url, {
    method: "POST",
    body,
    headers: {
      "content-type": "application/x-compress",
      "user-agent": "OCS-NG_unified_unix_agent_v2.10.0",
    },
  });
}

/** Runs the real `ocsinventory-agent` once against `url` (`--force`); throws on failure. */
export async function runOcsAgent(
  url: string,
  basevardir: string,
  extra: string[] = [],
): Promise<void> {
  const out = await new Deno.Command(Deno.env.get("OCS_AGENT") ?? "ocsinventory-agent", {
    args: ["--nolocal", `--server=${url}`, `--basevardir=${basevardir}`, "--force", ...extra],
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!out.success) {
    throw new Error(
      `ocsinventory-agent failed (${out.code}): ${new TextDecoder().decode(out.stderr)}${
        new TextDecoder().decode(out.stdout)
      }`,
    );
  }
}
