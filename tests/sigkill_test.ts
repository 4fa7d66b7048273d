/**
 * Crash safety: a server process killed with SIGKILL in the middle of a burst of inventories
 * loses none it acknowledged. Every DEVICEID that got a 200 is stored, complete, after a
 * restart on the same data directory, and SQLite's integrity check passes.
 */
import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { fileURLToPath } from "node:url";
import { encodeBody } from "../protocol/mod.ts";
import { cliAdminToken, withToken } from "./_helpers/auth.ts";
import { readFixtureText } from "./_helpers/fixtures.ts";

const MAIN = fileURLToPath(new URL("../main.ts", import.meta.url));
const OCS_UA = "OCS-NG_unified_unix_agent_v2.10.0";
const FULL_XML = readFixtureText("unixagent-2.10-debian12-full.xml");
const SOFTWARE_COUNT = 781;
const DEVICES = 300;
const CONCURRENCY = 16;
const KILL_AFTER = 100;

function deviceIdOf(i: number): string {
  return `kill${i}-2026-11-21-00-00-00`;
}

/** A port nobody listens on right now. */
function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

/** A server running as its own process (`main.ts serve`). */
interface ServerProcess {
  url: string;
  child: Deno.ChildProcess;
  /** Everything the process wrote on stderr so far (its log). */
  log(): string;
  /** SIGKILLs the process if it is still running and waits for it. Never throws. */
  kill(): Promise<void>;
}

async function spawnServer(dataDir: string): Promise<ServerProcess> {
  const port = freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", MAIN, "serve", "--data", dataDir, "--listen", `127.0.0.1:${port}`],
    stdin: "null",
    stdout: "null",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).spawn();
  // Drain stderr (a full pipe would block the server) and keep it for failure messages.
  let stderr = "";
  const decoder = new TextDecoder();
  const drained = child.stderr.pipeTo(
    new WritableStream({
      write(chunk) {
        stderr += decoder.decode(chunk, { stream: true });
      },
    }),
  ).catch(() => {});
  let exited = false;
  const status = child.status.then((s) => {
    exited = true;
    return s;
  });
  const server: ServerProcess = {
    url,
    child,
    log: () => stderr,
    async kill() {
      if (!exited) {
        try {
          child.kill("SIGKILL");
        } catch {
          // Already gone.
        }
      }
      await status;
      await drained;
    },
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) {
      await server.kill();
      throw new Error(`The server exited before answering:\n${stderr}`);
    }
    try {
      const response = await fetch(`${url}/healthz`);
      await response.body?.cancel();
      if (response.ok) return server;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await server.kill();
      throw new Error(`The server did not answer /healthz within 60 s:\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

Deno.test("SIGKILL mid-burst: every acknowledged inventory survives, the database is sound", async () => {
  const dataDir = await Deno.makeTempDir({ prefix: "inventory-sigkill-" });
  const bodies = Array.from({ length: DEVICES }, (_, i) =>
    encodeBody(
      FULL_XML.replace(/<DEVICEID>[^<]*<\/DEVICEID>/, `<DEVICEID>${deviceIdOf(i)}</DEVICEID>`)
        .replace("<NAME>vm</NAME>", `<NAME>kill${i}</NAME>`),
      "zlib",
    ));
  const processes: ServerProcess[] = [];
  try {
    // 1. The burst, and the kill in the middle of it.
    const first = await spawnServer(dataDir);
    processes.push(first);
    const acknowledged: string[] = [];
    const refused: { deviceid: string; status: number; body: string }[] = [];
    let failed = 0;
    let responses = 0;
    let next = 0;
    let killed: Promise<void> | null = null;
    const worker = async () => {
      while (next < DEVICES && killed === null) {
        const i = next++;
        try {
          const response = await fetch(`${first.url}/ocsinventory`, {
            method: "POST",
            body: bodies[i],
            headers: { "user-agent": OCS_UA, "content-type": "application/x-compress" },
          });
          // The 200 is sent only once the inventory's transaction has committed: the status
          // line alone is the acknowledgement, even if the body is cut by the kill.
          if (response.status === 200) acknowledged.push(deviceIdOf(i));
          const text = await response.text().catch(() => "");
          if (response.status !== 200) {
            refused.push({ deviceid: deviceIdOf(i), status: response.status, body: text });
          }
          responses++;
        } catch {
          failed++;
        }
        if (responses >= KILL_AFTER && killed === null) killed = first.kill();
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    assert.ok(killed !== null, "the server was killed mid-burst");
    await killed;
    const status = await first.child.status;
    assert.equal(status.signal, "SIGKILL", "the process died of SIGKILL");
    assert.deepEqual(refused, [], "no inventory was refused before the kill");
    assert.ok(acknowledged.length >= KILL_AFTER, `${acknowledged.length} acknowledged`);
    assert.ok(acknowledged.length < DEVICES, "the kill came before the end of the burst");

    // 2. Restart on the same data directory.
    const second = await spawnServer(dataDir);
    processes.push(second);
    const databasePath = `${dataDir}/inventory.sqlite`;
    const db = new DatabaseSync(databasePath, { readOnly: true });
    let storedCount = 0;
    try {
      const integrity = db.prepare("pragma integrity_check").all() as Record<string, string>[];
      assert.deepEqual(integrity.map((r) => Object.values(r)[0]), ["ok"]);
      assert.deepEqual(db.prepare("pragma foreign_key_check").all(), []);

      // Every acknowledged DEVICEID is stored.
      const stored = new Set(
        (db.prepare("select deviceid from devices").all() as { deviceid: string }[])
          .map((r) => r.deviceid),
      );
      const lost = acknowledged.filter((d) => !stored.has(d));
      assert.deepEqual(lost, [], `acknowledged but lost (of ${acknowledged.length})`);
      // Only inventories of the burst, none twice.
      assert.ok(stored.size >= acknowledged.length && stored.size <= DEVICES);
      storedCount = stored.size;

      // Every stored inventory is whole: all devices have the same sections, and the full
      // software list (an inventory is one transaction: all of it or nothing).
      const software = db.prepare(`
        select d.deviceid, s.entries from devices d
        left join device_sections s on s.device_id = d.id and s.section = 'SOFTWARES'
      `).all() as { deviceid: string; entries: number | null }[];
      const partial = software.filter((r) => r.entries !== SOFTWARE_COUNT);
      assert.deepEqual(partial, [], "devices without their 781 packages");
      const sectionCounts = db.prepare(`
        select count(*) as sections from device_sections group by device_id
      `).all() as { sections: number }[];
      assert.equal(sectionCounts.length, stored.size, "every device has sections");
      assert.equal(new Set(sectionCounts.map((r) => r.sections)).size, 1, "same section count");
      const payloads = db.prepare("select count(*) as n from device_payloads").get() as {
        n: number;
      };
      assert.equal(payloads.n, stored.size, "every device has its raw payload");
    } finally {
      db.close();
    }

    // The API of the restarted server agrees, for a few of them (first, middle, last acked).
    const sample = [0, acknowledged.length >> 1, acknowledged.length - 1].map((i) =>
      acknowledged[i]!
    );
    const token = await cliAdminToken(dataDir);
    for (const deviceid of sample) {
      const list = await fetch(
        `${second.url}/api/v1/devices?search=${encodeURIComponent(deviceid.split("-")[0]!)}`,
        withToken(token),
      );
      const found = await list.json() as { items: { id: number; deviceid: string }[] };
      const device = found.items.find((d) => d.deviceid === deviceid);
      assert.ok(device, `${deviceid} is listed by the API`);
      const detail = await fetch(`${second.url}/api/v1/devices/${device.id}`, withToken(token));
      const body = await detail.json() as { sections: Record<string, unknown> };
      assert.equal(detail.status, 200);
      const packages = body.sections.SOFTWARES;
      assert.ok(Array.isArray(packages), `${deviceid} has SOFTWARES`);
      assert.equal(packages.length, SOFTWARE_COUNT);
    }

    // And it takes new inventories: one the kill interrupted is accepted now.
    const missing = Array.from({ length: DEVICES }, (_, i) => i)
      .find((i) => !acknowledged.includes(deviceIdOf(i)))!;
    const retry = await fetch(`${second.url}/ocsinventory`, {
      method: "POST",
      body: bodies[missing],
      headers: { "user-agent": OCS_UA },
    });
    await retry.body?.cancel();
    assert.equal(retry.status, 200);
    console.log(
      `acknowledged ${acknowledged.length}, failed by the kill ${failed}, ` +
        `stored after restart ${storedCount} (all whole)`,
    );
  } catch (error) {
    for (const p of processes) console.error(`--- server log ---\n${p.log().slice(-4000)}`);
    throw error;
  } finally {
    for (const p of processes) await p.kill();
    await Deno.remove(dataDir, { recursive: true }).catch(() => {});
  }
});
