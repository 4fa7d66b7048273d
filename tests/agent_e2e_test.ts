/**
 * End to end: OUR agent (`inventory agent`, as a child process) reports this machine to our
 * server (in-process, temporary data directory): the first inventory carries every section the
 * collectors produce here, the second only the CHECKSUM bits of what changed, a server-side TAG
 * change lands in `ocsinv.adm`, a `--local` file imports, and install/uninstall write then remove
 * exactly their files. The XML is checked against what a stock OCS server expects.
 *
 * @module
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { ALL_CHECKSUM_BITS } from "../agent/checksum.ts";
import { collectInventory } from "../agent/collect.ts";
import { liveProbe } from "../agent/collectors/probe.ts";
import { loadState, stateDirFor } from "../agent/state.ts";
import { USER_AGENT } from "../agent/transport.ts";
import {
  decodeReply,
  encodeBody,
  parseXml,
  readPrologReply,
  sectionSpec,
  writePrologRequest,
  type XmlElement,
} from "../protocol/mod.ts";
import type { DeviceDetail } from "../server/store/devices.ts";
import { runCli } from "./_helpers/cli.ts";
import { startTestServer } from "./_helpers/server.ts";
import { makeCertificates } from "./_helpers/certs.ts";

Deno.test("our agent reports to our server: sections, CHECKSUM diff, TAG push-back, UA gate", async (t) => {
  // The gate set to the stock OCS names only: our agent must pass it as the Unix agent.
  const server = await startTestServer({ userAgents: ["OCS-NG_unified_unix_agent"] });
  const tmp = await Deno.makeTempDir({ prefix: "inventory-agent-e2e-" });
  const endpoint = `${server.url}/ocsinventory`;
  const stateRoot = join(tmp, "state");
  const agent = (...extra: string[]) =>
    runCli(["agent", "--now", "--server", endpoint, "--state-dir", stateRoot, ...extra]);
  const api = async <T>(path: string, init?: RequestInit): Promise<T> => {
    const response = await fetch(`${server.url}/api/v1${path}`, server.authorized(init));
    assert.equal(response.status, 200, `${path}: HTTP ${response.status}`);
    return path.endsWith(".xml") ? await response.text() as T : await response.json() as T;
  };
  const sentXml = async (deviceId: string) =>
    parseXml(await api<string>(`/devices/${deviceId}/inventory.xml`));
  const stateDir = stateDirFor(stateRoot, endpoint);
  try {
    let deviceId = "";

    await t.step("first run: exit 0, every section the collectors produce is stored", async () => {
      const run = await agent("--tag", "T");
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /CHECKSUM 4194303 \(every section\)/);
      deviceId = loadState(stateDir, Deno.hostname()).deviceId;
      const device = await api<DeviceDetail>(`/devices/${deviceId}`);
      assert.equal(device.tag, "T");
      assert.equal(device.inventories, 1);
      assert.match(device.userAgent, /^OCS-NG_unified_unix_agent_v2\.10\.0$/);
      const { content } = await collectInventory(liveProbe());
      const expected = Object.keys(content).sort();
      const stored = Object.keys(device.sections);
      assert.deepEqual(expected.filter((s) => !stored.includes(s)), [], "sections missing");
      assert.equal(checksumOf(await sentXml(deviceId)), ALL_CHECKSUM_BITS);
    });

    await t.step("second run: only the bits of what changed (HARDWARE at least)", async () => {
      const run = await agent();
      assert.equal(run.code, 0, run.stderr);
      const checksum = checksumOf(await sentXml(deviceId));
      assert.notEqual(checksum, ALL_CHECKSUM_BITS);
      assert.equal(checksum & 1, 1);
      // Unchanged hardware stays clear (CPUS: 262144, SOFTWARES: 65536).
      assert.equal(checksum & (262144 | 65536), 0, `CHECKSUM ${checksum}`);
      const device = await api<DeviceDetail>(`/devices/${deviceId}`);
      assert.equal(device.inventories, 2);
    });

    await t.step("a server-side TAG change lands in ocsinv.adm", async () => {
      await api(`/devices/${deviceId}`, {
        method: "PATCH",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ tag: "FROM-SERVER" }),
      });
      const run = await agent("--tag", "T");
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /ACCOUNTINFO saved: TAG=FROM-SERVER/);
      assert.deepEqual(loadState(stateDir, Deno.hostname()).accountInfo, { TAG: "FROM-SERVER" });
      assert.equal((await api<DeviceDetail>(`/devices/${deviceId}`)).tag, "FROM-SERVER");
    });

    await t.step("the XML is what a stock OCS server reads", async () => {
      const root = await sentXml(deviceId);
      assert.equal(root.name, "REQUEST");
      assert.deepEqual(names(root), ["CONTENT", "DEVICEID", "QUERY"]);
      assert.equal(root.children![1]!.text, deviceId);
      assert.equal(root.children![2]!.text, "INVENTORY");
      const sections = names(root.children![0]!);
      assert.deepEqual(sections, [...sections].sort(), "sections in alphabetical order");
      for (const section of root.children![0]!.children!) {
        const spec = sectionSpec(section.name);
        if (!spec || spec.fields.length === 0) continue;
        for (const field of names(section)) {
          assert.ok(spec.fields.includes(field), `${section.name}/${field} is not documented`);
        }
      }
    });

    await t.step("the UA gate refuses another agent's PROLOG and accepts ours", async () => {
      const prolog = (userAgent: string) =>
        fetch(endpoint, {
          method: "POST",
          headers: { "user-agent": userAgent, "content-type": "application/x-compress" },
          body: encodeBody(writePrologRequest("gate-2026-11-21-00-00-00"), "zlib"),
        });
      const other = await prolog("inventory/0.1");
      assert.equal(other.status, 400);
      await other.body?.cancel();
      const ours = await prolog(USER_AGENT);
      assert.equal(ours.status, 200);
      const reply = readPrologReply(decodeReply(new Uint8Array(await ours.arrayBuffer())));
      assert.equal(reply.response, "SEND");
    });

    await t.step("install --now writes the config and reports at once with it", async () => {
      const root = join(tmp, "root");
      Deno.mkdirSync(root);
      const run = await runCli([
        "agent",
        "install",
        "--server",
        endpoint,
        "--tag",
        "Installed",
        "--root",
        root,
        "--init",
        "cron",
        "--now",
        "--state-dir",
        join(tmp, "installed-state"),
        "--logfile",
        join(tmp, "agent.log"),
      ]);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /Inventory of .+ sent to /);
      assert.match(Deno.readTextFileSync(join(tmp, "agent.log")), /\[info\] Inventory of /);
    });

    await t.step("unreachable server: exit 4; refusal: exit 5; nothing saved", async () => {
      const down = await runCli([
        "agent",
        "--server",
        "http://127.0.0.1:1/ocsinventory",
        "--state-dir",
        join(tmp, "down"),
      ]);
      assert.equal(down.code, 4, down.stderr);
      assert.match(down.stderr, /Cannot reach 127\.0\.0\.1:1/);
      // Only the DEVICEID is kept (so a retry is the same device); no last_state.
      const downDir = stateDirFor(join(tmp, "down"), "http://127.0.0.1:1/ocsinventory");
      assert.deepEqual([...Deno.readDirSync(downDir)].map((e) => e.name), ["ocsinv.conf"]);
      const refused = await runCli([
        "agent",
        "--server",
        `${server.url}/api/v1/nope`,
        "--state-dir",
        join(tmp, "refused"),
      ]);
      assert.equal(refused.code, 5, refused.stderr);
      assert.match(refused.stderr, /HTTP 40\d/);
    });
  } finally {
    await server.stop();
    await Deno.remove(tmp, { recursive: true }).catch(() => {});
  }
});

Deno.test("agent --local writes a .ocs that `inventory import` takes", async () => {
  const tmp = await Deno.makeTempDir({ prefix: "inventory-agent-local-" });
  try {
    const out = join(tmp, "out");
    const run = await runCli([
      "agent",
      "--local",
      out,
      "--state-dir",
      join(tmp, "state"),
      "--nosoftware",
    ]);
    assert.equal(run.code, 0, run.stderr);
    const files = [...Deno.readDirSync(out)].map((e) => e.name);
    assert.equal(files.length, 1);
    assert.match(files[0]!, /^.+-\d{4}(-\d{2}){5}\.ocs$/);
    const body = Deno.readFileSync(join(out, files[0]!));
    assert.deepEqual([...body.subarray(0, 2)], [0x78, 0x9c], "zlib");
    const imported = await runCli(["import", "--data", join(tmp, "data"), join(out, files[0]!)]);
    assert.equal(imported.code, 0, imported.stdout + imported.stderr);

    const stdout = await runCli([
      "agent",
      "--stdout",
      "--nosoftware",
      "--state-dir",
      join(tmp, "s"),
    ]);
    assert.equal(stdout.code, 0, stdout.stderr);
    assert.equal(parseXml(stdout.stdout).name, "REQUEST");
  } finally {
    await Deno.remove(tmp, { recursive: true }).catch(() => {});
  }
});

Deno.test("agent install/uninstall under --root write, then remove, exactly their files", async () => {
  const root = await Deno.makeTempDir({ prefix: "inventory-agent-root-" });
  try {
    Deno.mkdirSync(join(root, "run/systemd/system"), { recursive: true });
    const installed = await runCli([
      "agent",
      "install",
      "--server",
      "https://ocs.example.org/ocsinventory",
      "--tag",
      "Paris",
      "--root",
      root,
    ]);
    assert.equal(installed.code, 0, installed.stderr);
    assert.match(installed.stdout, /systemctl enable --now inventory-agent\.timer/);
    assert.deepEqual(filesUnder(root), [
      "etc/inventory-agent/agent.cfg",
      "etc/inventory-agent/install-manifest.json",
      "etc/logrotate.d/inventory-agent",
      "etc/systemd/system/inventory-agent.service",
      "etc/systemd/system/inventory-agent.timer",
    ]);
    const service = Deno.readTextFileSync(join(root, "etc/systemd/system/inventory-agent.service"));
    assert.match(
      service,
      /^ExecStart=.+ run --allow-all .*main\.ts agent --config \/etc\/inventory-agent\/agent\.cfg$/m,
    );

    Deno.mkdirSync(join(root, "c"));
    const cron = await runCli([
      "agent",
      "install",
      "--server",
      "ocs.lan",
      "--root",
      join(root, "c"),
      "--init",
      "cron",
    ]);
    assert.equal(cron.code, 0, cron.stderr);
    assert.deepEqual(filesUnder(join(root, "c")), [
      "etc/cron.daily/inventory-agent",
      "etc/inventory-agent/agent.cfg",
      "etc/inventory-agent/install-manifest.json",
      "etc/logrotate.d/inventory-agent",
    ]);
    assert.match(
      Deno.readTextFileSync(join(root, "c/etc/inventory-agent/agent.cfg")),
      /^server=http:\/\/ocs\.lan\/ocsinventory$/m,
    );

    for (const dir of [root, join(root, "c")]) {
      const removed = await runCli(["agent", "uninstall", "--root", dir]);
      assert.equal(removed.code, 0, removed.stderr);
    }
    assert.deepEqual(filesUnder(root), []);
    assert.deepEqual([...Deno.readDirSync(root)].map((e) => e.name).sort(), ["c", "run"]);
    const again = await runCli(["agent", "uninstall", "--root", root]);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /Nothing installed/);
  } finally {
    await Deno.remove(root, { recursive: true }).catch(() => {});
  }
});

Deno.test("agent: configuration mistakes exit 3 with a clear message", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const cfg = join(dir, "agent.cfg");
    Deno.writeTextFileSync(cfg, "server=http://127.0.0.1:1/ocsinventory\nssl=maybe\n");
    const bad = await runCli(["agent", "--config", cfg, "--state-dir", dir]);
    assert.equal(bad.code, 3);
    assert.match(bad.stderr, /ssl must be 0 or 1, got "maybe"/);
    const missing = await runCli(["agent", "--config", join(dir, "nope.cfg")]);
    assert.equal(missing.code, 3);
    assert.match(missing.stderr, /Cannot read the config file/);
    const none = await runCli(["agent", "--state-dir", dir]);
    assert.equal(none.code, 3);
    assert.match(none.stderr, /No server/);
    const usage = await runCli(["agent", "--bogus"]);
    assert.equal(usage.code, 2);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("our agent over HTTPS (CA file or --ssl 0) with Basic auth after the realm challenge", async () => {
  const dir = await Deno.makeTempDir({ prefix: "inventory-agent-tls-" });
  const { ca, cert, key } = await makeCertificates(dir);
  const server = await startTestServer({
    tlsCert: cert,
    tlsKey: key,
    agentUser: "agent",
    agentPassword: "s3cret pass",
    agentRealm: "Inventory Agents",
  });
  const endpoint = `${server.url}/ocsinventory`;
  const agent = (state: string, ...extra: string[]) =>
    runCli([
      "agent",
      "--server",
      endpoint,
      "--state-dir",
      join(dir, state),
      "--nosoftware",
      ...extra,
    ]);
  const credentials = ["--user", btoa("agent"), "--password", btoa("s3cret pass")];
  try {
    const verified = await agent("a", "--ca", ca, ...credentials, "--realm", "Inventory Agents");
    assert.equal(verified.code, 0, verified.stderr);
    const insecure = await agent("a", "--ssl", "0", ...credentials);
    assert.equal(insecure.code, 0, insecure.stderr);
    const untrusted = await agent("c", ...credentials);
    assert.equal(untrusted.code, 4, untrusted.stderr);
    const wrong = await agent("d", "--ca", ca, "--user", btoa("agent"), "--password", btoa("no"));
    assert.equal(wrong.code, 5, wrong.stderr);
    assert.match(wrong.stderr, /refused the credentials/);
    const realm = await agent("e", "--ca", ca, ...credentials, "--realm", "Other");
    assert.equal(realm.code, 5, realm.stderr);
    const client = trusting(ca);
    const devices = await fetch(`${server.url}/api/v1/devices`, { ...server.authorized(), client });
    assert.equal((await devices.json()).total, 1);
    client.close();
  } finally {
    await server.stop();
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  }
});

function trusting(ca: string): Deno.HttpClient {
  return Deno.createHttpClient({ caCerts: [Deno.readTextFileSync(ca)] });
}

function checksumOf(request: XmlElement): number {
  const content = request.children!.find((c) => c.name === "CONTENT")!;
  const hardware = content.children!.find((c) => c.name === "HARDWARE")!;
  return Number(hardware.children!.find((c) => c.name === "CHECKSUM")!.text);
}

function names(element: XmlElement): string[] {
  return (element.children ?? []).map((c) => c.name);
}

function filesUnder(root: string, dir = ""): string[] {
  const out: string[] = [];
  for (const entry of Deno.readDirSync(join(root, dir))) {
    const path = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory) out.push(...filesUnder(root, path));
    else out.push(path);
  }
  return out.sort();
}
