import assert from "node:assert/strict";
import { join } from "node:path";
import {
  ConfigError,
  parseConfigText,
  readConfigFile,
  resolveSettings,
  serverUrl,
} from "./config.ts";

const FILE = `# written by hand
server = "https://ocs.example.org/ocsinventory"
TAG='Paris'
user=${btoa("agent")}
password=${btoa("s3cret pass")}
realm=Inventory Agents
ssl=0
basevardir=/srv/agent
nosoftware=1
proxy=http://proxy:3128
frobnicate=1
logfile=
`;

Deno.test("config: OCS cfg keys, quotes stripped, comments and empty values skipped", () => {
  const { values, warnings } = parseConfigText(FILE, "agent.cfg");
  assert.deepEqual(values, {
    server: "https://ocs.example.org/ocsinventory",
    tag: "Paris",
    user: btoa("agent"),
    password: btoa("s3cret pass"),
    realm: "Inventory Agents",
    ssl: "0",
    basevardir: "/srv/agent",
    nosoftware: "1",
  });
  assert.deepEqual(warnings, [
    'agent.cfg:10: ignored key "proxy"',
    'agent.cfg:11: unknown key "frobnicate"',
  ]);
  assert.throws(() => parseConfigText("server\n", "f"), /f:1: expected key=value/);
});

Deno.test("config: file values decoded; flags override the file", () => {
  const { values } = parseConfigText(FILE);
  const fromFile = resolveSettings(values, {});
  assert.equal(fromFile.server, "https://ocs.example.org/ocsinventory");
  assert.equal(fromFile.user, "agent");
  assert.equal(fromFile.password, "s3cret pass");
  assert.equal(fromFile.ssl, false);
  assert.equal(fromFile.noSoftware, true);
  assert.equal(fromFile.debug, false);
  assert.equal(fromFile.stateRoot, "/srv/agent");
  assert.equal(fromFile.tag, "Paris");

  const flags = resolveSettings(values, {
    server: "ocs2",
    tag: "Lyon",
    ssl: "1",
    "state-dir": "/tmp/s",
    debug: true,
  });
  assert.equal(flags.server, "http://ocs2/ocsinventory");
  assert.equal(flags.tag, "Lyon");
  assert.equal(flags.ssl, true);
  assert.equal(flags.stateRoot, "/tmp/s");
  assert.equal(flags.debug, true);

  // The Debian cfg sets local=; --nolocal drops it, as with the OCS agent.
  assert.equal(resolveSettings({ local: "/var/r" }, {}).local, "/var/r");
  assert.equal(resolveSettings({ local: "/var/r" }, { nolocal: true }).local, undefined);
  assert.equal(resolveSettings({}, {}).server, null);
});

Deno.test("config: mistakes are ConfigErrors with a clear message", () => {
  const bad: [Record<string, string>, RegExp][] = [
    [{ ssl: "maybe" }, /ssl must be 0 or 1, got "maybe"/],
    [{ nosoftware: "2" }, /nosoftware must be 0 or 1/],
    [{ user: btoa("a"), password: "not base64!" }, /password must be base64-encoded/],
    [{ user: btoa("a"), password: btoa("\xff\xfe") }, /password must be base64-encoded/],
    [{ user: btoa("a") }, /user and password go together/],
    [{ server: "ftp://x" }, /must be http:\/\/ or https:\/\//],
    [{ server: "bad host name" }, /is not a URL or host name/],
  ];
  for (const [file, message] of bad) {
    assert.throws(
      () => resolveSettings(file, {}),
      (e) => e instanceof ConfigError && message.test(e.message),
    );
  }
});

Deno.test("config: server URLs as the OCS agent builds them", () => {
  assert.equal(serverUrl("ocs.lan"), "http://ocs.lan/ocsinventory");
  assert.equal(serverUrl("ocs.lan:8080", "inv"), "http://ocs.lan:8080/inv");
  assert.equal(serverUrl("HTTPS://ocs.lan/x"), "HTTPS://ocs.lan/x");
});

Deno.test("config: files: missing is an error only when asked for", () => {
  const dir = Deno.makeTempDirSync();
  assert.deepEqual(readConfigFile(join(dir, "none.cfg"), false).values, {});
  assert.throws(() => readConfigFile(join(dir, "none.cfg")), /Cannot read the config file/);
  Deno.writeTextFileSync(join(dir, "a.cfg"), "server=h\r\ntag=t\r\n");
  assert.deepEqual(readConfigFile(join(dir, "a.cfg")).values, { server: "h", tag: "t" });
});
