import assert from "node:assert/strict";
import { join } from "node:path";
import { detectInit, install, readManifest, uninstall } from "./install.ts";
import type { InstallSettings } from "./install_files.ts";
import { parseConfigText } from "./config.ts";

const COMMAND = ["/usr/bin/deno", "run", "--allow-all", "/opt/inv entory/main.ts"];
const settings = (over: Partial<InstallSettings> = {}): InstallSettings => ({
  platform: "linux",
  config: { server: "http://ocs.lan/ocsinventory", tag: "Paris" },
  command: COMMAND,
  ...over,
});

/** Every file under `root`, relative, sorted. */
function tree(root: string, dir = ""): string[] {
  const out: string[] = [];
  for (const entry of Deno.readDirSync(join(root, dir))) {
    const path = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory) out.push(...tree(root, path));
    else out.push(path);
  }
  return out.sort();
}

Deno.test("install: systemd service and timer, config, logrotate; uninstall removes them all", () => {
  const root = Deno.makeTempDirSync();
  Deno.mkdirSync(join(root, "run/systemd/system"), { recursive: true });
  assert.equal(detectInit(root), "systemd");
  const plan = install(root, settings({ init: detectInit(root) }));
  assert.deepEqual(tree(root), [
    "etc/inventory-agent/agent.cfg",
    "etc/inventory-agent/install-manifest.json",
    "etc/logrotate.d/inventory-agent",
    "etc/systemd/system/inventory-agent.service",
    "etc/systemd/system/inventory-agent.timer",
  ]);
  assert.deepEqual(plan.enable, [
    "systemctl daemon-reload",
    "systemctl enable --now inventory-agent.timer",
  ]);
  const service = Deno.readTextFileSync(join(root, "etc/systemd/system/inventory-agent.service"));
  assert.match(
    service,
    /^ExecStart=\/usr\/bin\/deno run --allow-all "\/opt\/inv entory\/main.ts" agent --config \/etc\/inventory-agent\/agent.cfg$/m,
  );
  const timer = Deno.readTextFileSync(join(root, "etc/systemd/system/inventory-agent.timer"));
  assert.match(timer, /^OnCalendar=daily$/m);
  assert.match(timer, /^RandomizedDelaySec=14400$/m);
  // The config is an OCS cfg our own reader takes back, readable by root only.
  const cfg = join(root, "etc/inventory-agent/agent.cfg");
  assert.deepEqual(parseConfigText(Deno.readTextFileSync(cfg)).values, {
    server: "http://ocs.lan/ocsinventory",
    tag: "Paris",
    logfile: "/var/log/inventory-agent.log",
  });
  assert.equal(Deno.statSync(cfg).mode! & 0o777, 0o600);
  assert.match(
    Deno.readTextFileSync(join(root, "etc/logrotate.d/inventory-agent")),
    /^\/var\/log\/inventory-agent\.log \{/,
  );

  // Installing again changes nothing in the list.
  install(root, settings({ init: "systemd" }));
  assert.equal(tree(root).length, 5);

  const removed = uninstall(root);
  assert.deepEqual(removed!.disable, ["systemctl disable --now inventory-agent.timer"]);
  assert.deepEqual(tree(root), []);
  // Only the directories install created went; run/systemd/system was there before.
  assert.ok(Deno.statSync(join(root, "run/systemd/system")).isDirectory);
  assert.deepEqual([...Deno.readDirSync(root)].map((e) => e.name), ["run"]);
  assert.equal(uninstall(root), null);
});

Deno.test("install: cron.daily script without systemd; foreign files survive uninstall", () => {
  const root = Deno.makeTempDirSync();
  Deno.mkdirSync(join(root, "etc/cron.daily"), { recursive: true });
  Deno.writeTextFileSync(join(root, "etc/cron.daily/other"), "x");
  assert.equal(detectInit(root), "cron");
  install(root, settings());
  assert.deepEqual(tree(root), [
    "etc/cron.daily/inventory-agent",
    "etc/cron.daily/other",
    "etc/inventory-agent/agent.cfg",
    "etc/inventory-agent/install-manifest.json",
    "etc/logrotate.d/inventory-agent",
  ]);
  const script = join(root, "etc/cron.daily/inventory-agent");
  assert.equal(Deno.statSync(script).mode! & 0o777, 0o755);
  const text = Deno.readTextFileSync(script);
  assert.match(text, /^#!\/bin\/sh\n/);
  assert.match(text, /^sleep \$\(\( \$\(od -An -N2 -tu2 \/dev\/urandom\) % 14400 \)\)$/m);
  assert.match(text, /^exec \/usr\/bin\/deno run --allow-all '\/opt\/inv entory\/main.ts' agent/m);
  assert.equal(readManifest(root)!.init, "cron");

  Deno.writeTextFileSync(join(root, "etc/inventory-agent/notes"), "mine");
  uninstall(root);
  assert.deepEqual(tree(root), ["etc/cron.daily/other", "etc/inventory-agent/notes"]);
});

Deno.test("install: macOS launchd plist; Windows task XML in UTF-16 and the command to run", () => {
  const mac = Deno.makeTempDirSync();
  const macPlan = install(mac, settings({ platform: "darwin" }));
  assert.deepEqual(tree(mac), [
    "Library/LaunchDaemons/org.inventory.agent.plist",
    "etc/inventory-agent/agent.cfg",
    "etc/inventory-agent/install-manifest.json",
    "etc/newsyslog.d/inventory-agent.conf",
  ]);
  assert.deepEqual(macPlan.enable, [
    "launchctl bootstrap system /Library/LaunchDaemons/org.inventory.agent.plist",
  ]);
  uninstall(mac);
  assert.deepEqual(tree(mac), []);

  const win = Deno.makeTempDirSync();
  const winPlan = install(
    win,
    settings({ platform: "windows", command: ["C:\\inv\\inventory.exe"] }),
  );
  assert.deepEqual(tree(win), [
    "ProgramData/inventory-agent/agent.cfg",
    "ProgramData/inventory-agent/install-manifest.json",
    "ProgramData/inventory-agent/inventory-agent-task.xml",
  ]);
  const bytes = Deno.readFileSync(
    join(win, "ProgramData/inventory-agent/inventory-agent-task.xml"),
  );
  assert.deepEqual([...bytes.subarray(0, 2)], [0xff, 0xfe]);
  const xml = new TextDecoder("utf-16le").decode(bytes);
  assert.match(xml, /<Command>C:\\inv\\inventory\.exe<\/Command>/);
  assert.match(
    xml,
    /<Arguments>agent --config C:\\ProgramData\\inventory-agent\\agent\.cfg<\/Arguments>/,
  );
  assert.match(xml, /<RandomDelay>PT4H<\/RandomDelay>/);
  assert.deepEqual(winPlan.enable, [
    'schtasks /Create /TN "inventory-agent" /XML "C:\\ProgramData\\inventory-agent\\inventory-agent-task.xml" /F',
  ]);
  assert.deepEqual(uninstall(win)!.disable, ['schtasks /Delete /TN "inventory-agent" /F']);
  assert.deepEqual(tree(win), []);
});
