/**
 * HTTPS with --cert/--key, and HTTP Basic auth for agents: the real OCS Unix agent only sends
 * its credentials after a 401 challenge whose realm equals its configured realm.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { decodeReply, encodeBody, readPrologReply, writePrologRequest } from "../protocol/mod.ts";
import { defaultConfig } from "../server/config.ts";
import { createLogger } from "../server/log.ts";
import { startServer } from "../server/serve.ts";
import { makeCertificates } from "./_helpers/certs.ts";

const quiet = () => createLogger({ keep: 200, write: () => {} });

async function run(cmd: string, args: string[]): Promise<{ code: number; out: string }> {
  const output = await new Deno.Command(cmd, { args, stdout: "piped", stderr: "piped" }).output();
  const decoder = new TextDecoder();
  return { code: output.code, out: decoder.decode(output.stdout) + decoder.decode(output.stderr) };
}

Deno.test("serve --cert/--key answers agents over HTTPS, verified against the CA", async () => {
  const dir = Deno.makeTempDirSync();
  const paths = await makeCertificates(dir);
  const server = await startServer(
    defaultConfig(join(dir, "data"), {
      hostname: "127.0.0.1",
      port: 0,
      tlsCert: paths.cert,
      tlsKey: paths.key,
    }),
    { log: quiet() },
  );
  const client = Deno.createHttpClient({ caCerts: [Deno.readTextFileSync(paths.ca)] });
  try {
    assert.match(server.url, /^https:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${server.url}/ocsinventory`, {
      method: "POST",
      client,
      headers: { "user-agent": "OCS-NG_unified_unix_agent_v2.10.0" },
      body: encodeBody(writePrologRequest("tls-2026-11-21-00-00-00"), "zlib"),
    });
    assert.equal(response.status, 200);
    assert.equal(
      readPrologReply(decodeReply(new Uint8Array(await response.arrayBuffer()))).response,
      "SEND",
    );

    // The real agent verifies the server against the CA it is given (ssl=1 is its default).
    const agent = await run("ocsinventory-agent", [
      "--nolocal",
      "--server",
      `${server.url.replace("127.0.0.1", "localhost")}/ocsinventory`,
      "--nosoftware",
      `--basevardir=${join(dir, "agent")}`,
      `--ca=${paths.ca}`,
      "--ssl=1",
    ]);
    assert.equal(agent.code, 0, agent.out);
    assert.equal((await server.ctx.db.selectFrom("devices").selectAll().execute()).length, 1);
  } finally {
    client.close();
    await server.close();
  }
});

Deno.test("the real OCS agent authenticates after a 401 challenge with the configured realm", async () => {
  const dir = Deno.makeTempDirSync();
  const log = quiet();
  const server = await startServer(
    defaultConfig(join(dir, "data"), {
      hostname: "127.0.0.1",
      port: 0,
      agentUser: "agent",
      agentPassword: "s3cret pass",
      agentRealm: "Inventory Agents",
    }),
    { log },
  );
  try {
    const base = ["--nolocal", "--server", `${server.url}/ocsinventory`, "--nosoftware"];
    // The Unix agent takes user and password base64-encoded (Ocsinventory::Agent::Encrypt).
    const wrong = await run("ocsinventory-agent", [
      ...base,
      `--basevardir=${join(dir, "a1")}`,
      `--user=${btoa("agent")}`,
      `--password=${btoa("wrong")}`,
      "--realm=Inventory Agents",
    ]);
    assert.notEqual(wrong.code, 0, "wrong password must fail");
    assert.equal((await server.ctx.db.selectFrom("devices").selectAll().execute()).length, 0);

    const right = await run("ocsinventory-agent", [
      ...base,
      `--basevardir=${join(dir, "a2")}`,
      `--user=${btoa("agent")}`,
      `--password=${btoa("s3cret pass")}`,
      "--realm=Inventory Agents",
    ]);
    assert.equal(right.code, 0, right.out);
    assert.equal((await server.ctx.db.selectFrom("devices").selectAll().execute()).length, 1);

    // Bytes, as agents send (a string body would go out as text/plain: a browser's, 403).
    const anonymous = await fetch(`${server.url}/ocsinventory`, {
      method: "POST",
      body: new Uint8Array([0x78]),
    });
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.headers.get("www-authenticate"), 'Basic realm="Inventory Agents"');
    await anonymous.body?.cancel();
  } finally {
    await server.close();
  }
});
