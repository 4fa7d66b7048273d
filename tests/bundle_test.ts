/**
 * `deno task bundle` makes one self-contained file that serves: copied away from the source
 * tree, it migrates a new database, decodes in its own workers and stores an inventory.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import {
  decodeReply,
  encodeBody,
  readInventoryReply,
  readPrologReply,
  writePrologRequest,
} from "../protocol/mod.ts";
import { cliAdminToken, withToken } from "./_helpers/auth.ts";
import { runCli } from "./_helpers/cli.ts";

const ROOT = new URL("..", import.meta.url).pathname;
const FULL = new URL("../../shared/fixtures/ocs/unixagent-2.10-debian12-full.xml", import.meta.url);

Deno.test("the bundle is one file that serves agents and answers the CLI", async () => {
  const away = Deno.makeTempDirSync();
  const bundle = join(away, "inventory.js");
  const built = await new Deno.Command(Deno.execPath(), {
    args: ["bundle", "--platform=deno", "--quiet", "-o", bundle, join(ROOT, "main.ts")],
    cwd: ROOT,
    stderr: "piped",
  }).output();
  assert.equal(built.code, 0, new TextDecoder().decode(built.stderr));

  const version = await runCli(["version", "--json"], { entry: bundle, cwd: away });
  assert.equal(version.code, 0, version.stderr);
  assert.match(JSON.parse(version.stdout).version, /^\d+\.\d+\.\d+/);

  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = listener.addr.port;
  listener.close();
  const data = join(away, "data");
  const server = new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-all", bundle, "serve", "--data", data, "--listen", `127.0.0.1:${port}`],
    cwd: away,
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  try {
    const url = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 100; i++) {
      try {
        await (await fetch(`${url}/healthz`)).body?.cancel();
        break;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    const headers = { "user-agent": "OCS-NG_unified_unix_agent_v2.10.0" };
    const deviceid = "bundle-2026-11-21-00-00-00";
    const prolog = await fetch(`${url}/ocsinventory`, {
      method: "POST",
      headers,
      body: encodeBody(writePrologRequest(deviceid), "zlib"),
    });
    assert.equal(prolog.status, 200);
    assert.equal(
      readPrologReply(decodeReply(new Uint8Array(await prolog.arrayBuffer()))).response,
      "SEND",
    );

    const xml = Deno.readTextFileSync(FULL).replace(/<DEVICEID>[^<]*</, `<DEVICEID>${deviceid}<`);
    const inventory = await fetch(`${url}/ocsinventory`, {
      method: "POST",
      headers,
      body: encodeBody(xml, "zlib"),
    });
    assert.equal(inventory.status, 200);
    const reply = readInventoryReply(decodeReply(new Uint8Array(await inventory.arrayBuffer())));
    assert.equal(reply.accountUpdate, null);

    // The API needs a token: made by the bundle's own CLI, as an operator would.
    const token = await cliAdminToken(data, { entry: bundle, cwd: away });
    const device = await (await fetch(`${url}/api/v1/devices/${deviceid}`, withToken(token)))
      .json();
    assert.equal(device.sections.SOFTWARES.length, 781);
  } finally {
    server.kill("SIGTERM");
    const status = await server.status;
    await server.stdout.cancel();
    await server.stderr.cancel();
    assert.ok(status.code === 0 || status.signal === "SIGTERM");
  }
  const list = await runCli(["devices", "--data", data, "--json"], { entry: bundle, cwd: away });
  assert.equal(JSON.parse(list.stdout).total, 1);
});
